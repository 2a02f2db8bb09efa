import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BruteForceVectorIndex } from "../../rag/retrieval/brute-force-store.ts";
import {
  createEmbeddings,
  LocalHashEmbeddings,
  OpenAICompatibleEmbeddings,
} from "../../rag/retrieval/embeddings.ts";
import { HnswVectorIndex } from "../../rag/retrieval/hnsw-store.ts";
import { HybridRetriever, reciprocalRankFusion } from "../../rag/retrieval/hybrid.ts";
import { LexicalIndex, lexicalTokens } from "../../rag/retrieval/lexical.ts";
import type { Chunk } from "../../rag/retrieval/types.ts";
import { BENCH_QUESTIONS, runRetrievalBench } from "../../scripts/bench-retrieval.ts";

const chunk = (id: string, text: string, doc = "a.txt", section = ""): Chunk => ({ id, doc, section, text, kind: "section" });

const CHUNKS: Chunk[] = [
  chunk("land", "Tăng cường khảo sát, giám sát chuyên đề công tác quản lý đất đai, trật tự xây dựng (Thường trực HĐND chủ trì).", "phuc-loi.txt"),
  chunk("env", "Giám sát việc thực hiện các nhiệm vụ bảo vệ môi trường, vệ sinh môi trường, thu gom và xử lý rác thải.", "phuc-loi.txt"),
  chunk("voters", "Tăng cường, đổi mới hoạt động tiếp xúc cử tri, tiếp công dân; tổng hợp kiến nghị chính đáng của cử tri.", "phuc-loi.txt"),
  chunk("q3", "Giám sát kết quả giải quyết kiến nghị cử tri. Thời gian: Quý III hằng năm. Lãnh đạo phụ trách: Chủ tịch HĐND.", "phuc-loi.txt"),
  chunk("budget", "Giám sát thu ngân sách trên địa bàn, nhất là các khoản thu từ đất đai, dịch vụ, thuế doanh nghiệp.", "nghi-duong.txt"),
  chunk("digital", "Triển khai mô hình kỳ họp HĐND không giấy; chuyển đổi số trong hoạt động của HĐND xã.", "nghi-duong.txt"),
  chunk("session", "Kỳ họp chuyên đề được tổ chức khi cần thiết để kịp thời quyết định các vấn đề phát sinh, cấp bách.", "nghi-duong.txt"),
  chunk("party", "Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 1 (tháng 10/2025), Văn phòng Đảng uỷ chủ trì chuẩn bị.", "bach-dang.txt"),
];

function randomChunks(n: number, seed = 7): Chunk[] {
  const words = "giám sát đất đai cử tri kỳ họp ngân sách môi trường chuyển đổi số đảng ủy phường xã kế hoạch quý nhiệm vụ chủ trì phối hợp".split(" ");
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i) =>
    chunk(`c${i}`, Array.from({ length: 12 }, () => words[Math.floor(rnd() * words.length)]!).join(" "), `d${i % 3}.txt`),
  );
}

const tmpDirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), "retrieval-test-"));
  tmpDirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("lexical BM25", () => {
  const index = LexicalIndex.build(CHUNKS.map((c) => ({ id: c.id, text: c.text })));

  it("gives the same ranking with and without diacritics", () => {
    const withMarks = index.search("ai chủ trì giám sát đất đai", 5);
    const folded = index.search("ai chu tri giam sat dat dai", 5);
    expect(withMarks[0]!.id).toBe("land");
    expect(folded).toEqual(withMarks);
  });

  it("matches arabic quarter numbers to roman ones", () => {
    expect(lexicalTokens("Quý III")).toContain("quy_3");
    // "Quy chế / quy định / quy trình" folds to the same "quy": only the number disambiguates.
    const withDistractor = LexicalIndex.build(
      [...CHUNKS, chunk("rules", "Căn cứ Quy chế làm việc của Ban Chấp hành; thực hiện đúng quy định, quy trình.")].map((c) => ({ id: c.id, text: c.text })),
    );
    expect(withDistractor.search("quy 3 co viec gi", 3)[0]!.id).toBe("q3");
    expect(withDistractor.search("quý III có việc gì", 3)[0]!.id).toBe("q3");
  });

  it("ranks the exact phrase above scattered syllables thanks to bigrams", () => {
    const docs = [
      { id: "phrase", text: "tổ chức giám sát đất đai tại phường" },
      { id: "scattered", text: "đất tổ chức đai giám phường sát tại" },
    ];
    const withBigrams = LexicalIndex.build(docs).search("giám sát đất đai", 2);
    expect(withBigrams[0]!.id).toBe("phrase");
    expect(withBigrams[0]!.score).toBeGreaterThan(withBigrams[1]!.score);
    // Same unigrams, same lengths: without bigrams the two cannot be told apart.
    const unigramsOnly = LexicalIndex.build(docs, { bigrams: false }).search("giám sát đất đai", 2);
    expect(unigramsOnly[0]!.score).toBeCloseTo(unigramsOnly[1]!.score, 10);
  });

  it("round-trips through JSON", () => {
    const loaded = LexicalIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(loaded.search("tiếp xúc cử tri", 3)).toEqual(index.search("tiếp xúc cử tri", 3));
  });

  it("applies the filter", () => {
    const hits = index.search("giám sát", 10, (id) => id !== "land" && id !== "env");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.id)).not.toContain("land");
    expect(hits.map((h) => h.id)).not.toContain("env");
  });
});

describe("reciprocal rank fusion", () => {
  it("orders a hand-made example", () => {
    const lists = [
      { name: "lexical", ids: ["a", "b", "c"] },
      { name: "vector", ids: ["c", "a", "d"] },
    ];
    // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
    const fused = reciprocalRankFusion(lists, 60);
    expect(fused.map((f) => f.id)).toEqual(["a", "c", "b", "d"]);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1]!.ranks).toEqual({ lexical: 3, vector: 1 });
    // Doubling the vector weight lets c overtake a: 1/63 + 2/61 > 1/61 + 2/62.
    const weighted = reciprocalRankFusion([lists[0]!, { ...lists[1]!, weight: 2 }], 60);
    expect(weighted.map((f) => f.id)).toEqual(["c", "a", "d", "b"]);
  });
});

describe("LocalHashEmbeddings", () => {
  it("is deterministic, normalised and diacritic-insensitive", async () => {
    const a = new LocalHashEmbeddings();
    const b = new LocalHashEmbeddings();
    const [v1, v2] = await a.embedDocuments(["Giám sát đất đai", "giam sat dat dai"]);
    const q = await b.embedQuery("Giám sát đất đai");
    expect(v1).toHaveLength(384);
    expect(q).toEqual(v1);
    expect(v2).toEqual(v1);
    for (const text of ["Tiếp xúc cử tri quý III", "", "và các"]) {
      const v = await a.embedQuery(text);
      expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    }
    const other = await a.embedQuery("kỳ họp không giấy");
    const cos = v1!.reduce((s, x, i) => s + x * other[i]!, 0);
    expect(cos).toBeLessThan(0.5);
  });
});

