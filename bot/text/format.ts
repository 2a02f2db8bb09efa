/** Chat formatting of petition status views (Vietnamese); plan answers: rag/answer/format.ts. */
import type { PetitionView } from "../petitions/lookup.ts";
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
