/**
 * Every route of the web face through fastify.inject: sign-in required, roles, CSRF,
 * the staff actions through the petition services, and no personal data on any public
 * response (the cases of test/classify/redact.test.ts and test/security/privacy.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReplyQuality } from "../../bot/petitions/reply-quality.ts";
import { cookiesOf, csrfOf, startWebTestApp, type WebTestApp } from "../helpers/web-app.ts";

let t: WebTestApp;
let staff: { cookie: string; csrf: string };
let delegate: { cookie: string; csrf: string };
let voter: { cookie: string; csrf: string };
let codes: { pii: string; hidden: string; other: string; area4: string };

/** Personal data as voters type it (privacy.test.ts, redact.test.ts). */
const PII_TEXT =
  "Ổ gà lớn trước số nhà 9 ngõ 51 phố Hoa Lâm, tổ dân phố 3 rất nguy hiểm. Tôi là Nguyễn Thị Lan, SĐT 0912 345 678 hoặc +84 912345678, CCCD 012345678901, email nguyen.van.a@example.com, cmnd 123456789.";
const LEAKS: Array<[string, RegExp]> = [
  ["phone", /9\D{0,2}1\D{0,2}2\D{0,2}3\D{0,2}4\D{0,2}5\D{0,2}6\D{0,2}7\D{0,2}8/],
  ["cccd", /0\D{0,2}1\D{0,2}2\D{0,2}3\D{0,2}4\D{0,2}5\D{0,2}6\D{0,2}7\D{0,2}8\D{0,2}9\D{0,2}0\D{0,2}1/],
  ["cmnd", /123456789/],
  ["email", /nguyen\.van\.a|example\.com/i],
  ["name", /Nguyễn Thị Lan|Lan,/],
  ["house", /số nhà 9/],
  ["voter id", /cutri-pii/],
];
const leaks = (s: string) => LEAKS.filter(([, re]) => re.test(s)).map(([k]) => k);

beforeAll(async () => {
  t = await startWebTestApp();
  codes = {
    pii: await t.file("cutri-pii", PII_TEXT),
    hidden: await t.file("cutri-2", "Hàng xóm tổ dân phố 3 đánh nhau, việc nhạy cảm cần giữ kín", { category: "an_ninh_trat_tu" }),
    other: await t.file("cutri-3", "Đèn đường ngõ 12 phố Hoa Lâm tổ dân phố 3 hỏng cả tuần nay", { confidence: 0.4 }),
    area4: await t.file("cutri-4", "Cống tổ dân phố 4 bị tắc, nước tràn ra đường", { category: "moi_truong" }),
  };
  staff = await t.signIn("canbo-1", "staff");
  delegate = await t.signIn("daibieu-1", "delegate");
  voter = await t.signIn("cutri-x", "voter");
  await t.deps.data.setDelegateAreas("console", "daibieu-1", ["Tổ dân phố 3"]);
  await t.deps.data.refreshSearchIndex(1000);
  // Staff hide one petition through the service, as the console does.
  const page = await t.app.inject({ url: `/can-bo/kien-nghi/${codes.hidden}`, headers: { cookie: staff.cookie } });
  expect(page.statusCode).toBe(200);
  const hide = await t.app.inject({ method: "POST", url: `/can-bo/kien-nghi/${codes.hidden}/cong-khai`, headers: { cookie: staff.cookie }, payload: { _csrf: staff.csrf, public: "0", reason: "Nội dung nhạy cảm" } });
  expect(hide.statusCode).toBe(303);
});
afterAll(async () => t?.cleanup());

const GET_STAFF = ["/can-bo/", "/can-bo/tong-quan", "/can-bo/bao-cao", "/can-bo/bao-cao.csv", "/can-bo/bao-cao.xlsx", "/can-bo/khu-vuc", "/can-bo/ke-hoach", "/can-bo/bieu-do/linh-vuc.svg", "/can-bo/bieu-do/thang.png"];
const STAFF_ONLY_GET = ["/can-bo/tong-quan", "/can-bo/bao-cao", "/can-bo/bao-cao.csv", "/can-bo/bao-cao.xlsx", "/can-bo/khu-vuc", "/can-bo/bieu-do/linh-vuc.svg"];
const POST_STAFF = (code: string) => [
  `/can-bo/kien-nghi/${code}/xac-nhan`,
  `/can-bo/kien-nghi/${code}/linh-vuc`,
  `/can-bo/kien-nghi/${code}/giao`,
  `/can-bo/kien-nghi/${code}/trang-thai`,
  `/can-bo/kien-nghi/${code}/trung`,
  `/can-bo/kien-nghi/${code}/tu-choi`,
  `/can-bo/kien-nghi/${code}/cong-khai`,
  `/can-bo/kien-nghi/${code}/khu-vuc`,
  "/can-bo/hang-loat",
  "/can-bo/khu-vuc",
];

