/** Staff commands: the review queue (paged), status updates by name, assignment by unit name. */
import { foldVietnamese } from "../../../rag/text/vietnamese.ts";
import { domainError } from "../../errors.ts";
import { normalizePetitionCode } from "../../petitions/codes.ts";
import { checkReplyQuality } from "../../petitions/reply-quality.ts";
import { assignUnit, moveStatus, reviewQueue } from "../../petitions/staff.ts";
import { statusLabel, STATUSES } from "../../petitions/status.ts";
import { allUnits } from "../../petitions/units.ts";
import type { Unit } from "../../../store/rows.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { commandTexts as C } from "../../text/commands.vi.ts";
import { cb, reviewCard } from "../staff-review.ts";
import type { Turn } from "../turn.ts";

const PAGE = 5;
/** Replies that answer the voter for good are checked before they go (iHanoi's top complaint: vague answers). */
const FINAL_ANSWERS: readonly string[] = ["resolved", "closed_unresolved", "referred"];

/** /hangdoi [trang]: waiting petitions, urgent first then oldest, five cards a page, with the true total. */
export async function queueCommand(turn: Turn, args: string[]): Promise<void> {
  const { deps, sink } = turn;
  const page = Math.max(1, Number(args[0]) || 1);
  const { items, total } = await reviewQueue(deps.db, turn.actor, { limit: PAGE, offset: (page - 1) * PAGE });
  if (total === 0) return sink.send({ text: T.queueEmpty });
  const pages = Math.ceil(total / PAGE);
  if (!items.length) return sink.send({ text: C.queuePastEnd(page, pages) });
  await sink.send({ text: T.queueHeader(total, page, pages) });
  for (const it of items) {
    const card = reviewCard(
      { code: it.code, originalText: it.text, category: it.category, confidence: it.confidence, classifierSource: it.classifierSource, location: it.location, urgent: it.urgent },
      it.suggestedUnit?.name ?? null,
    );
    await sink.send({ text: card.text, buttons: card.buttons });
  }
  if (page < pages) await sink.send({ text: C.queueNext(page + 1) });
}

/** Status phrases staff type, folded, longest first ("dang xu ly", "xong", "da giai quyet"). */
const TYPED_STATUS: Array<readonly [string, string]> = [
  ["khong giai quyet duoc", "closed_unresolved"],
  ["chuyen co quan khac", "referred"],
  ["chuyen co quan co tham quyen", "referred"],
  ["khong tiep nhan", "rejected"],
  ["dang xu ly", "in_progress"],
  ["dang giai quyet", "in_progress"],
  ["da giai quyet", "resolved"],
  ["da xu ly", "resolved"],
  ["da xong", "resolved"],
  ["hoan thanh", "resolved"],
  ["giai quyet", "resolved"],
  ["xu ly", "in_progress"],
  ["hoan tat", "closed"],
  ["dong", "closed"],
  ["xong", "resolved"],
  ["tu choi", "rejected"],
  ["chuyen", "referred"],
  ["mo lai", "in_progress"],
];
const STATUS_PHRASES = [...TYPED_STATUS, ...STATUSES.map((s): readonly [string, string] => [s.replace(/_/g, " "), s])].sort(
  (a, b) => b[0].split(" ").length - a[0].split(" ").length,
);

/** The status named at the start of `words` and how many words it took; null when none. */
export function parseStatusPhrase(words: string[]): { status: string; used: number } | null {
  const folded: string[] = words.map((w) => foldVietnamese(w).replace(/[^a-z0-9_]/g, "").replace(/_/g, " ").trim());
  const flat = folded.join(" ").split(" ").filter(Boolean);
  for (const [phrase, status] of STATUS_PHRASES) {
    const p = phrase.split(" ");
    if (p.every((w, i) => flat[i] === w)) {
      // Count typed words consumed (a typed word may hold several phrase words: "dang_xu_ly").
      let n = 0;
      let covered = 0;
      while (covered < p.length && n < folded.length) covered += (folded[n++] ?? "").split(" ").filter(Boolean).length;
      return { status, used: n };
    }
  }
  return null;
}

