import { describe, expect, it } from "vitest";
import { formatAnswer, splitMessage, TELEGRAM_MESSAGE_LIMIT, ZALO_MESSAGE_LIMIT } from "../../rag/answer/format.ts";
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

/** Deterministic pseudo-random text: numbered items, paragraphs, long lines, emoji. */
function sampleReply(seed: number, items: number): string {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = () => ["nhiệm", "vụ", "giám", "sát", "chuyển", "đổi", "số", "HĐND", "phường", "🙂", "kỳ", "họp"][Math.floor(rnd() * 12)];
  const sentence = () => `${Array.from({ length: 5 + Math.floor(rnd() * 25) }, word).join(" ")}.`;
  const lines = [`Có ${items} nhiệm vụ đến hạn:`];
  for (let i = 1; i <= items; i++) lines.push(`${i}. ${Array.from({ length: 1 + Math.floor(rnd() * 3) }, sentence).join(" ")}`);
  return `${lines.join("\n")}\n\nNguồn:\n[1] Kế hoạch (000.txt)\n[2] Kế hoạch (002.txt)`;
}

const squash = (t: string) => t.replace(/\s+/g, "");

describe("splitMessage", () => {
  it("returns a short reply unchanged", () => {
    expect(splitMessage("Ngắn.", ZALO_MESSAGE_LIMIT)).toEqual(["Ngắn."]);
  });

  it.each([
    ["Telegram", TELEGRAM_MESSAGE_LIMIT],
    ["Zalo", ZALO_MESSAGE_LIMIT],
  ])("keeps every %s message under the limit, each list item whole, nothing lost or reordered", (_name, limit) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = sampleReply(seed, 120);
      const parts = splitMessage(text, limit);
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
      expect(squash(parts.join(""))).toBe(squash(text));
      // Items are short here, so every message starts with an item, the header or the sources.
      for (const p of parts) expect(p).toMatch(/^(\d+\. |Có \d+ nhiệm vụ|Nguồn:)/u);
      expect(parts.at(-1)).toContain("Nguồn:\n[1] Kế hoạch (000.txt)\n[2] Kế hoạch (002.txt)");
    }
  });

  it("cuts one over-long item at sentences, and a sentence without spaces anywhere, never inside an emoji", () => {
    const item = `1. ${"Giám sát chuyển đổi số của phường. ".repeat(80)}`;
    const parts = splitMessage(item, 300);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(300);
    expect(parts.slice(0, -1).every((p) => p.endsWith("."))).toBe(true);
    expect(squash(parts.join(""))).toBe(squash(item));

    const emoji = "🙂".repeat(400);
    const cut = splitMessage(emoji, 101);
    for (const p of cut) {
      expect(p.length).toBeLessThanOrEqual(101);
      expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u);
    }
    expect(cut.join("")).toBe(emoji);
  });

  it("refuses a limit no message could respect", () => {
    expect(() => splitMessage("x".repeat(50), 5)).toThrow(RangeError);
  });
});
