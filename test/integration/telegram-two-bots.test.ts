/**
 * Two Telegram bots on one store (a ward replacing its bot, or a test bot beside the
 * production one). Each Bot API numbers its updates and messages from 1, so a key made of
 * the update id alone made the second bot's messages look like redeliveries of the first
 * bot's: they were dropped and never stored. Keys now name the bot and the message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserFromGetMe } from "grammy/types";
import { createBot } from "../../bot/channels/telegram/create-bot.ts";
import { runTelegram, type RunningTelegram } from "../../bot/channels/telegram/run.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { startIntegrationApp, type IntegrationApp } from "../helpers/integration-app.ts";

const CODE_RE = /KN-\d{4}-\d{6}/;
let env: IntegrationApp;
const fakes: FakeTelegram[] = [];
const running: RunningTelegram[] = [];

async function startBot(id: number, token: string): Promise<FakeTelegram> {
  const fake = await startFakeTelegram({ botInfo: { id, is_bot: true, first_name: `Bot ${id}`, username: `bot_${id}` } as UserFromGetMe });
  fakes.push(fake);
  // No botInfo given: the bot asks getMe, as in production.
  const bot = createBot(token, { core: env.app.core, apiRoot: fake.apiRoot, logger: env.log, retry: false });
  running.push(await runTelegram(bot, { logger: env.log }));
  return fake;
}

beforeAll(async () => {
  env = await startIntegrationApp();
});
afterAll(async () => {
  for (const r of running) await r.stop();
  for (const f of fakes) await f.close();
  await env?.cleanup();
});

describe("two bots on one store", () => {
  it("files the messages of both, though both Bot APIs number updates and messages from 1", async () => {
    const text = "Cống thoát nước ở ngõ 5 tổ dân phố 2 bị tắc, nước bẩn tràn ra đường mấy hôm nay";
    const first = await startBot(7001, "7001:FIRST");
    const u1 = first.pushText(text, { userId: 501, chatId: 501 });
    const r1 = await first.waitForRequest((r) => r.method === "sendMessage" && CODE_RE.test(String(r.body.text)));
    await running.shift()!.stop(); // the ward replaces its bot

    const second = await startBot(7002, "7002:SECOND");
    const u2 = second.pushText(text, { userId: 502, chatId: 502 });
    expect(u2).toBe(u1); // the same update id (and message id) as the first bot's message
    const r2 = await second.waitForRequest((r) => r.method === "sendMessage" && CODE_RE.test(String(r.body.text)));

    const code1 = CODE_RE.exec(String(r1.body.text))![0];
    const code2 = CODE_RE.exec(String(r2.body.text))![0];
    expect(code2).not.toBe(code1);
    const stored = await env.prisma.inboundMessage.findMany({ where: { channel: "telegram" }, orderBy: { id: "asc" } });
    expect(stored.map((m) => m.externalId)).toEqual([`tg:7001:m:501:1`, `tg:7002:m:502:1`]);
    expect(await env.prisma.petition.count()).toBe(2);
  });
});
