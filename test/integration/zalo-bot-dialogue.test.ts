/**
 * End to end over the Zalo Bot Platform: the real application behind the Zalo Bot channel
 * as startZaloChannels wires it — long polling a loopback fake of bot-api.zaloplatforms.com,
 * then webhook mode on a bare Fastify server. No buttons on this platform: choices are
 * numbered, unique across the replies of a turn. ZALO_TRANSCRIPT=1 prints the dialogue.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloChannels, type RunningZaloChannels } from "../../bot/channels/zalo-official.ts";
import { loadConfig } from "../../bot/config.ts";
import { grantRole } from "../../bot/core/roles.ts";
import { startFakeZaloBot, type FakeZaloBot } from "../helpers/fake-zalo-bot.ts";
import { startIntegrationApp, waitUntil, type IntegrationApp } from "../helpers/integration-app.ts";

const VOTER = "e4ea2cd5189df1c3a88c";
const STAFF = "9a1b2c3d4e5f60718293";
const VOTER_W = "77aa88bb99cc00dd11ee";
const CODE_RE = /KN-\d{4}-\d{6}/;

const START = new Date("2026-12-01T02:00:00.000Z").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

let env: IntegrationApp;
let fake: FakeZaloBot;
let server: FastifyInstance | undefined;
let zalo: RunningZaloChannels;
const transcript: string[] = [];

beforeAll(async () => {
  env = await startIntegrationApp({ now: clock });
  fake = await startFakeZaloBot();
  await grantRole(env.app.db, "zalo_bot", STAFF, "staff", "test");
});

afterAll(async () => {
  if (process.env.ZALO_TRANSCRIPT) process.stdout.write(`\n--- Zalo Bot dialogue (fake Bot Platform on 127.0.0.1) ---\n${transcript.join("\n")}\n\n`);
  await zalo?.stop();
  await server?.close();
  await fake?.close();
  await env?.cleanup();
});

const who = (id: string) => (id === STAFF ? "cán bộ" : "cử tri");

async function flush() {
  await zalo.idle();
  await env.app.core.idle();
  await env.app.dispatcher.poke();
  await zalo.idle();
}

/** The update reached the store and was handled. */
async function handled(messageId: string) {
  const externalId = `zbot:${fake.botId}:${messageId}`;
  await waitUntil(async () => (await env.prisma.inboundMessage.findFirst({ where: { channel: "zalo_bot", externalId, status: "processed" } })) !== null, 10_000, externalId);
}

function record(userId: string, shown: string, from: number) {
  const sent = fake.sent.slice(from).map((s) => ({ chatId: s.chatId, text: s.text ?? `[ảnh] ${s.photo}` }));
  const lines = [`[${who(userId)} ${userId.slice(-4)}] > ${shown}`];
  for (const s of sent) lines.push(`${s.chatId === userId ? "  🤖" : `  🔔 [tới ${who(s.chatId)} ${s.chatId.slice(-4)}]`} ${s.text.replace(/\n/g, "\n     ")}`);
  transcript.push(...lines);
  return sent;
}

/** Long polling: the platform queues the message, the bot takes it with getUpdates. */
async function say(userId: string, text: string) {
  const from = fake.sent.length;
  const u = fake.pushText(userId, text) as { message: { message_id: string } };
  await handled(u.message.message_id);
  await flush();
  return record(userId, text, from);
}

const to = (sent: { chatId: string; text: string }[], id: string) => sent.filter((s) => s.chatId === id).map((s) => s.text);

