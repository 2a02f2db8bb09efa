import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../rag/ingest/ingest.ts";
import { inferEntry } from "../../rag/corpus/discover.ts";
import { createTestDb } from "../helpers/test-db.ts";

const REPO_CORPUS = path.resolve(import.meta.dirname, "../../corpus");

describe("corpus ingestion", () => {
  let dir: string;
  let env: Awaited<ReturnType<typeof createTestDb>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
    cpSync(REPO_CORPUS, dir, { recursive: true });
    env = await createTestDb();
  });
  afterAll(async () => {
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores every document's sections and tasks, then skips unchanged documents", async () => {
    const first = await ingestCorpus(env.db, { corpusDir: dir });
    expect(first.processed).toHaveLength(5);
    expect(await env.prisma.document.count()).toBe(5);
    const tasks = await env.prisma.task.count();
    expect(tasks).toBe(first.tasks);
    expect(tasks).toBeGreaterThan(400);
    // Catch-all agenda lines are not tasks.
    expect(await env.prisma.task.count({ where: { task: { contains: "một số nội dung khác thuộc thẩm quyền" } } })).toBe(0);

    const again = await ingestCorpus(env.db, { corpusDir: dir });
    expect(again.processed).toEqual([]);
    expect(again.unchanged).toHaveLength(5);
    expect(again.corpusHash).toBe(first.corpusHash);
  });

  it("re-processes only a document whose text changed", async () => {
    const file = path.join(dir, "documents", "004_c7146c0b9c6fa341.txt");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n- Thêm một dòng.\n`);
    const r = await ingestCorpus(env.db, { corpusDir: dir });
    expect(r.processed).toEqual(["004_c7146c0b9c6fa341.txt"]);
    expect(r.unchanged).toHaveLength(4);
  });

  it("adds a plain-text document dropped in without a manifest entry, and removes it when deleted", async () => {
    const file = path.join(dir, "documents", "900_tiep_xuc.txt");
    writeFileSync(file, "HỘI ĐỒNG NHÂN DÂN\nPHƯỜNG AN BÌNH\n\nKẾ HOẠCH\nTiếp xúc cử tri năm 2027 của HĐND phường An Bình\n\nI. NỘI DUNG\n- Tiếp xúc cử tri trước kỳ họp giữa năm 2027.\n");
    const added = await ingestCorpus(env.db, { corpusDir: dir });
    expect(added.processed).toEqual(["900_tiep_xuc.txt"]);
    const doc = await env.prisma.document.findUniqueOrThrow({ where: { file: "900_tiep_xuc.txt" }, include: { sections: true } });
    expect(doc.ward).toBe("An Bình");
    expect(doc.kind).toBe("kế hoạch");
    expect(doc.sections.map((s) => s.text).join(" ")).toContain("Tiếp xúc cử tri trước kỳ họp");

    unlinkSync(file);
    const removed = await ingestCorpus(env.db, { corpusDir: dir });
    expect(removed.removed).toEqual(["900_tiep_xuc.txt"]);
    expect(await env.prisma.document.count()).toBe(5);
  });
});

describe("inferEntry", () => {
  it("reads number, place, kind and term from a document's heading", () => {
    const e = inferEntry("x.txt", "Số: 12/KH-UBND\nXã Tân Lập, ngày 3 tháng 2 năm 2026\n\nKẾ HOẠCH\nPhòng chống thiên tai của UBND xã Tân Lập nhiệm kỳ 2026 - 2031\n");
    expect(e).toMatchObject({ number: "12/KH-UBND", ward: "Tân Lập", unitType: "xã", kind: "kế hoạch", issuerBody: "ubnd", term: { from: 2026, to: 2031 } });
  });
});
