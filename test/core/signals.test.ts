/**
 * What a message says beyond its classification. Examples are written here from how voters
 * type (not from the dev set): fragments, greetings, places, short problems, questions.
 */
import { describe, expect, it } from "vitest";
import { createMessageClassifier } from "../../bot/classify/message-classifier.ts";
import { loadConfig } from "../../bot/config.ts";
import { isPlaceOnly, looksLikeQuestion, problemVerdict } from "../../bot/core/dialogue/signals.ts";
import { silentLogger } from "../../bot/logger.ts";

const classifier = createMessageClassifier(loadConfig({}), silentLogger);
const verdict = (t: string) => problemVerdict(t, classifier.quick(t));

describe("problemVerdict", () => {
  it("fragments, greetings and announcements state no problem", () => {
    for (const t of ["bac o to 3", "go cham", "bac muon phan anh", "alo", "chào ad ạ", "Tôi muốn phản ánh một việc", "nhà tôi ở số 27 ngách 4 ngõ 60"]) {
      expect(verdict(t).hasProblem, t).toBe(false);
    }
  });

  it("short problems are problems, with or without diacritics", () => {
    for (const t of ["ổ gà to ở ngõ 3 tổ 3", "Kiet 76 ngap", "cờ bạc ở tổ dân phố 7 ạ", "phi cho cao qua", "hàng xóm lấn đất", "Hồ sơ chậm ạ", "đèn đường hư rồi"]) {
      expect(verdict(t).hasProblem, t).toBe(true);
    }
  });

  it("a name is not a problem word when typed with diacritics", () => {
    // "Hồng" is a name, "lần" a count, "thời hạn" a deadline: not "hỏng", "lấn", "thối".
    expect(verdict("Nghị quyết của phường Hồng An ban hành ngày nào?").cue).toBe(false);
    expect(verdict("HĐND họp mấy lần một năm?").cue).toBe(false);
    expect(verdict("Những việc nào không có thời hạn?").cue).toBe(false);
    expect(verdict("đèn đường ngõ 5 hỏng").cue).toBe(true);
    expect(verdict("den duong ngo 5 hong").cue).toBe(true);
  });
});

describe("isPlaceOnly", () => {
  it("answers to 'where?' are places; a place with a problem is not", () => {
    expect(isPlaceOnly("gần cổng trường tiểu học, đường Hoa Lâm")).toBe(true);
    expect(isPlaceOnly("so 45 ngo 12 pho hoa lam")).toBe(true);
    expect(isPlaceOnly("ngõ 5 ngập")).toBe(false);
    expect(isPlaceOnly("lam giay khai sinh cho chau noi can nhung giay to gi")).toBe(false);
  });
});

describe("looksLikeQuestion", () => {
  it("reads questions typed without a question mark", () => {
    expect(looksLikeQuestion("quý này có những việc gì")).toBe(true);
    expect(looksLikeQuestion("cho hỏi bao giờ sửa đường")).toBe(true);
    expect(looksLikeQuestion("đèn đường ngõ 5 hỏng")).toBe(false);
  });
});

describe("questions and places that fold alike", () => {
  it("'ở đầu ngõ' is a place, 'ở đâu' a question; 'khuyết tật' is not 'tắt'", () => {
    expect(looksLikeQuestion("ở đầu ngõ 5 có cái hố ga mất nắp")).toBe(false);
    expect(looksLikeQuestion("rác để ở đầu")).toBe(false);
    expect(looksLikeQuestion("làm căn cước ở đâu")).toBe(true);
    expect(looksLikeQuestion("cho e hoi thu tuc xin tro cap can nhung gi a")).toBe(true);
    expect(verdict("me em la nguoi khuyet tat").cue).toBe(false);
    expect(verdict("den duong ngo 5 tat het roi").cue).toBe(true);
  });
});
