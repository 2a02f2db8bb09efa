/**
 * The offline answer: the best evidence sentences quoted with their document and section.
 * Says plainly when the corpus does not contain the answer.
 */
import type { Answer, Citation } from "./types.ts";
import type { EvidenceUnit } from "./evidence.ts";

/** Minimum share of the question's weighted terms the evidence must contain. */
export const FOUND_THRESHOLD = 0.45;

export const NOT_FOUND_TEXT =
  "Các văn bản hiện có (kế hoạch, chương trình, nghị quyết đã nạp) không có thông tin trả lời câu hỏi này. Anh/chị vui lòng liên hệ Văn phòng HĐND&UBND để được giải đáp.";

export function citationFor(unit: EvidenceUnit): Citation {
  const quote = unit.text.replace(/\s+/g, " ").trim();
  return { doc: unit.chunk.chunk.doc, section: unit.chunk.chunk.section, quote: quote.length > 400 ? `${quote.slice(0, 397)}…` : quote };
}

export function answerExtractive(evidence: EvidenceUnit[], docTitle: (file: string) => string, threshold = FOUND_THRESHOLD): Answer {
  const best = evidence[0];
  if (!best || best.coverage < threshold) return { answer: NOT_FOUND_TEXT, found: false, citations: [] };
  // A second unit from another place when it is nearly as good: questions often need two facts.
  const picked: EvidenceUnit[] = [best];
  for (const u of evidence.slice(1)) {
    if (picked.length >= 3) break;
    if (u.coverage < Math.max(threshold, best.coverage * 0.75)) break;
    if (picked.some((p) => p.text === u.text || p.text.includes(u.text) || u.text.includes(p.text))) continue;
    picked.push(u);
  }
  const lines = picked.map((u) => {
    const where = `${docTitle(u.chunk.chunk.doc)}${u.chunk.chunk.section ? ` — ${u.chunk.chunk.section}` : ""}`;
    return `Theo ${where}:\n${u.text.trim()}`;
  });
  return { answer: lines.join("\n\n"), found: true, citations: picked.map(citationFor) };
}