describe("vector stores", () => {
  const emb = new LocalHashEmbeddings({ dimensions: 64 });
  const chunks = randomChunks(300);

  it("HNSW save/load returns the same neighbours", async () => {
    const index = new HnswVectorIndex(emb, { m: 12, efConstruction: 100, efSearch: 64 });
    await index.add(chunks);
    expect(index.size).toBe(300);
    const queries = ["giám sát đất đai", "cu tri ky hop", "chuyển đổi số phường"].map((q) => emb.embedSync(q));
    const before = await Promise.all(queries.map((q) => index.search(q, 10)));
    const dir = await tmp();
    await index.save(dir);
    const loaded = await HnswVectorIndex.load(dir, emb);
    expect(loaded.size).toBe(300);
    expect(loaded.params).toEqual(index.params);
    const after = await Promise.all(queries.map((q) => loaded.search(q, 10)));
    expect(after).toEqual(before);
  });

  it("HNSW agrees with the brute-force store on a small set and honours filters", async () => {
    const hnsw = new HnswVectorIndex(emb, { efSearch: 300 });
    const brute = new BruteForceVectorIndex(emb);
    const vectors = await emb.embedDocuments(chunks.map((c) => c.text));
    await hnsw.add(chunks, vectors);
    await brute.add(chunks, vectors);
    const q = emb.embedSync("kế hoạch giám sát quý");
    const h = await hnsw.search(q, 10);
    const b = await brute.search(q, 10);
    expect(h.map((x) => x.id)).toEqual(b.map((x) => x.id));
    expect(h[0]!.distance).toBeCloseTo(b[0]!.distance, 5);
    const inDoc1 = new Set(chunks.filter((c) => c.doc === "d1.txt").map((c) => c.id));
    const filtered = await hnsw.search(q, 10, (id) => inDoc1.has(id));
    expect(filtered).toHaveLength(10);
    expect(filtered.every((x) => inDoc1.has(x.id))).toBe(true);
  });
});

