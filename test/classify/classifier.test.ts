import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { classificationSchema, createClassifier, extractLocation, summarize } from "../../bot/classify/classifier.ts";
import { CATEGORY_IDS, INTENT_IDS, loadTaxonomy, parseTaxonomy, taxonomy } from "../../bot/classify/taxonomy.ts";
import { main as classifyCli } from "../../scripts/classify.ts";
import { evalClassify } from "../../scripts/eval-classify.ts";

const clf = createClassifier({ llm: null });

describe("taxonomy", () => {
  it("loads the shipped taxonomy with Vietnamese labels", () => {
    const t = taxonomy();
    expect(t.categories.map((c) => c.id)).toEqual([...CATEGORY_IDS]);
    expect(t.intents.map((c) => c.id)).toEqual([...INTENT_IDS]);
    expect(t.categoryLabel("ha_tang")).toBe("Hạ tầng, giao thông, điện, nước");
    expect(t.isCategoryId("giao_thong")).toBe(false);
    expect(loadTaxonomy().version).toBe(1);
  });

  it("rejects a taxonomy file that disagrees with the code", () => {
    const raw = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../corpus/taxonomy/petition-categories.json"), "utf8"));
    raw.categories = raw.categories.filter((c: { id: string }) => c.id !== "y_te");
    expect(() => parseTaxonomy(raw)).toThrow(/y_te/);
  });
});

describe("location extraction", () => {
  it.each([
    ["ngo 27 to dan pho 4 cu mua to la ngap", "ngõ 27, tổ dân phố 4"],
    ["Ngõ 86 phố Hoa Lâm bị tắc cống", "ngõ 86, phố Hoa Lâm"],
    ["thôn Đông Tác, xã Nghi Dương mất điện", "thôn Đông Tác"],
    ["thon Dong Tac xa Nghi Duong mat dien", "thôn Dong Tac"],
    ["mat dien o xom giua co 3 hom", "xóm giua"],
    ["TDP 5 phường Hồng An nước yếu", "tổ dân phố 5"],
    ["ngách 12/4 ngõ 15 ngập", "ngách 12/4, ngõ 15"],
    ["hẻm 45 đường Trần Phú mất đèn", "hẻm 45, đường Trần Phú"],
    ["o ga tren duong Pham Tu Nghia", "đường Pham Tu Nghia"],
    ["Khu tập thể C4 dây điện chằng chịt", "khu tập thể C4"],
    ["khu phố 3 mất nước", "khu phố 3"],
    ["NGÕ 9 KARAOKE ĐẾN 1H SÁNG", "ngõ 9"],
    // A number after "số" before a tổ/thôn/xóm is the house, as before a lane.
    ["so 12 to 4 nuoc thai tran ra duong", "số nhà 12, tổ 4"],
    ["nhà số 5 thôn 3 bị sạt tường", "số nhà 5, thôn 3"],
  ])("%s → %s", (text, expected) => {
    expect(extractLocation(text)).toBe(expected);
  });

  it("returns null when no place is named", () => {
    for (const t of ["mưa to lòng đường ngập", "tổ trưởng không xử lý", "duong ngap nuoc qua", "cảm ơn ad", "co so 3 to chuc cham"]) expect(extractLocation(t)).toBeNull();
  });
});

describe("summary", () => {
  it("takes the first meaningful sentence, redacted, on one line", () => {
    expect(
      summarize("Kính gửi Thường trực HĐND phường. Tôi là Nguyễn Văn Hòa, cử tri tổ dân phố số 9. Cống ngõ 86 bị tắc từ tháng 2.\nĐề nghị nạo vét."),
    ).toBe("Cống ngõ 86 bị tắc từ tháng 2.");
    expect(summarize("em là Lan ở tổ 5, đèn ngõ hỏng 2 tuần rồi ạ, sđt 0912345678")).toBe("đèn ngõ hỏng 2 tuần rồi ạ, sđt [SĐT]");
    expect(summarize("x ".repeat(200)).length).toBeLessThanOrEqual(161);
  });
});

