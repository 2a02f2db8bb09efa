/**
 * Staff review in chat: the review card with its buttons, and what each button does.
 * Every button press is authorised here (role) and in the services (ownership), and
 * every change goes through the services, which write history and notify the voter.
 */
import type { Petition } from "../../store/rows.ts";
import { domainError } from "../errors.ts";
import { normalizePetitionCode } from "../petitions/codes.ts";
import { assignUnit, confirmCategory, correctCategory, markDuplicate, reject } from "../petitions/staff.ts";
import { CATEGORY_IDS, isCategoryId } from "../petitions/types.ts";
import { allUnits } from "../petitions/units.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { categoryLabel } from "../text/petitions.vi.ts";
import { updateCommand } from "./commands/staff.ts";
import type { Turn } from "./turn.ts";
import type { Pending } from "./state.ts";
import { can, ROLE_LABEL } from "./roles.ts";
import type { Button } from "./types.ts";

/** Callback data formats (≤ 64 bytes). */
export const cb = {
  confirm: (code: string) => `rv:ok:${code}`,
  chooseCategory: (code: string) => `rv:cat:${code}`,
  setCategory: (code: string, cat: string) => `rv:sc:${code}:${cat}`,
  chooseUnit: (code: string) => `rv:unit:${code}`,
  setUnit: (code: string, unit: string) => `rv:su:${code}:${unit}`,
  reject: (code: string) => `rv:rej:${code}`,
  duplicate: (code: string) => `rv:dup:${code}`,
  rate: (code: string, n: number) => `rate:${code}:${n}`,
  confirmUpdate: (code: string) => `rv:cfm:${code}`,
};

export function reviewButtons(code: string): Button[][] {
  return [
    [
      { label: T.buttons.confirm, data: cb.confirm(code) },
      { label: T.buttons.changeCategory, data: cb.chooseCategory(code) },
    ],
    [
      { label: T.buttons.assign, data: cb.chooseUnit(code) },
      { label: T.buttons.reject, data: cb.reject(code) },
      { label: T.buttons.duplicate, data: cb.duplicate(code) },
    ],
  ];
}

export function reviewCard(
  p: Pick<Petition, "code" | "originalText" | "category" | "confidence" | "classifierSource" | "location" | "urgent">,
  suggestedUnit: string | null,
): { text: string; buttons: Button[][] } {
  const text = T.reviewCard({
    code: p.code,
    text: p.originalText.length > 500 ? `${p.originalText.slice(0, 497)}…` : p.originalText,
    category: categoryLabel(p.category),
    confidence: p.confidence,
    source: p.classifierSource,
    location: p.location,
    urgent: p.urgent,
    suggestedUnit,
  });
  return { text, buttons: reviewButtons(p.code) };
}

function parseCode(raw: string | undefined): string {
  const code = raw ? normalizePetitionCode(raw) : null;
  if (!code) throw domainError("PETITION_NOT_FOUND", { raw });
  return code;
}

/** A review button ("rv:<action>:<code>[:<arg>]"); staff only. */
export async function reviewCallback(turn: Turn, parts: string[]): Promise<void> {
  const { deps, sink, actor } = turn;
  const action = parts[1];
  if (!can(turn.role, "review")) return sink.send({ text: T.needsRole(ROLE_LABEL.staff) });

  const code = parseCode(parts[2]);
  // An unknown code is answered at once, not after a menu or a prompt for a typed reason.
  const current = await deps.db.petitions.byCode(code);
  if (!current) throw domainError("PETITION_NOT_FOUND", { code });
  switch (action) {
    case "ok": {
      // Confirmed by staff (a classified petition too): it leaves the review queue and waits for a unit.
      const p = await confirmCategory(deps.db, code, actor, deps.petitions);
      deps.onOutbox?.();
      return sink.send({ text: T.staffDone(`${code} — xác nhận lĩnh vực “${categoryLabel(p.category)}”.`), buttons: [[{ label: T.buttons.assign, data: cb.chooseUnit(code) }]] });
    }
    case "cat":
      return sink.send({
        text: T.chooseCategory(code),
        buttons: chunk(
          CATEGORY_IDS.map((c) => ({ label: categoryLabel(c), data: cb.setCategory(code, c) })),
          2,
        ),
      });
    case "sc": {
      const cat = parts[3];
      if (!isCategoryId(cat)) throw domainError("INVALID_CATEGORY", { cat });
      await correctCategory(deps.db, code, cat, actor, deps.petitions);
      deps.onOutbox?.();
      return sink.send({ text: T.staffDone(`${code} — lĩnh vực “${categoryLabel(cat)}”.`), buttons: [[{ label: T.buttons.assign, data: cb.chooseUnit(code) }]] });
    }
    case "unit": {
      const units = await allUnits(deps.db);
      return sink.send({ text: T.chooseUnit(code), buttons: chunk(units.map((u) => ({ label: u.name, data: cb.setUnit(code, u.code) })), 1) });
    }
    case "su": {
      const unitCode = parts[3] ?? "";
      const p = await assignUnit(deps.db, code, unitCode, actor, deps.petitions);
      deps.onOutbox?.();
      return sink.send({ text: T.staffDone(`${code} — giao ${p.unitName ?? unitCode}.`) });
    }
    case "rej":
      turn.state.pending = { kind: "reject_reason", code };
      return sink.send({ text: T.askRejectReason(code) });
    case "dup":
      turn.state.pending = { kind: "duplicate_of", code };
      return sink.send({ text: T.askDuplicateOf(code) });
    case "cfm": {
      // "Send anyway" after the quality warning: the reply kept in the pending prompt.
      const pending = turn.state.pending;
      if (pending?.kind !== "confirm_update" || pending.code !== code) return sink.send({ text: T.confirmExpired });
      turn.state.pending = null;
      return updateCommand(turn, [code, pending.status, ...(pending.note ? [pending.note] : [])], true);
    }
    default:
      return sink.send({ text: T.unknownCommand });
  }
}

/** Second step of a button that needs typed input (a reason, the original's code). */
export async function completeStaffPrompt(turn: Turn, pending: Extract<Pending, { kind: "reject_reason" | "duplicate_of" }>, text: string): Promise<void> {
  const { deps, sink, actor } = turn;
  if (!can(turn.role, "review")) return sink.send({ text: T.notAllowed });
  if (pending.kind === "reject_reason") {
    await reject(deps.db, pending.code, text.trim(), actor, deps.petitions);
    deps.onOutbox?.();
    return sink.send({ text: T.staffDone(`${pending.code} — không tiếp nhận. Lý do: ${text.trim()}`) });
  }
  const original = parseCode(text.trim());
  await markDuplicate(deps.db, pending.code, original, actor, deps.petitions);
  deps.onOutbox?.();
  return sink.send({ text: T.staffDone(T.duplicateDone(pending.code, original)) });
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
