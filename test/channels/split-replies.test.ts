/** Long replies cut to a channel's limit: list items whole, nothing lost or reordered. */
import { describe, expect, it } from "vitest";
import { splitText as splitMessage } from "../../bot/channels/common.ts";
import { OA_TEXT_LIMIT as ZALO_MESSAGE_LIMIT } from "../../bot/channels/zalo-oa/client.ts";
import { TELEGRAM_TEXT_LIMIT as TELEGRAM_MESSAGE_LIMIT } from "../../bot/channels/telegram/render.ts";

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

});