describe("a petition dialogue through the Zalo Bot Platform fake", () => {
  let code = "";

  it("long polling: a voter files, staff review by numbered choices, the voter rates with a number", async () => {
    const config = loadConfig({ DATABASE_URL: env.config.DATABASE_URL, DATA_DIR: env.config.DATA_DIR, ZALO_BOT_TOKEN: fake.token, ZALO_BOT_API_ROOT: fake.apiRoot });
    zalo = await startZaloChannels(env.app, Fastify(), config, env.log, { now: clock, botPollTimeoutSeconds: 1 });
    transcript.push("(chế độ long polling)");

    const filed = await say(VOTER, "Cột đèn chiếu sáng trước số nhà 25 ngõ 12 phố Hoa Lâm bị gãy, nghiêng ra lòng đường rất nguy hiểm");
    const ack = to(filed, VOTER);
    code = CODE_RE.exec(ack[0] ?? "")?.[0] ?? "";
    expect(code).toMatch(/^KN-2026-\d{6}$/);
    expect(ack[0]).toContain(`Mã theo dõi: ${code}`);
    expect(await env.prisma.petition.findUniqueOrThrow({ where: { code } })).toMatchObject({ channel: "zalo_bot", chatId: VOTER });

    const queue = await say(STAFF, "/hangdoi");
    const card = to(queue, STAFF).find((t) => t.startsWith(`Kiến nghị ${code}\n`)) ?? "";
    expect(card).toContain("Trả lời số:\n1. ✅ Xác nhận\n2. ✏️ Đổi lĩnh vực\n3. 🏢 Giao đơn vị\n4. ⛔ Không tiếp nhận\n5. 🔁 Trùng");
    const units = await say(STAFF, "3");
    expect(to(units, STAFF)[0]).toContain(`Chọn đơn vị xử lý ${code}:`);
    const assigned = await say(STAFF, "2");
    expect(to(assigned, STAFF)).toContain(`Đã cập nhật: ${code} — giao Phòng Kinh tế – Hạ tầng và Đô thị.`);
    expect(to(assigned, VOTER).some((t) => t.startsWith(`Kiến nghị ${code} đã được chuyển đến`))).toBe(true);

    await say(STAFF, `/capnhat ${code} dang_xu_ly Đã báo điện lực`);
    const resolved = await say(STAFF, `/capnhat ${code} da_giai_quyet Đã thay cột đèn mới ngày 24/11`);
    const notice = to(resolved, VOTER).at(-1) ?? "";
    expect(notice).toMatch(new RegExp(`^Kiến nghị ${code} đã được giải quyết`));
    expect(notice).toMatch(/Trả lời số:\n1\. 1\n2\. 2\n3\. 3\n4\. 4\n5\. 5$/);

    const rated = await say(VOTER, "4");
    expect(to(rated, VOTER)).toEqual(["Cảm ơn Ông/Bà đã đánh giá. Ý kiến của Ông/Bà giúp chính quyền phục vụ tốt hơn."]);
    const p = await env.prisma.petition.findUniqueOrThrow({ where: { code }, include: { ratings: true } });
    expect(p.ratings.map((r) => r.score)).toEqual([4]);
    expect(await env.prisma.outbox.count({ where: { channel: "zalo_bot", status: { not: "sent" } } })).toBe(0);
    await zalo.stop();
  });

  it("webhook mode: updates carry the secret token; a wrong one is refused and stores nothing", async () => {
    const secret = "bot-webhook-secret-123";
    const config = loadConfig({ DATABASE_URL: env.config.DATABASE_URL, DATA_DIR: env.config.DATA_DIR, ZALO_BOT_TOKEN: fake.token, ZALO_BOT_API_ROOT: fake.apiRoot, ZALO_BOT_WEBHOOK_SECRET: secret });
    server = Fastify();
    // setWebhook needs the URL before listening: register, listen on port 0, then tell the platform.
    zalo = await startZaloChannels(env.app, server, config, env.log, { now: clock });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    await fetch(`${fake.apiRoot}/bot${fake.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/zalo/bot/webhook`, secret_token: secret }),
    });
    transcript.push("(chế độ webhook)");

    const u = fake.pushText(VOTER_W, "Nắp cống trước cổng trường tiểu học tổ 5 bị vỡ, trẻ em đi qua rất dễ sụt chân") as { message: { message_id: string; text: string } };
    const from = fake.sent.length;
    expect(await fake.deliver(u, "not-the-secret")).toBe(401);
    expect(await env.prisma.inboundMessage.count({ where: { channel: "zalo_bot", userId: VOTER_W } })).toBe(0);
    expect(await fake.deliver(u)).toBe(200);
    expect(await fake.deliver(u)).toBe(200); // redelivered
    await flush();
    const sent = record(VOTER_W, u.message.text, from);
    expect(to(sent, VOTER_W)[0]).toMatch(/Mã theo dõi: KN-2026-\d{6}/);
    expect(await env.prisma.inboundMessage.count({ where: { channel: "zalo_bot", userId: VOTER_W } })).toBe(1);
    expect(await env.prisma.petition.count({ where: { channel: "zalo_bot", chatId: VOTER_W } })).toBe(1);
    expect(env.log.errors()).toEqual([]);
  });
});
