/**
 * The folds of rag/text/vietnamese.ts, the one place Vietnamese text loses its diacritics
 * (lib/redact, the classifier's place finder, the extractors and the web filters call them).
 */
import { describe, expect, it } from "vitest";
import { foldCollapsed, foldForMatching, foldSameLength, foldVietnamese } from "../../rag/text/vietnamese.ts";

describe("foldVietnamese and the folds built on it", () => {
  it("lower-cases, strips every diacritic and maps đ to d", () => {
    expect(foldVietnamese("Đường NGẬP ở Tổ dân phố 4")).toBe("duong ngap o to dan pho 4");
    expect(foldVietnamese("Quý IV/2026 – việc")).toBe("quy iv/2026 – viec");
  });

  it("foldCollapsed also collapses and trims white space", () => {
    expect(foldCollapsed("  Phúc   Lợi\n\tphường ")).toBe("phuc loi phuong");
    expect(foldCollapsed("   ")).toBe("");
  });

  it("foldForMatching keeps words, digits and slashes, one space between and at each end", () => {
    expect(foldForMatching("Quý 3/2027, tháng tới?")).toBe(" quy 3/2027 thang toi ");
    expect(foldForMatching("  -- Năm  sau!! ")).toBe(" nam sau ");
    expect(foldForMatching("")).toBe("  ");
  });
});

describe("foldSameLength", () => {
  it("keeps one unit per unit, so indexes point at the same place in the original", () => {
    const original = "Đèn ngõ 27 Tổ dân phố 4 hỏng".normalize("NFC");
    const folded = foldSameLength(original);
    expect(folded).toHaveLength(original.length);
    expect(folded).toBe("den ngo 27 to dan pho 4 hong");
    const at = folded.indexOf("to dan pho");
    expect(original.slice(at, at + "to dan pho".length)).toBe("Tổ dân phố");
  });

  it("agrees with foldVietnamese on NFC Vietnamese text", () => {
    const text = "Ông Nguyễn Văn Được ở thôn Đông Tác, ngách 5/12 phường Hòa Khánh".normalize("NFC");
    expect(foldSameLength(text)).toBe(foldVietnamese(text));
  });
});
