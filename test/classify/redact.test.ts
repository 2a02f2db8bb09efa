import { describe, expect, it } from "vitest";
import { redact } from "../../lib/redact.ts";

const kinds = (t: string) => redact(t).found.map((f) => f.kind);

describe("redact", () => {
  it("phone numbers in Vietnamese formats", () => {
    for (const p of ["0912 345 678", "0912.345.678", "0912345678", "091-234-5678", "+84 912 345 678", "+84912345678", "(+84) 987 654 321", "84987654321", "024 3825 1234", "09xx.xxx.xxx"]) {
      const r = redact(`gọi ${p} nhé`);
      expect(r.text, p).toBe("gọi [SĐT] nhé");
      expect(r.found[0]).toMatchObject({ kind: "phone", value: p });
    }
  });

  it("national ID numbers: CCCD (12 digits) and CMND (9 digits)", () => {
    expect(redact("CCCD 001203004567").text).toBe("CCCD [CCCD]");
    expect(redact("số căn cước 001 203 004 567").text).toBe("số căn cước [CCCD]");
    expect(redact("cmnd 123456789 bị mất").text).toBe("cmnd [CCCD] bị mất");
    expect(kinds("cmnd 123456789")).toEqual(["cmnd"]);
  });

  it("e-mail addresses", () => {
    expect(redact("gửi về an.nguyen+hdnd@gmail.com giúp em").text).toBe("gửi về [EMAIL] giúp em");
  });

  it("names the voter introduces themself with", () => {
    expect(redact("Tôi tên là Nguyễn Văn A, cử tri tổ 3").text).toBe("Tôi tên là [TÊN], cử tri tổ 3");
    expect(redact("em là Lan ở tổ 5").text).toBe("em là [TÊN] ở tổ 5");
    expect(redact("toi ten la nguyen thi hoa, nha o ngo 5").text).toBe("toi ten la [TÊN], nha o ngo 5");
    expect(redact("Kính gửi HĐND. Tôi là Trần Thị Bích Ngọc, cử tri TDP 9.").text).toBe("Kính gửi HĐND. Tôi là [TÊN], cử tri TDP 9.");
    expect(redact("Họ và tên: Lê Văn Tám. Địa chỉ: ngõ 5").text).toBe("Họ và tên: [TÊN]. Địa chỉ: ngõ 5");
    expect(redact("mình tên Hùng nha").text).toBe("mình tên [TÊN] nha");
  });

  it("leaves ordinary self-descriptions, codes and amounts alone", () => {
    for (const t of ["Tôi là con liệt sĩ, đề nghị xem xét", "em là sinh viên năm 2", "tôi là cử tri TDP 3", "mã KN-2026-000123", "nhà 120m2, xây năm 2024, 3 tầng", "ngõ 27 tổ dân phố 4"]) {
      expect(redact(t)).toEqual({ text: t, found: [] });
    }
  });

  it("handles everything in one message and reports what it found", () => {
    const r = redact("Tôi tên là Phạm Minh Tuấn, sđt 0987654321, email tuan@example.vn, CCCD 031099001234");
    expect(r.text).toBe("Tôi tên là [TÊN], sđt [SĐT], email [EMAIL], CCCD [CCCD]");
    expect(r.found.map((f) => f.kind).sort()).toEqual(["cccd", "email", "name", "phone"]);
  });
});
