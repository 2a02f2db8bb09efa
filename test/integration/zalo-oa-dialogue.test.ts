/**
 * End to end over a Zalo Official Account: the real application (store, corpus, offline
 * classifier, conversation core, outbox) behind the OA webhook plugin on a bare Fastify
 * server, talking to a loopback fake of Zalo (signed webhook events in, /v3.0/oa/message/cs
 * out, token rotation, the 7-day window). ZALO_TRANSCRIPT=1 prints the dialogue.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloChannels, type RunningZaloChannels } from "../../bot/channels/zalo-official.ts";
import { randomToken, sha256 } from "../../web/auth/tokens.ts";
import { SESSION_COOKIE } from "../../web/plugins/auth.ts";
import { buildWebApp, webDepsFromApp } from "../../web/server.ts";
import { loadConfig } from "../../bot/config.ts";
import { grantRole } from "../../bot/core/roles.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../helpers/fake-zalo-oa.ts";
import { startFileServer, type FileServer } from "../helpers/file-server.ts";
import { startIntegrationApp, type IntegrationApp } from "../helpers/integration-app.ts";
import { JPEG_HEAD } from "../helpers/media-fixtures.ts";

const VOTER = "8123456789012345678";
const STAFF = "7001234567890123456";
const CODE_RE = /KN-\d{4}-\d{6}/;
const PUBLIC_BASE = "https://hdnd.phucloi.example";

/** 1 December 2026, 09:00 in Hà Nội, moving with real time; `later()` jumps days ahead. */
const START = new Date("2026-12-01T02:00:00.000Z").getTime();
const t0 = Date.now();
let offset = 0;
const clock = () => new Date(START + offset + (Date.now() - t0));

let env: IntegrationApp;
let fake: FakeZaloOa;
let files: FileServer;
let server: FastifyInstance;
let zalo: RunningZaloChannels;
let url: string;
const transcript: string[] = [];