/** /capnhat <mã> <trạng thái> [ghi chú]; a vague reply to the voter asks for confirmation first. */
export async function updateCommand(turn: Turn, args: string[], confirmed = false): Promise<void> {
  const { deps, sink } = turn;
  const code = args[0] ? normalizePetitionCode(args[0]) : null;
  if (!code || args.length < 2) return sink.send({ text: T.capnhatUsage });
  const parsed = parseStatusPhrase(args.slice(1));
  if (!parsed) return sink.send({ text: C.unknownStatus(args.slice(1, 4).join(" ")) });
  const note = args.slice(1 + parsed.used).join(" ").trim() || null;
  if (!confirmed && FINAL_ANSWERS.includes(parsed.status)) {
    const p = await deps.db.petitions.byCode(code);
    if (!p) throw domainError("PETITION_NOT_FOUND", { code });
    const q = checkReplyQuality({ text: note ?? "", status: parsed.status, unitName: p.unitName, unitNamedByNotice: true });
    if (!q.ok) {
      turn.state.pending = { kind: "confirm_update", code, status: parsed.status, note };
      return sink.send({ text: C.vagueReply(q.missing, q.vague), buttons: [[{ label: C.sendAnyway, data: cb.confirmUpdate(code) }]] });
    }
  }
  const p = await moveStatus(deps.db, code, parsed.status, note, turn.actor, deps.petitions);
  deps.onOutbox?.();
  return sink.send({ text: T.staffDone(`${code} → ${statusLabel(p.status)}${note ? ` (${note})` : ""}. Cử tri sẽ được thông báo.`) });
}

/** Units whose folded name or code contains every typed word; the best first. */
export function matchUnits(units: readonly Unit[], query: string): Unit[] {
  const q = foldVietnamese(query).replace(/[^a-z0-9 ]+/g, " ").split(/\s+/).filter(Boolean);
  if (q.length === 0) return [];
  const exact = units.find((u) => u.code === query.trim() || foldVietnamese(u.name).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ").trim() === q.join(" "));
  if (exact) return [exact];
  const scored = units.map((u) => {
    const words = new Set(foldVietnamese(`${u.name} ${u.code.replace(/_/g, " ")}`).replace(/[^a-z0-9 ]+/g, " ").split(/\s+/).filter(Boolean));
    const hits = q.filter((w) => words.has(w) || [...words].some((x) => x.startsWith(w) && w.length >= 3)).length;
    return { u, hits };
  });
  const best = Math.max(...scored.map((s) => s.hits));
  if (best < Math.ceil(q.length * 0.6)) return [];
  return scored.filter((s) => s.hits === best).map((s) => s.u);
}

/** /phancong <mã> <đơn vị, gõ tên không dấu cũng được>. */
export async function assignCommand(turn: Turn, args: string[]): Promise<void> {
  const { deps, sink } = turn;
  const code = args[0] ? normalizePetitionCode(args[0]) : null;
  if (!code || !args[1]) return sink.send({ text: T.phancongUsage });
  const units = await allUnits(deps.db);
  const found = matchUnits(units, args.slice(1).join(" "));
  if (found.length !== 1) {
    const list = found.length ? found : units;
    return sink.send({ text: found.length ? C.unitAmbiguous(args.slice(1).join(" ")) : C.unitUnknown(args.slice(1).join(" ")), buttons: list.map((u) => [{ label: u.name, data: cb.setUnit(code, u.code) }]) });
  }
  const p = await assignUnit(deps.db, code, found[0]!.code, turn.actor, deps.petitions);
  deps.onOutbox?.();
  return sink.send({ text: T.staffDone(`${code} — giao ${p.unitName ?? found[0]!.name}.`) });
}