describe("access control", () => {
  it("every staff page and action sends a signed-out browser to the sign-in page", async () => {
    for (const url of [...GET_STAFF, `/can-bo/kien-nghi/${codes.other}`]) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(303);
      expect(r.headers.location, url).toBe("/can-bo/dang-nhap");
    }
    for (const url of [...POST_STAFF(codes.other), "/can-bo/dang-xuat"]) {
      const r = await t.app.inject({ method: "POST", url, payload: { _csrf: "x" } });
      expect(r.statusCode, url).toBe(303);
      expect(r.headers.location).toBe("/can-bo/dang-nhap");
    }
  });

  it("a voter's session gets 403 everywhere; a delegate gets 403 on staff pages, actions and other areas", async () => {
    for (const url of [...GET_STAFF, `/can-bo/kien-nghi/${codes.other}`]) {
      expect((await t.app.inject({ url, headers: { cookie: voter.cookie } })).statusCode, url).toBe(403);
    }
    for (const url of STAFF_ONLY_GET) expect((await t.app.inject({ url, headers: { cookie: delegate.cookie } })).statusCode, url).toBe(403);
    for (const url of POST_STAFF(codes.other)) {
      const r = await t.app.inject({ method: "POST", url, headers: { cookie: delegate.cookie }, payload: { _csrf: delegate.csrf } });
      expect(r.statusCode, url).toBe(403);
    }
    expect((await t.app.inject({ url: `/can-bo/kien-nghi/${codes.area4}`, headers: { cookie: delegate.cookie } })).statusCode).toBe(403);
  });

  it("a delegate reads the queue and petitions of their area, anonymised and without actions", async () => {
    const q = await t.app.inject({ url: "/can-bo/", headers: { cookie: delegate.cookie } });
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(codes.other);
    expect(q.body).not.toContain(codes.area4);
    const p = await t.app.inject({ url: `/can-bo/kien-nghi/${codes.pii}`, headers: { cookie: delegate.cookie } });
    expect(p.statusCode).toBe(200);
    expect(leaks(p.body.replace(/cutri-pii/g, ""))).toEqual([]);
    expect(p.body).not.toContain("/xac-nhan");
    expect((await t.app.inject({ url: "/can-bo/ke-hoach", headers: { cookie: delegate.cookie } })).statusCode).toBe(200);
  });

  it("every form post without the CSRF token (or with a wrong one) is refused with 403", async () => {
    for (const url of POST_STAFF(codes.other)) {
      expect((await t.app.inject({ method: "POST", url, headers: { cookie: staff.cookie }, payload: { category: "moi_truong" } })).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: "POST", url, headers: { cookie: staff.cookie }, payload: { _csrf: "wrong", category: "moi_truong" } })).statusCode, url).toBe(403);
    }
    for (const url of ["/can-bo/dang-nhap", "/can-bo/dang-nhap/ma", "/can-bo/dang-nhap/lien-ket", "/can-bo/dang-xuat"]) {
      expect((await t.app.inject({ method: "POST", url, headers: { cookie: staff.cookie }, payload: { channel: "console", user: "canbo-1" } })).statusCode, url).toBe(403);
    }
  });

  it("pages carry a strict CSP and no inline script", async () => {
    const r = await t.app.inject({ url: "/cong-khai" });
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(r.body).not.toMatch(/\sstyle="/);
    expect(r.headers["x-frame-options"]).toBeDefined();
  });
});