beforeAll(async () => {
  env = await startIntegrationApp({ now: clock, env: { PUBLIC_BASE_URL: PUBLIC_BASE } });
  fake = await startFakeZaloOa({ now: clock });
  files = await startFileServer({ "/rac.jpg": { body: JPEG_HEAD, contentType: "image/jpeg" } });
  const pair = fake.issuePair();
  const config = loadConfig({
    DATABASE_URL: env.config.DATABASE_URL,
    DATA_DIR: env.config.DATA_DIR,
    ZALO_OA_APP_ID: fake.appId,
    ZALO_OA_APP_SECRET: fake.appSecret,
    ZALO_OA_SECRET_KEY: fake.oaSecretKey,
    ZALO_OA_ACCESS_TOKEN: pair.accessToken,
    ZALO_OA_REFRESH_TOKEN: pair.refreshToken,
    ZALO_OA_API_ROOT: fake.apiRoot,
    ZALO_OAUTH_ROOT: fake.oauthRoot,
  });
  server = Fastify();
  // The token pair and the follow events go to the application's database (the defaults).
  zalo = await startZaloChannels(env.app, server, config, env.log, { now: clock, sleep: async () => {} });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const address = server.server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/zalo/oa/webhook`;
  await grantRole(env.app.db, "zalo_oa", STAFF, "staff", "test");
});

afterAll(async () => {
  if (process.env.ZALO_TRANSCRIPT) process.stdout.write(`\n--- Zalo OA dialogue (fake OA on 127.0.0.1) ---\n${transcript.join("\n")}\n\n`);
  await zalo?.stop();
  await server?.close();
  await files?.close();
  await fake?.close();
  await env?.cleanup();
});

const who = (id: string) => (id === STAFF ? "cán bộ" : "cử tri");

/** Posts a signed event, lets background work and the outbox run, returns what the OA sent since. */
async function post(event: Record<string, unknown>, shown: string): Promise<{ status: number; sent: { userId: string; text: string }[] }> {
  const from = fake.sent.length;
  const refusedFrom = fake.refused.length;
  const userId = String((event.sender as { id?: string } | undefined)?.id ?? (event.follower as { id?: string } | undefined)?.id ?? "");
  transcript.push(`[${who(userId)} ${userId.slice(-4)}] > ${shown}`);
  const r = await fake.post(url, event);
  await flush();
  const sent = fake.sent.slice(from).map((s) => ({ userId: s.userId, text: render(s.body.message) }));
  for (const s of sent) transcript.push(`${s.userId === userId ? "  🤖" : `  🔔 [tới ${who(s.userId)} ${s.userId.slice(-4)}]`} ${s.text.replace(/\n/g, "\n     ")}`);
  for (const x of fake.refused.slice(refusedFrom)) transcript.push(`  ⛔ [tới ${who(x.userId)} ${x.userId.slice(-4)}] Zalo từ chối (${x.error})`);
  return { status: r.status, sent };
}

async function flush() {
  await zalo.idle();
  await env.app.core.idle();
  await env.app.dispatcher.poke();
  await zalo.idle();
}

function render(message: Record<string, unknown>): string {
  const m = message as { text?: string; attachment?: { payload?: { buttons?: { title: string }[] } } };
  const buttons = m.attachment?.payload?.buttons ?? [];
  return [m.text ?? "", buttons.length ? buttons.map((b) => `[${b.title}]`).join(" ") : ""].filter(Boolean).join("\n");
}

const to = (sent: { userId: string; text: string }[], id: string) => sent.filter((s) => s.userId === id).map((s) => s.text);

describe("a petition dialogue through the Zalo OA fake", () => {
  let code = "";

  it("a follower is welcomed; a petition is acknowledged with its tracking code and classified", async () => {
    const follow = fake.follow(VOTER);
    const welcome = await post(follow, "(quan tâm OA)");
    expect(welcome.status).toBe(200);
    expect(to(welcome.sent, VOTER)[0]).toContain("Trợ lý HĐND phường Phúc Lợi");
    // Kept in the database once: Zalo's redelivery earns no second welcome.
    const redelivered = await post(follow, "(Zalo gửi lại sự kiện quan tâm)");
    expect(redelivered.sent).toEqual([]);
    expect(await env.prisma.channelEvent.findMany({ select: { channel: true, kind: true, userId: true } })).toEqual([{ channel: "zalo_oa", kind: "follow", userId: VOTER }]);

    const event = fake.userText(VOTER, "Rác thải tập kết ở đầu ngõ 3 phố Hoa Lâm, tổ dân phố 8 nhiều ngày không thu gom, bốc mùi hôi thối");
    const filed = await post(event, String((event.message as { text: string }).text));
    const texts = to(filed.sent, VOTER);
    code = CODE_RE.exec(texts[0] ?? "")?.[0] ?? "";
    expect(code).toMatch(/^KN-2026-\d{6}$/);
    expect(texts[0]).toContain(`Mã theo dõi: ${code}`);
    expect(texts.some((t) => t.startsWith(`Kiến nghị ${code} đã được xếp vào lĩnh vực`))).toBe(true);
    const p = await env.prisma.petition.findUniqueOrThrow({ where: { code } });
    expect(p).toMatchObject({ channel: "zalo_oa", chatId: VOTER });

    // Zalo redelivers the same event: stored once, one petition, no second answer.
    const again = await post(event, "(Zalo gửi lại đúng sự kiện đó)");
    expect(again.status).toBe(200);
    expect(again.sent).toEqual([]);
    const msgId = (event.message as { msg_id: string }).msg_id;
    expect(await env.prisma.inboundMessage.count({ where: { channel: "zalo_oa", externalId: `zoa:${fake.oaId}:${msgId}` } })).toBe(1);
    expect(await env.prisma.petition.count({ where: { channel: "zalo_oa", chatId: VOTER } })).toBe(1);
  });

  it("a photo reaches the core, downloaded; a follow-up asks the status", async () => {
    const photo = await post(fake.userImage(VOTER, files.url("/rac.jpg")), "(gửi ảnh)");
    expect(photo.status).toBe(200);
    const inbound = await env.prisma.inboundMessage.findFirstOrThrow({ where: { channel: "zalo_oa", userId: VOTER }, orderBy: { id: "desc" } });
    const payload = JSON.parse(inbound.payload) as { attachments: { kind: string; path?: string; mime?: string }[] };
    expect(payload.attachments[0]).toMatchObject({ kind: "photo", mime: "image/jpeg" });
    expect(payload.attachments[0]!.path).toMatch(/^media\//);

    const status = await post(fake.userText(VOTER, "kiến nghị của tôi thế nào rồi?"), "kiến nghị của tôi thế nào rồi?");
    expect(to(status.sent, VOTER)[0]).toContain(`Kiến nghị ${code}`);
  });

  it("staff review with OA buttons (signed), choose the unit by number; the voter is told inside the window", async () => {
    const queue = await post(fake.userText(STAFF, "/hangdoi"), "/hangdoi");
    const card = to(queue.sent, STAFF).find((t) => t.startsWith(`Kiến nghị ${code}\n`)) ?? "";
    expect(card).toContain("[✅ Xác nhận] [✏️ Đổi lĩnh vực] [🏢 Giao đơn vị] [⛔ Không tiếp nhận] [🔁 Trùng]");
    const buttons = fake.sent.filter((s) => s.userId === STAFF).map((s) => s.body.message as { attachment?: { payload?: { buttons?: { title: string; payload: string }[] } } });
    const assign = buttons.flatMap((m) => m.attachment?.payload?.buttons ?? []).find((b) => b.title === "🏢 Giao đơn vị")!;

    // A voter pasting the staff member's button payload achieves nothing.
    const forged = await post(fake.userText(VOTER, assign.payload), "(dán lại nút của cán bộ)");
    expect(to(forged.sent, VOTER).join("\n")).not.toContain("Chọn đơn vị");
    // Refused in words, and never added to the voter's petition as a supplement.
    expect(to(forged.sent, VOTER).join("\n")).toContain("không dành cho tài khoản của Ông/Bà");
    expect(await env.prisma.petitionSupplement.count({ where: { petition: { code }, text: { contains: "kn1." } } })).toBe(0);
    expect(await env.prisma.petitionStatusChange.count({ where: { petition: { code }, note: { contains: "kn1." } } })).toBe(0);

    const units = await post(fake.userText(STAFF, assign.payload), "(bấm) 🏢 Giao đơn vị");
    const list = to(units.sent, STAFF)[0] ?? "";
    expect(list).toContain(`Chọn đơn vị xử lý ${code}:`);
    expect(list).toContain("Trả lời số:\n1. Văn phòng HĐND và UBND phường\n2. Phòng Kinh tế – Hạ tầng và Đô thị");

    // The access token expires meanwhile: the next call refreshes (rotating the pair) and goes on.
    const refreshes = fake.refreshCalls;
    const before = await env.prisma.channelCredential.findUniqueOrThrow({ where: { key: `zalo_oa:${fake.appId}` } });
    fake.expireAccessTokens();
    const assigned = await post(fake.userText(STAFF, "2"), "2");
    expect(fake.refreshCalls).toBe(refreshes + 1);
    // The rotated pair is in the database, one version on.
    const after = await env.prisma.channelCredential.findUniqueOrThrow({ where: { key: `zalo_oa:${fake.appId}` } });
    expect(after.version).toBe(before.version + 1);
    expect(JSON.parse(after.value).refreshToken).not.toBe(JSON.parse(before.value).refreshToken);
    expect(to(assigned.sent, STAFF)).toContain(`Đã cập nhật: ${code} — giao Phòng Kinh tế – Hạ tầng và Đô thị.`);
    expect(to(assigned.sent, VOTER).some((t) => t.startsWith(`Kiến nghị ${code} đã được chuyển đến Phòng Kinh tế – Hạ tầng và Đô thị`))).toBe(true);

    const progress = await post(fake.userText(STAFF, `/capnhat ${code} dang_xu_ly Đã liên hệ công ty môi trường`), `/capnhat ${code} dang_xu_ly Đã liên hệ công ty môi trường`);
    expect(to(progress.sent, VOTER)).toEqual([`Kiến nghị ${code} đang được Phòng Kinh tế – Hạ tầng và Đô thị xử lý. Ghi chú: Đã liên hệ công ty môi trường.`]);
  });

  it("eight days later the voter's notification is refused (−230): marked undeliverable, staff told in chat and on the petition page, the public page still current", async () => {
    offset += 8 * 24 * 3600_000;
    transcript.push("  … 8 ngày sau …");
    const resolved = await post(fake.userText(STAFF, `/capnhat ${code} da_giai_quyet Đã thu gom và khử mùi ngày 24/11`), `/capnhat ${code} da_giai_quyet Đã thu gom và khử mùi ngày 24/11`);
    expect(to(resolved.sent, STAFF)[0]).toContain(`${code} → Đã giải quyết`);
    expect(to(resolved.sent, VOTER)).toEqual([]);
    expect(fake.refused.at(-1)).toMatchObject({ userId: VOTER, error: -230 });
    const row = await env.prisma.outbox.findFirstOrThrow({ where: { channel: "zalo_oa", chatId: VOTER }, orderBy: { id: "desc" } });
    expect(row.status).toBe("undeliverable");
    expect(row.lastError).toContain("undeliverable (outside_window)");
    expect(row.attempts).toBe(1); // not retried: retrying cannot open the window

    // Staff hear about it in their chat: which petition, why, what the voter missed, the public page.
    const notice = to(resolved.sent, STAFF).find((t) => t.startsWith("⚠️")) ?? "";
    expect(notice).toContain(`Không gửi được thông báo tới cử tri của kiến nghị ${code} qua Zalo OA: cử tri không nhắn tin cho OA trong 7 ngày qua`);
    expect(notice).toContain("Nội dung chưa gửi được: Kiến nghị");
    expect(notice).toContain(`${PUBLIC_BASE}/cong-khai/${code}`);

    // …and on the petition page of the web console; the public page shows the outcome.
    const web = await buildWebApp(webDepsFromApp(env.app, env.config, env.log));
    try {
      const token = randomToken();
      await env.app.db.web.createSession({ tokenHash: sha256(token), channel: "zalo_oa", externalId: STAFF, csrfToken: randomToken(24), now: clock(), expiresAt: new Date(clock().getTime() + 3600_000) });
      const page = await web.inject({ url: `/can-bo/kien-nghi/${code}`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Thông báo chưa tới được cử tri");
      expect(page.body).toContain("Không gửi được qua Zalo OA: cử tri không nhắn tin cho OA trong 7 ngày qua");
      expect(page.body).toContain(`Kiến nghị ${code} đã được giải quyết.`);
      const pub = await web.inject({ url: `/cong-khai/${code}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.body).toContain("Đã giải quyết");
      expect(pub.body).not.toContain("Thông báo chưa tới được cử tri");
    } finally {
      await web.close();
    }

    // When the voter writes again, the status is there for them.
    const back = await post(fake.userText(VOTER, `${code} xong chưa?`), `${code} xong chưa?`);
    expect(to(back.sent, VOTER)[0]).toContain("Đã giải quyết");
    expect(env.log.errors()).toEqual([]);
  });
});
