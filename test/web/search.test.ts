/**
 * The free-text search of the staff queue and the public list on the word index
 * (PetitionSearchTerm), on the suite's engine: word-prefix matching without diacritics, all
 * words required, the public scope blind to what anonymisation removed, and the same answers
 * whether the rarest word drives the search or every word is common (thresholds lowered).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { prefixUpperBound, searchLimits, searchWords } from "../../store/repos/web-search.ts";
import { indexTerms, publicSearchText, staffSearchText } from "../../web/data/store.ts";
import type { QueueFilter } from "../../web/data/types.ts";
import { startWebTestApp, type WebTestApp } from "../helpers/web-app.ts";

describe("word ranges", () => {
  it("bounds the words beginning with a prefix inside [0-9a-z]", () => {
    expect(prefixUpperBound("hoa")).toBe("hob");
    expect(prefixUpperBound("ngo9")).toBe("ngoa");
    expect(prefixUpperBound("4")).toBe("5");
    expect(prefixUpperBound("9")).toBe("a");
    expect(prefixUpperBound("az")).toBe("b");
    expect(prefixUpperBound("zz")).toBeNull();
    expect(() => prefixUpperBound("đ")).toThrow();
  });

  it("indexes folded letters and digits once, with the texts they occur in", () => {
    expect(searchWords(foldVietnamese("Đèn đường ngõ 12, phố Hoa Lâm — đèn hỏng!"))).toEqual(["den", "duong", "ngo", "12", "pho", "hoa", "lam", "hong"]);
    expect(searchWords("x".repeat(80))).toEqual(["x".repeat(64)]);
    const p = { code: "KN-2026-000001", originalText: "Tôi là Nguyễn Văn An, số 0912345678: cống ngõ 3 tắc", summary: null, location: "ngõ 3" };
    const terms = indexTerms(staffSearchText(p, null), publicSearchText(p, null));
    expect(terms.get("cong")).toBe(3); // both texts
    expect(terms.get("0912345678")).toBe(1); // staff only: the public text is anonymised
    expect(terms.get("nguyen")).toBe(1);
  });
});

const TEXTS = [
  "Đèn đường ngõ 12 phố Hoa Lâm hỏng cả tuần nay",
  "Đèn chiếu sáng ngõ 120 phố Hoa Lâm chập chờn",
  "Cống tổ dân phố 4 bị tắc, nước tràn ra đường",
  "Rác thải tập kết đầu ngõ 7 phố Hoa Lâm không được thu gom",
  "Ông Nguyễn Văn Bình, điện thoại 0912345678, báo ổ gà trên đường Nguyễn Văn Cừ",
  "Đường Nguyễn Văn Cừ ngập sâu sau mưa",
  "Tiếng ồn karaoke khu tập thể tổ dân phố 12 sau 23 giờ",
  "Ngõ 12 phố Hoa Lâm mất nước sạch hai ngày",
];

describe("search on the word index", () => {
  let t: WebTestApp;
  const codes: string[] = [];
  const saved = { ...searchLimits };
  beforeAll(async () => {
    t = await startWebTestApp();
    for (const [i, text] of TEXTS.entries()) {
      t.clock.now = new Date(Date.UTC(2026, 10, 1 + i, 3));
      codes.push(await t.file(`cutri-s${i}`, text));
    }
    while ((await t.deps.data.refreshSearchIndex(500)) > 0);
  });
  afterAll(async () => {
    Object.assign(searchLimits, saved);
    await t?.cleanup();
  });

  const filter = (q: string, extra: Partial<QueueFilter> = {}): QueueFilter => ({
    statuses: [],
    category: null,
    unitCode: null,
    urgent: null,
    overdue: false,
    channel: null,
    from: null,
    to: null,
    q: foldVietnamese(q),
    areas: null,
    sort: "oldest",
    page: 1,
    pageSize: 20,
    ...extra,
  });
  const staff = async (q: string, extra: Partial<QueueFilter> = {}) => {
    const page = await t.deps.data.queuePage(filter(q, extra), t.deps.now());
    return { codes: page.rows.map((r) => r.code), total: page.total, lowerBound: page.totalIsLowerBound };
  };
  const pub = async (q: string, page = 1, size = 20) => {
    const r = await t.deps.data.publicPage(foldVietnamese(q), page, size);
    return { codes: r.rows.map((x) => x.code).sort(), total: r.total, lowerBound: r.totalIsLowerBound };
  };
  const at = (...i: number[]) => i.map((n) => codes[n]!);

  /** What each query must find (staff: oldest first), whichever plan runs. */
  const expectations = async () => {
    // A prefix: "12" also begins "120"; words in any order; diacritics optional.
    expect(await staff("hoa lam ngo 12")).toEqual({ codes: at(0, 1, 7), total: 3, lowerBound: false });
    expect((await staff("12 ngõ")).codes).toEqual(at(0, 1, 7));
    expect((await staff("den hoa")).codes).toEqual(at(0, 1));
    expect((await staff("nguyen van cu")).codes).toEqual(at(4, 5));
    expect((await staff("0912345678")).codes).toEqual(at(4));
    expect((await staff(codes[3]!)).codes).toEqual(at(3)); // the code is three words: kn, 2026, 00000N
    expect((await staff("hoa lam xyz")).codes).toEqual([]);
    expect(await staff("???")).toMatchObject({ codes: [], total: 0 }); // text without a word finds nothing, not everything
    expect((await pub("…")).codes).toEqual([]);
    expect((await staff("duong", { statuses: ["classified"], page: 1 })).total).toBe(4);
    // The public text is anonymised: the voter's name and phone find nothing there.
    expect((await pub("0912345678")).codes).toEqual([]);
    expect((await pub("Nguyễn Văn Bình")).codes).toEqual([]);
    expect((await pub("o ga")).codes).toEqual(at(4));
    expect(await pub("hoa lam")).toEqual({ codes: at(0, 1, 3, 7).sort(), total: 4, lowerBound: false });
  };

  it("finds by word prefixes, all words required, with the rarest word driving", async () => {
    Object.assign(searchLimits, saved);
    await expectations();
  });

  it("gives the same answers when every word is common (read in list order, each word checked)", async () => {
    Object.assign(searchLimits, { driverMaxRows: 0, commonCountCap: 100 });
    await expectations();
  });

  it("counts common-word results only up to the cap, and still pages past it", async () => {
    Object.assign(searchLimits, { driverMaxRows: 0, commonCountCap: 2 });
    // Seven petitions have a word beginning with "d" (đèn, đường, dân…): counted to max(2, 2 pages of 1) → a lower bound.
    const first = await staff("d", { pageSize: 1 });
    expect(first).toMatchObject({ total: 2, lowerBound: true });
    expect(first.codes).toEqual(at(0));
    const third = await staff("d", { pageSize: 1, page: 3 });
    expect(third.codes).toEqual(at(2));
    expect(third.total).toBeGreaterThanOrEqual(4); // counted past the page asked for
    const all = await staff("d", { pageSize: 20 });
    expect(all).toMatchObject({ total: 7, lowerBound: false }); // under the page-based cap (40): exact
    const page = await t.app.inject({ url: "/cong-khai?q=d&trang=1" });
    expect(page.statusCode).toBe(200);
  });

  it("keeps a delegate's search inside their areas", async () => {
    Object.assign(searchLimits, saved);
    const area = (await t.tdb.prisma.petitionSearch.findUniqueOrThrow({ where: { petitionId: (await t.tdb.db.petitions.byCode(codes[2]!))!.id } })).area;
    expect(area).toBeTruthy();
    expect((await staff("duong", { areas: [area!] })).codes).toEqual(at(2));
    expect(await staff("duong", { areas: [] })).toMatchObject({ codes: [], total: 0 });
  });

  it("re-indexes a petition whose text changed and drops its old words", async () => {
    Object.assign(searchLimits, saved);
    const code = codes[2]!;
    const p = (await t.tdb.db.petitions.byCode(code))!;
    t.clock.now = new Date(Date.UTC(2026, 11, 1, 3));
    await t.tdb.db.petitions.update(p.id, { location: "kiệt 9 Lê Lợi", updatedAt: t.clock.now });
    while ((await t.deps.data.refreshSearchIndex(500)) > 0);
    expect((await staff("kiet le loi")).codes).toEqual([code]);
    expect(await t.tdb.prisma.petitionSearchTerm.count({ where: { petitionId: p.id, term: "kiet" } })).toBe(1);
    expect((await staff("cong tran")).codes).toEqual([code]); // the text's own words stay
  });
});