describe("HybridRetriever", () => {
  const emb = new LocalHashEmbeddings();
  let retriever: HybridRetriever;
  beforeAll(async () => {
    retriever = await HybridRetriever.build(CHUNKS, emb);
  });

  it("finds the land-supervision chunk with and without diacritics", async () => {
    for (const q of ["ai chủ trì giám sát đất đai", "ai chu tri giam sat dat dai"]) {
      const hits = await retriever.search(q, { k: 3 });
      expect(hits[0]!.chunk.id).toBe("land");
      expect(hits.map((h) => h.rank)).toEqual([1, 2, 3]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    }
  });

  it("applies the filter predicate to both sources", async () => {
    const hits = await retriever.search("giám sát đất đai", { k: 5, filter: (c) => c.doc === "nghi-duong.txt" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.chunk.doc === "nghi-duong.txt")).toBe(true);
    expect(hits[0]!.chunk.id).toBe("budget");
  });

  it("persists, reports staleness and reloads", async () => {
    const dir = await tmp();
    const hash = HybridRetriever.contentHash(CHUNKS, emb);
    expect(retriever.hash).toBe(hash);
    expect(await HybridRetriever.needsRebuild(dir, hash)).toBe(true);
    await retriever.save(dir);
    expect(await HybridRetriever.needsRebuild(dir, hash)).toBe(false);
    const changed = CHUNKS.map((c) => (c.id === "env" ? { ...c, text: `${c.text} Cập nhật.` } : c));
    expect(await HybridRetriever.needsRebuild(dir, HybridRetriever.contentHash(changed, emb))).toBe(true);
    expect(HybridRetriever.contentHash(CHUNKS, new LocalHashEmbeddings({ dimensions: 256 }))).not.toBe(hash);
    // Build parameters are part of the hash: an index built with other ones is rebuilt...
    for (const config of [{ hnsw: { m: 16 } }, { hnsw: { efConstruction: 100 } }, { lexical: { k1: 1.5 } }, { lexical: { bigrams: false } }, { vectorStore: "brute-force" as const }]) {
      expect(HybridRetriever.contentHash(CHUNKS, emb, config), JSON.stringify(config)).not.toBe(hash);
    }
    // ...but the defaults spelled out, query-time efSearch and capacity are the same index.
    expect(HybridRetriever.contentHash(CHUNKS, emb, { hnsw: { m: 24, efConstruction: 200, randomSeed: 100, efSearch: 999, capacity: 5 }, lexical: { k1: 1.2, b: 0.75, bigrams: true } })).toBe(hash);

    const loaded = await HybridRetriever.load(dir, emb);
    for (const q of ["tiep xuc cu tri", "kỳ họp không giấy", "quy 3"]) {
      expect(await loaded.search(q)).toEqual(await retriever.search(q));
    }
    await expect(HybridRetriever.load(dir, new LocalHashEmbeddings({ dimensions: 256 }))).rejects.toThrow(/rebuild/);
    // A corrupted manifest reads as stale, not as a crash.
    await writeFile(path.join(dir, "manifest.json"), "{");
    expect(await HybridRetriever.needsRebuild(dir, hash)).toBe(true);
  });
});

describe("OpenAICompatibleEmbeddings", () => {
  let server: Server;
  let baseURL: string;
  const requests: { url?: string; method?: string; headers: IncomingHttpHeaders; body: any }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const body = JSON.parse(raw);
        requests.push({ url: req.url, method: req.method, headers: req.headers, body });
        if (req.method !== "POST" || req.url !== "/v1/embeddings") {
          res.writeHead(404).end();
          return;
        }
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        // Reversed on purpose: the client must order by `index`.
        const data = inputs
          .map((text, index) => ({ object: "embedding", index, embedding: [text.length, index, 1] }))
          .reverse();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts model and input in batches and keeps input order", async () => {
    requests.length = 0;
    const emb = new OpenAICompatibleEmbeddings({ baseURL, apiKey: "sk-test", embeddingModel: "vn-embed-small", batchSize: 2, timeoutMs: 5000 });
    const vectors = await emb.embedDocuments(["giám sát", "đất đai", "cử tri"]);
    expect(vectors).toEqual([
      [8, 0, 1],
      [7, 1, 1],
      [6, 0, 1],
    ]);
    expect(requests).toHaveLength(2);
    const bodies = requests.map((r) => r.body).sort((a, b) => b.input.length - a.input.length);
    expect(bodies[0]).toMatchObject({ model: "vn-embed-small", input: ["giám sát", "đất đai"], encoding_format: "float" });
    expect(bodies[1]).toMatchObject({ model: "vn-embed-small", input: ["cử tri"], encoding_format: "float" });
    expect(requests[0]!.headers.authorization).toBe("Bearer sk-test");

    requests.length = 0;
    expect(await emb.embedQuery("kỳ họp")).toEqual([6, 0, 1]);
    expect(requests[0]!.body).toMatchObject({ model: "vn-embed-small", input: ["kỳ họp"] });
    expect(emb.identity).toBe("openai:vn-embed-small");
  });

  it("createEmbeddings picks the remote model only when configured", () => {
    expect(createEmbeddings({})).toBeInstanceOf(LocalHashEmbeddings);
    expect(createEmbeddings({ baseURL })).toBeInstanceOf(LocalHashEmbeddings);
    expect(createEmbeddings({ baseURL, embeddingModel: "m" })).toBeInstanceOf(OpenAICompatibleEmbeddings);
    expect(createEmbeddings({ apiKey: "k", embeddingModel: "m" })).toBeInstanceOf(OpenAICompatibleEmbeddings);
  });
});

describe("bench-retrieval (smoke, small sizes)", () => {
  it("runs both parts and reports consistent figures", async () => {
    expect(BENCH_QUESTIONS.length).toBeGreaterThanOrEqual(200);
    const r = await runRetrievalBench({ syntheticSize: 1500, repetitions: 1, questions: BENCH_QUESTIONS.slice(0, 40) });
    expect(r.corpus.chunks).toBeGreaterThan(50);
    expect(r.corpus.hybrid.samples).toBe(40);
    expect(r.corpus.hybrid.p95Ms).toBeGreaterThan(0);
    const s = r.synthetic!;
    expect(s.chunks).toBe(1500);
    expect(s.hnsw.samples).toBe(40);
    expect(s.bruteForceExactAgreement).toBe(1);
    expect(s.recallAt10).toBeGreaterThanOrEqual(0.95);
  });
});