describe("createClassifier (offline)", () => {
  it("returns a full classification that passes the zod schema", async () => {
    const c = await clf.classify("Kính gửi HĐND phường. Cây xà cừ ở ngõ 12 phố Trần Phú đổ chắn ngang đường, đè lên dây điện.");
    expect(classificationSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({ intent: "petition", category: "moi_truong", urgent: true, source: "offline", fallbackReason: null, location: "ngõ 12, phố Trần Phú" });
    expect(c.summary).toBe("Cây xà cừ ở ngõ 12 phố Trần Phú đổ chắn ngang đường, đè lên dây điện.");
    expect(clf.llmEnabled).toBe(false);
  });

  it("handles the three non-petition intents", async () => {
    expect(await clf.classify("đơn KN-2026-000123 của tôi đến đâu rồi")).toMatchObject({ intent: "status", category: null, urgent: false });
    expect(await clf.classify("ai chủ trì giám sát đất đai")).toMatchObject({ intent: "question", category: null });
    expect(await clf.classify("chào ad ạ")).toMatchObject({ intent: "other", category: null });
  });
});

function run(args: string[], input: string) {
  const inp = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => (stdout += d));
  err.on("data", (d) => (stderr += d));
  inp.end(input);
  return classifyCli(args, inp, out, err).then((code) => ({ code, stdout, stderr }));
}

describe("scripts/classify.ts", () => {
  const input = [
    JSON.stringify({ id: "m1", text: "ngõ 27 ngập sâu, đề nghị nạo vét cống" }),
    "{ not json",
    JSON.stringify({ id: "m2" }),
    JSON.stringify({ id: "m3", text: "kien nghi cua toi xu ly chua" }),
    "",
  ].join("\n");

  it("--json writes exactly id, intent, category, confidence, source; bad lines go to stderr", async () => {
    const r = await run(["--json", "--offline"], input);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => Object.keys(l))).toEqual([
      ["id", "intent", "category", "confidence", "source"],
      ["id", "intent", "category", "confidence", "source"],
    ]);
    expect(lines[0]).toMatchObject({ id: "m1", intent: "petition", category: "ha_tang", source: "offline" });
    expect(lines[1]).toMatchObject({ id: "m3", intent: "status", category: null });
    const errLines = r.stderr.trim().split("\n");
    expect(errLines).toHaveLength(2);
    expect(errLines[0]).toMatch(/^dòng 2 bị bỏ qua \/ line 2 skipped: JSON không hợp lệ/);
    expect(errLines[1]).toMatch(/^dòng 3 bị bỏ qua \/ line 3 skipped: text:/);
  });

  it("prints a readable line without --json", async () => {
    const r = await run(["--offline"], JSON.stringify({ id: "m1", text: "dây điện đứt rơi xuống ngõ 5 đang tóe lửa" }));
    expect(r.stdout).toMatch(/^m1 {2}petition\/ha_tang +0\.\d\d {2}offline {2}KHẨN {2}@ ngõ 5 {2}— dây điện đứt/);
  });
});

describe("scripts/eval-classify.ts", () => {
  it("reports accuracy, macro-F1, confusion and latency", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "eval-classify-"));
    const file = path.join(dir, "mini.jsonl");
    writeFileSync(
      file,
      [
        { id: "1", text: "đèn đường ngõ 9 hỏng cả tháng", intent: "petition", category: "ha_tang" },
        { id: "2", text: "rác ngõ 3 không ai thu bốc mùi", intent: "petition", category: "moi_truong" },
        { id: "3", text: "KN-2026-000001 xử lý chưa", intent: "status", category: null },
        { id: "4", text: "cảm ơn ad", intent: "other", category: null },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const r = await evalClassify(file, { print: false });
    expect(r.n).toBe(4);
    expect(r.intentAccuracy).toBe(1);
    expect(r.perCategory.find((c) => c.id === "ha_tang")).toMatchObject({ precision: 1, recall: 1, support: 1 });
    expect(r.categoryMacroF1).toBe(1);
    expect(r.latency.p95).toBeGreaterThan(0);
    expect(r.sources).toEqual({ offline: 4 });
  });
});
