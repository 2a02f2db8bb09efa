import { describe, expect, it } from "vitest";
import { extractFeatures, KN_CODE_TOKEN, normalizeText, normalizeTokens } from "../../bot/classify/features.ts";

const set = (t: string) => new Set(extractFeatures(t));

describe("features", () => {
  it("folds diacritics: 'duong ngap nuoc' ≡ 'Đường ngập nước'", () => {
    expect(set("duong ngap nuoc")).toEqual(set("Đường ngập nước"));
    expect(set("ĐƯỜNG NGẬP NƯỚC")).toEqual(set("duong ngap nuoc"));
    expect(extractFeatures("Đường ngập nước")).toEqual(expect.arrayContaining(["duong", "ngap", "nuoc", "duong_ngap", "ngap_nuoc"]));
  });

  it("expands chat shorthand after folding", () => {
    expect(normalizeText("ko đi đc, j z, ntn")).toBe("khong di duoc gi vay nhu the nao");
    expect(normalizeText("e hỏi mn bn tiền")).toBe("em hoi moi nguoi bao nhieu tien");
    expect(normalizeText("sđt của ad")).toBe("so dien thoai cua admin");
    expect(set("den ngo hong ko ai sua dc")).toEqual(set("đèn ngõ hỏng không ai sửa được"));
  });

  it("normalises administrative spellings and numbers", () => {
    expect(normalizeText("tổ dân phố 5")).toBe(normalizeText("TDP 12"));
    expect(normalizeText("Hội đồng nhân dân phường")).toBe("hdnd phuong");
    expect(normalizeTokens("ngõ 27")).toEqual(["ngo", "num"]);
  });

  it("marks petition codes in their usual spellings", () => {
    for (const t of ["KN-2026-000123", "kn 2026 000123", "mã 000045", "ma so 000312", "KN000311"]) {
      expect(normalizeTokens(`đơn ${t} đến đâu rồi`)).toContain(KN_CODE_TOKEN);
    }
  });

  it("squeezes stretched letters and keeps typo-robust char n-grams optional", () => {
    expect(normalizeText("quaaaa trời")).toBe("qua troi");
    expect(extractFeatures("ngập", { bigrams: false, charNgrams: [3] })).toEqual(expect.arrayContaining(["ngap", "#^ng", "#ap$"]));
    expect(extractFeatures("ngập", { bigrams: false, charNgrams: [] }).some((f) => f.startsWith("#"))).toBe(false);
  });
});
