/** Chat formatting of petition status views and plan answers (Vietnamese). */
import type { PetitionView } from "../petitions/lookup.ts";
import type { Answer } from "../../rag/answer/types.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { formatDateVi, petitionTexts } from "./petitions.vi.ts";

export function formatStatus(v: PetitionView): string {
  const lines = [
    petitionTexts.statusReply({
      code: v.code,
      statusLabel: v.statusLabel,
      categoryLabel: v.categoryLabel,
      unitName: v.unitName,
      dueAt: v.dueAt,
      duplicateOfCode: v.duplicateOfCode,
    }),
  ];
  if (v.history.length) {
    lines.push("Lịch sử:");
    for (const h of v.history.slice(-6)) lines.push(`• ${formatDateVi(h.at)} — ${h.statusLabel}${h.note ? ` (${h.note})` : ""}`);
  }
  if (v.rating !== null) lines.push(`Đánh giá của Ông/Bà: ${v.rating}/5.`);
  else if (v.status === "resolved") lines.push("Ông/Bà vui lòng đánh giá kết quả từ 1 đến 5.");
  return lines.join("\n");
}

/** An answer for chat: the text, then its sources by document title and section. */
export function formatAnswer(answer: Answer, kb: KnowledgeBase): string {
  if (!answer.found || answer.citations.length === 0) return answer.answer;
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const c of answer.citations) {
    const key = `${c.doc}|${c.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const title = kb.documents.find((d) => d.file === c.doc)?.title ?? c.doc;
    sources.push(`[${sources.length + 1}] ${title} — ${c.section} (${c.doc})`);
    if (sources.length >= 3) break;
  }
  return `${answer.answer}\n\nNguồn:\n${sources.join("\n")}`;
}
