import { describe, expect, it } from "vitest";
import { ChoiceBook, renderNumberedChoices, splitText } from "../../bot/channels/common.ts";
import type { Button } from "../../bot/core/types.ts";

const card = (code: string): Button[] => [
  { label: "✅ Xác nhận", data: `rv:ok:${code}` },
  { label: "✏️ Đổi lĩnh vực", data: `rv:cat:${code}` },
  { label: "🏢 Giao đơn vị", data: `rv:unit:${code}` },
];

describe("ChoiceBook", () => {
  it("numbers the buttons of all replies in one turn uniquely, and a number answers the right card", () => {
    const book = new ChoiceBook();
    book.startTurn("staff");
    const first = book.assign("staff", card("KN-1"));
    const second = book.assign("staff", card("KN-2"));
    const third = book.assign("staff", card("KN-3"));
    expect(first.map((c) => c.n)).toEqual([1, 2, 3]);
    expect(second.map((c) => c.n)).toEqual([4, 5, 6]);
    expect(third.map((c) => c.n)).toEqual([7, 8, 9]);
    // "5" is the second card's "Đổi lĩnh vực", not the last card's.
    expect(book.resolve("staff", "5")?.data).toBe("rv:cat:KN-2");
    expect(book.resolve("staff", "/9")?.data).toBe("rv:unit:KN-3");
    expect(book.resolve("staff", "10")).toBeUndefined();
    expect(book.resolve("staff", "5 cái")).toBeUndefined();
  });

  it("a new turn spends the old choices and numbers from 1 again", () => {
    const book = new ChoiceBook();
    book.assign("v", card("KN-1"));
    expect(book.resolve("v", "2")?.data).toBe("rv:cat:KN-1");
    book.startTurn("v");
    expect(book.resolve("v", "2")).toBeUndefined();
    expect(book.assign("v", card("KN-9"))[0]!.n).toBe(1);
  });

  it("notifications between turns continue the numbering while earlier choices live", () => {
    const book = new ChoiceBook();
    book.assign("v", card("KN-1"));
    const later = book.assign("v", [{ label: "Hài lòng", data: "rate:KN-1:5" }]);
    expect(later[0]!.n).toBe(4);
    expect(book.resolve("v", "1")?.data).toBe("rv:ok:KN-1");
    expect(book.resolve("v", "4")?.data).toBe("rate:KN-1:5");
  });

  it("keeps choices per chat, forgets them after the TTL and bounds the chats it remembers", () => {
    let t = 0;
    const book = new ChoiceBook({ ttlMs: 1000, now: () => t, maxChats: 2 });
    book.assign("a", card("A"));
    book.assign("b", card("B"));
    expect(book.resolve("b", "1")?.data).toBe("rv:ok:B");
    expect(book.resolve("c", "1")).toBeUndefined();
    t = 1001;
    expect(book.resolve("a", "1")).toBeUndefined();
    t = 2000;
    book.assign("c", card("C"));
    book.assign("d", card("D"));
    book.assign("e", card("E"));
    expect(book.size).toBe(2);
    expect(book.resolve("c", "1")).toBeUndefined(); // least recently used, dropped
    expect(book.resolve("e", "1")?.data).toBe("rv:ok:E");
  });

  it("renders numbered choices under the heading", () => {
    const book = new ChoiceBook();
    book.assign("x", [{ label: "A", data: "a" }]);
    const choices = book.assign("x", [{ label: "B", data: "b" }, { label: "C", data: "c" }]);
    expect(renderNumberedChoices("Chọn:", choices, "Trả lời số:")).toBe("Chọn:\n\nTrả lời số:\n2. B\n3. C");
    expect(renderNumberedChoices("Không có nút", [], "Trả lời số:")).toBe("Không có nút");
  });
});

describe("splitText", () => {
  it("leaves short text whole", () => {
    expect(splitText("Xin chào", 2000)).toEqual(["Xin chào"]);
    expect(splitText("", 2000)).toEqual([""]);
  });

  it("cuts at paragraph, then line, then sentence, then word boundaries, within the limit", () => {
    const para = "Đoạn một. ".repeat(30).trim();
    const text = `${para}\n\n${para}\n\n${para}`;
    const parts = splitText(text, 700);
    expect(parts.every((p) => p.length <= 700)).toBe(true);
    expect(parts[0]).toBe(`${para}\n\n${para}`);
    expect(parts.join("\n\n")).toBe(text);

    const sentences = "Câu thứ nhất khá dài. ".repeat(20).trim();
    const bySentence = splitText(sentences, 100);
    expect(bySentence.every((p) => p.length <= 100 && p.endsWith("."))).toBe(true);
    expect(bySentence.join(" ")).toBe(sentences);

    const words = "từ ".repeat(100).trim();
    expect(splitText(words, 50).every((p) => p.length <= 50 && !p.startsWith(" ") && !p.endsWith(" "))).toBe(true);
  });

  it("cuts a long word hard without splitting a surrogate pair", () => {
    const emoji = "😀".repeat(10); // 20 UTF-16 units
    const parts = splitText(emoji, 5);
    expect(parts.every((p) => p.length <= 5)).toBe(true);
    expect(parts.join("")).toBe(emoji);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});
