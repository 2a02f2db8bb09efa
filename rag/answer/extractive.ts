/**
 * The offline answer: the best evidence sentences quoted with their document and section.
 * Says plainly when the corpus does not contain the answer.
 */
import { syllables } from "../text/vietnamese.ts";
import type { Answer, Citation } from "./types.ts";
import type { EvidenceUnit } from "./evidence.ts";

/** Minimum share of the question's weighted terms the evidence must contain. */
export const FOUND_THRESHOLD = 0.45;

export const NOT_FOUND_TEXT =
  "Các văn bản hiện có (kế hoạch, chương trình, nghị quyết đã nạp) không có thông tin trả lời câu hỏi này. Anh/chị vui lòng liên hệ Văn phòng HĐND&UBND để được giải đáp.";

export function notFoundForPlace(place: string, docs: ReadonlyArray<{ unitType: string; ward: string }>): Answer {
  const covered = [...new Set(docs.map((d) => `${d.unitType} ${d.ward}`))].join(", ");
  return {
    answer: `Các văn bản hiện có không có thông tin về ${place}. Trợ lý hiện có kế hoạch, chương trình của: ${covered}.`,
    found: false,
    citations: [],
  };
}

export function citationFor(unit: EvidenceUnit): Citation {
  const quote = unit.text.replace(/\s+/g, " ").trim();
  return { doc: unit.chunk.chunk.doc, section: unit.chunk.chunk.section, quote: quote.length > 400 ? `${quote.slice(0, 397)}…` : quote };
}

/** The same content reached twice (a task row and its table section): most of the shorter one is in the longer. */
function nearlySame(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  // Bigrams: sharing common words is not sharing content.
  const pairs = (s: string) => {
    const w = syllables(s);
    return new Set(w.slice(1).map((x, i) => `${w[i]}_${x}`));
  };
  const sa = pairs(a);
  const sb = pairs(b);
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  return inter / (Math.min(sa.size, sb.size) || 1) >= 0.9;
}

export function answerExtractive(evidence: EvidenceUnit[], docTitle: (file: string) => string, threshold = FOUND_THRESHOLD): Answer {
  const best = evidence[0];
  if (!best || best.coverage < threshold) return { answer: NOT_FOUND_TEXT, found: false, citations: [] };
  // A second unit from another place when it is nearly as good: questions often need two facts.
  const picked: EvidenceUnit[] = [best];
  for (const u of evidence.slice(1)) {
    if (picked.length >= 3) break;
    if (u.coverage < Math.max(threshold, best.coverage * 0.75)) break;
    const same = picked.findIndex((p) => nearlySame(p.text, u.text));
    // The same content twice: keep the fuller wording (a prose bullet often details a table row).
    if (same >= 0) {
      if (u.text.length > picked[same]!.text.length * 1.3) picked[same] = u;
      continue;
    }
    picked.push(u);
  }
  const lines = picked.map((u) => {
    const where = `${docTitle(u.chunk.chunk.doc)}${u.chunk.chunk.section ? ` — ${u.chunk.chunk.section}` : ""}`;
    return `Theo ${where}:\n${u.text.trim()}`;
  });
  return { answer: lines.join("\n\n"), found: true, citations: picked.map(citationFor) };
}
