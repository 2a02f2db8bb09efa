/** Delegates' commands: tasks due this quarter/month, new petitions by category, filing a voter's petition. */
import { localDate } from "../../../lib/time.ts";
import { monthPeriod, quarterPeriod } from "../../../rag/dates/period.ts";
import { answerDueList } from "../../../rag/answer/due-answer.ts";
import { extractLocation } from "../../classify/classifier.ts";
import { actorKey } from "../../petitions/history.ts";
import { petitionReport, periodFromDays, reportSummaryText } from "../../petitions/reports.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { categoryLabel } from "../../text/petitions.vi.ts";
import { fileAndQueue, sendOrQueue, urgentNote } from "../dialogue/actions.ts";
import { progressLabels, wardTasks } from "../dialogue/plan-progress.ts";
import type { Turn } from "../turn.ts";

/** /viecquynay, /viecthangnay: the ward's tasks due in this quarter or month, numbered, with progress. */
export async function dueCommand(turn: Turn, size: "quarter" | "month"): Promise<void> {
  const { deps } = turn;
  const today = localDate(deps.now());
  const period = size === "quarter" ? quarterPeriod(today.year, Math.floor((today.month - 1) / 3) + 1) : monthPeriod(today.year, today.month);
  const ward = deps.ward && deps.kb.documents.some((d) => d.ward === deps.ward) ? deps.ward : null;
  const tasks = deps.kb.due(period, { ward });
  const inWard = new Set(wardTasks(turn).map((t) => t.id));
  turn.state.listedTasks = tasks.filter((t) => inWard.has(t.id)).map((t) => t.id);
  const progress = await progressLabels(turn, tasks);
  const answer = answerDueList(tasks, { period, ongoing: false, ward }).answer;
  const withProgress = progress.size
    ? `${answer}\n\nTiến độ đã cập nhật:\n${tasks.flatMap((t, i) => (progress.has(t.id) ? [`${i + 1}. ${progress.get(t.id)}`] : [])).join("\n")}`
    : answer;
  await turn.sink.send({ text: tasks.length ? `${withProgress}\n\n${T.progressHint}` : withProgress });
}

/** /tonghop [ngày]: new petitions of the last days by category. */
export async function digestCommand(turn: Turn, args: string[]): Promise<void> {
  const { deps, sink } = turn;
  const days = Math.min(90, Math.max(1, Number(args[0]) || 7));
  const since = new Date(deps.now().getTime() - days * 86_400_000);
  const rows = [...(await deps.db.lists.countByCategorySince(since)).entries()];
  const total = rows.reduce((s, [, n]) => s + n, 0);
  if (!total) return sink.send({ text: T.digestEmpty(days) });
  const lines = rows.sort((a, b) => b[1] - a[1]).map(([category, n]) => `• ${categoryLabel(category)}: ${n}`);
  return sink.send({ text: [T.digestHeader(days, total), ...lines].join("\n") });
}

/**
 * /kiennghi <nội dung>: a delegate files a petition collected from a voter (a voter
 * meeting, tiếp xúc cử tri). It is marked as collected by that delegate, whose chat gets
 * its notices to pass on.
 */
export async function collectCommand(turn: Turn, args: string[]): Promise<void> {
  const text = args.join(" ").trim();
  if (text.length < 10) return turn.sink.send({ text: D.collectUsage });
  const quick = turn.deps.classifier.quick(text);
  const filed = await fileAndQueue(turn, { text, location: extractLocation(text), urgent: quick.urgent, collectedBy: actorKey(turn.actor) });
  const link = turn.deps.publicUrl ? `\n${T.publicProgress(turn.deps.publicUrl(filed.code))}` : "";
  await sendOrQueue(turn, { text: `${D.collected(filed.code)}${quick.urgent ? `\n${await urgentNote(turn)}` : ""}${link}` }, `ack:${filed.petitionId}`);
}

/** /baocao [từ] [đến]: the petition report of a period (default: this year so far). */
export async function reportCommand(turn: Turn, args: string[]): Promise<void> {
  const { deps, sink } = turn;
  const today = localDate(deps.now());
  const pad = (n: number) => String(n).padStart(2, "0");
  const from = args[0] ?? `${today.year}-01-01`;
  const to = args[1] ?? `${today.year}-${pad(today.month)}-${pad(today.day)}`;
  const period = periodFromDays(from, to);
  const report = await petitionReport(deps.db, period, deps.petitions);
  const file = deps.reportFile ? await deps.reportFile(period) : null;
  await sink.send({ text: reportSummaryText(report), ...(file ? { document: file } : {}) });
}
