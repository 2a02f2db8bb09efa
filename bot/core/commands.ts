/**
 * Slash commands. Each checks the caller's role before doing anything; a voter never
 * reaches delegate or staff functions.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { localDate, monthPeriod, quarterPeriod } from "../../rag/dates/period.ts";
import { answerDueList } from "../../rag/answer/due-answer.ts";
import { normalizePetitionCode } from "../petitions/codes.ts";
import { periodFromDays, petitionReport, reportSummaryText } from "../petitions/reports.ts";
import { assignUnit, moveStatus, reviewQueue } from "../petitions/staff.ts";
import { domainError } from "../errors.ts";
import { STATUS_WORDS, conversationTexts as T } from "../text/conversation.vi.ts";
import { categoryLabel } from "../text/petitions.vi.ts";
import { statusLabel } from "../petitions/status.ts";
import type { Turn } from "./turn.ts";
import { can, type Capability } from "./roles.ts";
import { reviewCard } from "./staff-review.ts";

interface CommandHelpers {
  showStatus(code: string | null): Promise<void>;
}

const ALIASES: Record<string, string> = {
  start: "giup",
  help: "giup",
  huongdan: "giup",
  status: "trangthai",
  tinhtrang: "trangthai",
  queue: "hangdoi",
  update: "capnhat",
  report: "baocao",
  digest: "tonghop",
};

/** Returns false for an unknown command. */
export async function handleCommand(turn: Turn, text: string, h: CommandHelpers): Promise<boolean> {
  const [head = "", ...rest] = text.trim().split(/\s+/);
  // "/trangthai@MyBot" in Telegram groups.
  const raw = foldVietnamese(head.slice(1).split("@")[0] ?? "");
  const name = ALIASES[raw] ?? raw;
  const args = rest;
  const { deps, sink } = turn;
  const need = async (cap: Capability) => {
    if (can(turn.role, cap)) return true;
    await sink.send({ text: T.notAllowed });
    return false;
  };

  switch (name) {
    case "giup":
      await sink.send({ text: T.welcome(turn.role) });
      return true;
    case "trangthai":
      await h.showStatus(args[0] ?? null);
      return true;
    case "cuatoi":
      await h.showStatus(null);
      return true;
    case "viecquynay":
    case "viecthangnay": {
      if (!(await need("plan_shortcuts"))) return true;
      const today = localDate(deps.now());
      const period = name === "viecquynay" ? quarterPeriod(today.year, Math.floor((today.month - 1) / 3) + 1) : monthPeriod(today.year, today.month);
      const ward = deps.ward && deps.kb.documents.some((d) => d.ward === deps.ward) ? deps.ward : null;
      const tasks = deps.kb.due(period, { ward });
      await sink.send({ text: answerDueList(tasks, { period, ongoing: false, ward }).answer });
      return true;
    }
    case "tonghop": {
      if (!(await need("digest"))) return true;
      const days = Math.min(90, Math.max(1, Number(args[0]) || 7));
      const since = new Date(deps.now().getTime() - days * 86_400_000);
      const rows = [...(await deps.db.lists.countByCategorySince(since)).entries()];
      const total = rows.reduce((s, [, n]) => s + n, 0);
      if (!total) {
        await sink.send({ text: T.digestEmpty(days) });
        return true;
      }
      const lines = rows.sort((a, b) => b[1] - a[1]).map(([category, n]) => `• ${categoryLabel(category)}: ${n}`);
      await sink.send({ text: [T.digestHeader(days, total), ...lines].join("\n") });
      return true;
    }
    case "hangdoi": {
      if (!(await need("review"))) return true;
      const { items, total } = await reviewQueue(deps.db, turn.actor, { limit: 5 });
      if (!items.length) {
        await sink.send({ text: T.queueEmpty });
        return true;
      }
      await sink.send({ text: T.queueHeader(total) });
      for (const it of items) {
        const card = reviewCard(
          { code: it.code, originalText: it.text, category: it.category, confidence: it.confidence, classifierSource: it.classifierSource, location: it.location, urgent: it.urgent },
          it.suggestedUnit?.name ?? null,
        );
        await sink.send({ text: card.text, buttons: card.buttons });
      }
      return true;
    }
    case "capnhat": {
      if (!(await need("review"))) return true;
      const code = args[0] ? normalizePetitionCode(args[0]) : null;
      const word = args[1] ? foldVietnamese(args[1]).replace(/[^a-z_]/g, "") : "";
      const to = STATUS_WORDS[word] ?? word;
      if (!code || !to) {
        await sink.send({ text: T.capnhatUsage });
        return true;
      }
      const note = args.slice(2).join(" ").trim() || null;
      const p = await moveStatus(deps.db, code, to, note, turn.actor, deps.petitions);
      deps.onOutbox?.();
      await sink.send({ text: T.staffDone(`${code} → ${statusLabel(p.status)}${note ? ` (${note})` : ""}. Cử tri sẽ được thông báo.`) });
      return true;
    }
    case "phancong": {
      if (!(await need("review"))) return true;
      const code = args[0] ? normalizePetitionCode(args[0]) : null;
      if (!code || !args[1]) throw domainError("UNIT_REQUIRED", {});
      await assignUnit(deps.db, code, args[1], turn.actor, deps.petitions);
      deps.onOutbox?.();
      await sink.send({ text: T.staffDone(`${code} — giao ${args[1]}.`) });
      return true;
    }
    case "baocao": {
      if (!(await need("review"))) return true;
      const today = localDate(deps.now());
      const from = args[0] ?? `${today.year}-01-01`;
      const to = args[1] ?? `${today.year}-${String(today.month).padStart(2, "0")}-${String(today.day).padStart(2, "0")}`;
      const report = await petitionReport(deps.db, periodFromDays(from, to), deps.petitions);
      await sink.send({ text: reportSummaryText(report) });
      return true;
    }
    default:
      return false;
  }
}
