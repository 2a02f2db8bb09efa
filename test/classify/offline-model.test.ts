import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PATH } from "../../bot/classify/classifier.ts";
import { loadOfflineClassifier, OfflineClassifier } from "../../bot/classify/offline-model.ts";
import { trainOfflineModel, type TrainingExample } from "../../bot/classify/offline-training.ts";
import { detectUrgency } from "../../bot/classify/urgency.ts";

const clf = loadOfflineClassifier(DEFAULT_MODEL_PATH);

// Fresh sentences, written for this test (not in the training or dev data).
const FRESH: Array<[string, string, string | null]> = [
  ["Đoạn đường trước chợ mới có cái hố sâu, tối qua hai người đi xe đạp bị ngã", "petition", "ha_tang"],
  ["bai rac canh cong vien boc mui nong nac, ruoi bay vao ca nha", "petition", "moi_truong"],
  ["Nhà số 14 xây lấn ra mặt ngõ gần 1m, đề nghị phường kiểm tra giấy phép", "petition", "dat_dai_xay_dung"],
  ["có nhóm thanh niên tụ tập hút chích ở gầm cầu, tối không ai dám đi qua", "petition", "an_ninh_trat_tu"],
  ["bố em là thương binh mà mấy tháng nay chưa nhận được trợ cấp", "petition", "an_sinh_xa_hoi"],
  ["trạm y tế không có thuốc hạ sốt cho trẻ em, phải đi mua ngoài", "petition", "y_te"],
  ["truong mam non thu tien dieu hoa ca nhung thang mua dong", "petition", "giao_duc"],
  ["nộp hồ sơ đăng ký thường trú 3 tuần chưa có kết quả, cán bộ không giải thích", "petition", "hanh_chinh"],
  ["Công trình cải tạo chợ xã bỏ dở 2 năm, đề nghị HĐND giám sát nhà thầu", "petition", "kinh_te_ngan_sach"],
  ["nhà văn hóa tổ 8 mái tôn thủng, mưa là dột hết", "petition", "van_hoa_xa_hoi"],
  ["Ban nào chủ trì giám sát việc thu chi ngân sách năm 2026?", "question", null],
  ["kiến nghị KN-2026-000777 của tôi xử lý đến đâu rồi ạ", "status", null],
  ["kien nghi cua toi gui tuan truoc xu ly chua", "status", null],
  ["chào buổi tối mọi người", "other", null],
  ["cảm ơn ad đã hỗ trợ", "other", null],
];

describe("offline model", () => {
  it.each(FRESH)("classifies %s", (text, intent, category) => {
    const c = clf.classify(text);
    expect({ intent: c.intent, category: c.category }).toEqual({ intent, category });
    expect(c.source).toBe("offline");
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThan(1);
  });

  it("only sets a category and urgency for petitions", () => {
    const q = clf.classify("quý này HĐND phường có việc gì phải làm?");
    expect(q).toMatchObject({ intent: "question", category: null, urgent: false });
  });

  it("flags urgent hazards", () => {
    expect(clf.classify("cây xà cừ đổ chắn ngang đường Trần Phú, đè lên dây điện").urgent).toBe(true);
    expect(clf.classify("dây điện bị đứt rơi xuống ngõ 12, đang tóe lửa").urgent).toBe(true);
    expect(clf.classify("nắp cống đầu ngõ 5 bị mất, hố sâu ngay giữa đường").urgent).toBe(true);
    expect(clf.classify("nước đang lên rất nhanh ở tổ 3, nhiều nhà ngập vào nhà rồi").urgent).toBe(true);
    expect(detectUrgency("kho phe lieu boc chay, khoi den kit")).toBe(true);
    expect(detectUrgency("Cháy lớn ở nhà số 20 ngõ 8, có người mắc kẹt, cần hỗ trợ gấp")).toBe(true);
    expect(detectUrgency("hồ sơ của tôi bị kẹt trong khâu thẩm định")).toBe(false);
    expect(clf.classify("đèn ngõ 7 hỏng 2 tuần rồi").urgent).toBe(false);
    expect(clf.classify("học phí tăng cao quá").urgent).toBe(false);
  });

  it("classifies in well under 2 ms per message once loaded", () => {
    const texts = FRESH.map((f) => f[0]);
    for (const t of texts) clf.classify(t); // warm-up
    const t0 = performance.now();
    const n = 20;
    for (let i = 0; i < n; i++) for (const t of texts) clf.classify(t);
    expect((performance.now() - t0) / (n * texts.length)).toBeLessThan(2);
  });

  it("trains a working model from rows (round trip through JSON)", () => {
    const rows: TrainingExample[] = [];
    const cats = [
      ["đèn đường hỏng", "ha_tang"],
      ["rác bốc mùi", "moi_truong"],
    ] as const;
    for (let i = 0; i < 30; i++) {
      for (const [t, c] of cats) rows.push({ text: `${t} ở ngõ ${i}`, intent: "petition", category: c });
      rows.push({ text: `kiến nghị KN-2026-${String(i).padStart(6, "0")} đến đâu rồi`, intent: "status", category: null });
      rows.push({ text: `ai chủ trì kế hoạch quý ${i % 4}`, intent: "question", category: null });
      rows.push({ text: ["cảm ơn", "chào ad", "ok ạ"][i % 3]!, intent: "other", category: null });
    }
    const model = trainOfflineModel(rows, { epochs: 10, minCount: 1 });
    const reloaded = new OfflineClassifier(JSON.parse(JSON.stringify(model)));
    expect(reloaded.classify("den duong ngo 99 hong").category).toBe("ha_tang");
    expect(reloaded.classify("rac o ngo 99 boc mui").category).toBe("moi_truong");
    expect(reloaded.classify("KN-2026-000999 đến đâu rồi").intent).toBe("status");
  });
});