describe("sign-in without a password", () => {
  async function requestCode(user: string) {
    const page = await t.app.inject({ url: "/can-bo/dang-nhap" });
    const cookie = cookiesOf(page.headers["set-cookie"]);
    const r = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap", headers: { cookie }, payload: { _csrf: csrfOf(page.body), channel: "console", user } });
    return { r, cookie: [cookie, cookiesOf(r.headers["set-cookie"])].join("; "), csrf: csrfOf(page.body) };
  }

  it("sends a single-use code to the person's own chat through the outbox; the code signs the browser in", async () => {
    const { r, cookie, csrf } = await requestCode("canbo-1");
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe("/can-bo/dang-nhap/ma");
    const row = await t.tdb.prisma.outbox.findFirstOrThrow({ where: { channel: "console", chatId: "canbo-1", dedupeKey: { startsWith: "web-sign-in:" } }, orderBy: { id: "desc" } });
    const code = /\b(\d{6})\b/.exec(row.text)![1]!;
    expect(t.notified).toBeGreaterThan(0);
    const ok = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/ma", headers: { cookie }, payload: { _csrf: csrf, code } });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/can-bo/");
    const session = cookiesOf(ok.headers["set-cookie"]);
    expect(String(ok.headers["set-cookie"])).toMatch(/HttpOnly/i);
    expect(String(ok.headers["set-cookie"])).toMatch(/SameSite=Lax/i);
    const queue = await t.app.inject({ url: "/can-bo/", headers: { cookie: session } });
    expect(queue.statusCode).toBe(200);
    // Single use.
    const again = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/ma", headers: { cookie }, payload: { _csrf: csrf, code } });
    expect(again.statusCode).toBe(400);
    // Sign-out deletes the session.
    const out = await t.app.inject({ method: "POST", url: "/can-bo/dang-xuat", headers: { cookie: session }, payload: { _csrf: csrfOf(queue.body) } });
    expect(out.statusCode).toBe(303);
    expect((await t.app.inject({ url: "/can-bo/", headers: { cookie: session } })).statusCode).toBe(303);
  });

  it("limits wrong codes, answers unknown accounts the same way, and expires codes", async () => {
    const { cookie, csrf } = await requestCode("canbo-1");
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/ma", headers: { cookie }, payload: { _csrf: csrf, code: "000000" } });
      expect(r.statusCode).toBe(400);
    }
    const row = await t.tdb.prisma.outbox.findFirstOrThrow({ where: { chatId: "canbo-1", dedupeKey: { startsWith: "web-sign-in:" } }, orderBy: { id: "desc" } });
    const code = /\b(\d{6})\b/.exec(row.text)![1]!;
    expect((await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/ma", headers: { cookie }, payload: { _csrf: csrf, code } })).statusCode).toBe(400);

    const before = await t.tdb.prisma.outbox.count();
    const unknown = await requestCode("nobody-here");
    expect(unknown.r.statusCode).toBe(303);
    expect(unknown.r.headers.location).toBe("/can-bo/dang-nhap/ma");
    expect(await t.tdb.prisma.outbox.count()).toBe(before);

    const fresh = await requestCode("daibieu-1");
    const sent = await t.tdb.prisma.outbox.findFirstOrThrow({ where: { chatId: "daibieu-1", dedupeKey: { startsWith: "web-sign-in:" } }, orderBy: { id: "desc" } });
    t.clock.now = new Date(t.clock.now.getTime() + 11 * 60_000);
    const late = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/ma", headers: { cookie: fresh.cookie }, payload: { _csrf: fresh.csrf, code: /\b(\d{6})\b/.exec(sent.text)![1]! } });
    expect(late.statusCode).toBe(400);
    t.clock.now = new Date(t.clock.now.getTime() - 11 * 60_000);
  });

  it("a one-time link signs in only through its confirmation form, once", async () => {
    const { issueSignIn } = await import("../../web/auth/sign-in.ts");
    const issued = await issueSignIn(t.deps, { channel: "console", externalId: "canbo-1" }, false);
    const url = new URL(issued.link);
    const page = await t.app.inject({ url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    const cookie = cookiesOf(page.headers["set-cookie"]);
    const token = url.searchParams.get("t")!;
    const ok = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/lien-ket", headers: { cookie }, payload: { _csrf: csrfOf(page.body), t: token } });
    expect(ok.statusCode).toBe(303);
    const again = await t.app.inject({ method: "POST", url: "/can-bo/dang-nhap/lien-ket", headers: { cookie }, payload: { _csrf: csrfOf(page.body), t: token } });
    expect(again.statusCode).toBe(400);
  });
});

describe("queue and petition page (staff)", () => {
  it("filters, folds diacritics, sorts, pages and counts per status", async () => {
    const all = await t.app.inject({ url: "/can-bo/", headers: { cookie: staff.cookie } });
    expect(all.statusCode).toBe(200);
    for (const c of Object.values(codes)) expect(all.body).toContain(c);
    const folded = await t.app.inject({ url: "/can-bo/?q=den%20duong", headers: { cookie: staff.cookie } });
    expect(folded.body).toContain(codes.other);
    expect(folded.body).not.toContain(codes.area4);
    const byCat = await t.app.inject({ url: "/can-bo/?linh_vuc=moi_truong&sap_xep=oldest", headers: { cookie: staff.cookie } });
    expect(byCat.body).toContain(codes.area4);
    expect(byCat.body).not.toContain(codes.other);
    const byStatus = await t.app.inject({ url: "/can-bo/?trang_thai=needs_review", headers: { cookie: staff.cookie } });
    expect(byStatus.body).toContain(codes.other);
    expect(byStatus.body).not.toContain(codes.pii);
    const bad = await t.app.inject({ url: "/can-bo/?trang_thai=zzz&trang=-3", headers: { cookie: staff.cookie } });
    expect(bad.statusCode).toBe(200);
  });

  it("shows the original text to staff, then corrects the category and warns about a vague resolving reply", async () => {
    const page = await t.app.inject({ url: `/can-bo/kien-nghi/${codes.other}`, headers: { cookie: staff.cookie } });
    expect(page.body).toContain("Đèn đường ngõ 12 phố Hoa Lâm");
    // Unassigned: the unit its category maps to is preselected, and says so.
    expect(page.body).toContain('<option value="phong_kt_ht_dt" selected>Phòng Kinh tế – Hạ tầng và Đô thị (đề xuất)</option>');
    // Staff pages do not promise that personal data is hidden.
    expect(page.body).not.toContain("Thông tin cá nhân của cử tri đã được ẩn");
    const post = (action: string, payload: Record<string, string>) =>
      t.app.inject({ method: "POST", url: `/can-bo/kien-nghi/${codes.other}/${action}`, headers: { cookie: staff.cookie }, payload: { _csrf: staff.csrf, ...payload } });
    expect((await post("linh-vuc", { category: "ha_tang" })).statusCode).toBe(303);
    expect((await post("giao", { unit: "phong_kt_ht_dt" })).statusCode).toBe(303);
    expect((await post("trang-thai", { status: "in_progress", note: "Ngày 21/11 Phòng Kinh tế đã cử tổ điện kiểm tra, sẽ thay bóng trước 25/11" })).statusCode).toBe(303);
    const vague = await post("trang-thai", { status: "resolved", note: "Đã tiếp nhận, sẽ xem xét" });
    expect(vague.statusCode).toBe(422);
    expect(vague.body).toContain("Câu trả lời chưa cụ thể");
    expect((await t.tdb.prisma.petition.findUniqueOrThrow({ where: { code: codes.other } })).status).toBe("in_progress");
    const confirmed = await post("trang-thai", { status: "resolved", note: "Đã tiếp nhận, sẽ xem xét", confirm: "1" });
    expect(confirmed.statusCode).toBe(303);
    const p = await t.tdb.prisma.petition.findUniqueOrThrow({ where: { code: codes.other }, include: { history: true } });
    expect(p.status).toBe("resolved");
    expect(p.history.some((h) => h.actor === "staff:console:canbo-1" && h.toStatus === "resolved")).toBe(true);
    const notice = await t.tdb.prisma.outbox.findFirst({ where: { chatId: "cutri-3", text: { contains: "đã được giải quyết" } } });
    expect(notice).not.toBeNull();
    // A domain error is shown on the page, not thrown.
    expect((await post("trung", { original: "KN-2026-999999" })).statusCode).toBe(400);
  });

  it("bulk assigns selected petitions through the service", async () => {
    const r = await t.app.inject({ method: "POST", url: "/can-bo/hang-loat", headers: { cookie: staff.cookie }, payload: { _csrf: staff.csrf, ma: [codes.area4, codes.pii], hanh_dong: "giao", don_vi: "phong_kt_ht_dt" } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("Đã cập nhật 2 kiến nghị");
    expect((await t.tdb.prisma.petition.findUniqueOrThrow({ where: { code: codes.area4 }, include: { unit: true } })).unit?.code).toBe("phong_kt_ht_dt");
  });

  it("dashboard, charts and reports render", async () => {
    const d = await t.app.inject({ url: "/can-bo/tong-quan", headers: { cookie: staff.cookie } });
    expect(d.statusCode).toBe(200);
    const svg = await t.app.inject({ url: "/can-bo/bieu-do/linh-vuc.svg", headers: { cookie: staff.cookie } });
    expect(svg.headers["content-type"]).toMatch(/image\/svg\+xml/);
    const png = await t.app.inject({ url: "/can-bo/bieu-do/dung-han.png", headers: { cookie: staff.cookie } });
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const csv = await t.app.inject({ url: "/can-bo/bao-cao.csv?tu=2026-01-01&den=2026-12-31", headers: { cookie: staff.cookie } });
    expect(csv.body).toContain(codes.area4);
    const xlsx = await t.app.inject({ url: "/can-bo/bao-cao.xlsx?tu=2026-01-01&den=2026-12-31", headers: { cookie: staff.cookie } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const areas = await t.app.inject({ method: "POST", url: "/can-bo/khu-vuc", headers: { cookie: staff.cookie }, payload: { _csrf: staff.csrf, channel: "console", user: "daibieu-1", areas: "tdp 3, to 5" } });
    expect(areas.statusCode).toBe(303);
    expect(await t.deps.data.delegateAreas("console", "daibieu-1")).toEqual(["Tổ dân phố 3", "Tổ dân phố 5"]);
  });
});

describe("public page", () => {
  it("lists and searches anonymised petitions; the non-public one is absent", async () => {
    await t.deps.data.refreshSearchIndex(1000);
    const r = await t.app.inject({ url: "/cong-khai" });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(codes.pii);
    expect(r.body).not.toContain(codes.hidden);
    expect(leaks(r.body)).toEqual([]);
    expect(r.body).toContain("[SĐT]");
    const byName = await t.app.inject({ url: "/cong-khai?q=Nguyen%20Thi%20Lan" });
    expect(byName.body).not.toContain(codes.pii);
    const byWords = await t.app.inject({ url: "/cong-khai?q=o%20ga" });
    expect(byWords.body).toContain(codes.pii);
    expect((await t.app.inject({ url: "/cong-khai?trang=999" })).statusCode).toBe(200);
  });

  it("one petition's page: anonymised; an unknown and a non-public code get the same 404 page", async () => {
    const r = await t.app.inject({ url: `/cong-khai/${codes.pii}` });
    expect(r.statusCode).toBe(200);
    expect(leaks(r.body)).toEqual([]);
    const unknown = await t.app.inject({ url: "/cong-khai/KN-2026-999999" });
    const hidden = await t.app.inject({ url: `/cong-khai/${codes.hidden}` });
    expect(unknown.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);
  });

  it("assets are served locally", async () => {
    expect((await t.app.inject({ url: "/tai-nguyen/site.css" })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/tai-nguyen/site.js" })).statusCode).toBe(200);
    const font = await t.app.inject({ url: "/tai-nguyen/font/400Regular/BeVietnamPro_400Regular.ttf" });
    expect(font.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/tai-nguyen/font/400Regular/index.js" })).statusCode).toBe(404);
  });
});

describe("reply quality check", () => {
  it("flags vague replies and accepts concrete ones", () => {
    expect(checkReplyQuality({ text: "Đã tiếp nhận, sẽ xem xét", status: "resolved" }).ok).toBe(false);
    expect(checkReplyQuality({ text: "dang xu ly", status: "in_progress" }).ok).toBe(false);
    const good = checkReplyQuality({ text: "Ngày 24/11, tổ điện Phòng Kinh tế – Hạ tầng đã thay bóng đèn, đèn đã sáng trở lại", status: "resolved" });
    expect(good).toEqual({ ok: true, missing: [], vague: false });
    expect(checkReplyQuality({ text: "Đã thay bóng đèn", status: "resolved" }).missing).toEqual(["date", "unit"]);
    expect(checkReplyQuality({ text: "Ngày 24/11 đã nạo vét cống", status: "resolved", unitName: "Phòng Kinh tế – Hạ tầng và Đô thị" }).missing).toEqual(["unit"]);
    expect(checkReplyQuality({ text: "x", status: "assigned" }).ok).toBe(true);
  });
});
