import { describe, expect, it } from "vitest";
import { formatAnswer } from "../../rag/answer/format.ts";
import type { Answer } from "../../rag/answer/types.ts";

const titleOf = (doc: string) => `Kế hoạch ${doc.slice(0, 3)}`;

describe("formatAnswer", () => {
  it("puts the answer first, then one source line per document with its sections", () => {
    const a: Answer = {
      answer: "Có 2 nội dung:\n1. Một\n2. Hai",
      found: true,
      citations: [
        { doc: "000_a.txt", section: "II. A", quote: "Một" },
        { doc: "000_a.txt", section: "III. B", quote: "Hai" },
        { doc: "002_b.txt", section: "I. C", quote: "Ba" },
      ],
    };
    expect(formatAnswer(a, { titleOf })).toBe(
      "Có 2 nội dung:\n1. Một\n2. Hai\n\nNguồn:\n[1] Kế hoạch 000 — II. A; III. B (000_a.txt)\n[2] Kế hoạch 002 — I. C (002_b.txt)",
    );
  });

  it("labels the sources of a refusal as related information, and adds none when there are none", () => {
    const refusal: Answer = { answer: "Không có thông tin.", found: false, citations: [{ doc: "001_x.txt", section: "S", quote: "q" }] };
    expect(formatAnswer(refusal, { titleOf })).toContain("\n\nNguồn (thông tin liên quan):\n[1] Kế hoạch 001 — S (001_x.txt)");
    expect(formatAnswer({ ...refusal, citations: [] }, { titleOf })).toBe("Không có thông tin.");
  });

  it("counts the documents beyond the ones listed", () => {
    const citations = Array.from({ length: 7 }, (_, i) => ({ doc: `00${i}_d.txt`, section: "S", quote: "q" }));
    const text = formatAnswer({ answer: "x", found: true, citations }, { titleOf, maxSources: 5 });
    expect(text.match(/^\[\d\]/gm)).toHaveLength(5);
    expect(text).toContain("… và 2 văn bản khác.");
  });
});
