import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../bot/channels/common.ts";
import { transportTexts } from "../../../bot/channels/text.vi.ts";
import { UndeliverableError } from "../../../bot/channels/undeliverable.ts";
import { createZaloOaChannel, type ZaloOaChannel } from "../../../bot/channels/zalo-oa/channel.ts";
import { createZaloOaClient } from "../../../bot/channels/zalo-oa/client.ts";
import { InMemoryZaloOaEventLog } from "../../../bot/channels/zalo-oa/event-log.ts";
import { refreshTokens } from "../../../bot/channels/zalo-oa/oauth.ts";
import { createButtonPayloadSigner } from "../../../bot/channels/zalo-oa/payload.ts";
import { ZaloTokenManager } from "../../../bot/channels/zalo-oa/token-manager.ts";
import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { zaloOaWebhook } from "../../../bot/channels/zalo-oa/webhook.ts";
import { FOREIGN_BUTTON, type ConversationCore, type IncomingMessage, type ReplySink } from "../../../bot/core/types.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";

const VOTER = "8123";
const STAFF = "9001";
let t = new Date("2026-12-01T01:00:00Z").getTime();
const now = () => new Date(t);

/** A core with accept(): "stores" by externalId (idempotent), then handles after `gate` opens. */
function acceptingCore(answer: (msg: IncomingMessage, sink: ReplySink) => Promise<void>) {
  const stored: IncomingMessage[] = [];
  const handled: IncomingMessage[] = [];
  let open!: () => void;
  let gate = new Promise<void>((r) => (open = r));
  const running: Promise<void>[] = [];
  const core: ConversationCore = {
    async handle(msg, sink) {
      handled.push(msg);
      await answer(msg, sink);
    },
    async accept(msg, sink) {
      if (stored.some((m) => m.externalId === msg.externalId)) return;
      stored.push(msg);
      running.push(gate.then(() => core.handle(msg, sink)));
    },
  };
  return {
    core,
    stored,
    handled,
    openGate: () => open(),
    closeGate: () => void (gate = new Promise<void>((r) => (open = r))),
    settle: () => Promise.all(running),
  };
}

let fake: FakeZaloOa;
let server: FastifyInstance;
let url: string;
let channel: ZaloOaChannel;
let events: InMemoryZaloOaEventLog;
const signer = () => createButtonPayloadSigner("payload-secret");

async function start(core: ConversationCore): Promise<void> {
  const tokens = new ZaloTokenManager({
    store: new InMemoryZaloTokenStore(),
    key: "oa",
    now,
    seed: fake.issuePair(),
    refresh: (rt) => refreshTokens({ oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret }, rt),
  });
  const client = createZaloOaClient({ apiRoot: fake.apiRoot, tokens, sleep: async () => {} });
  events = new InMemoryZaloOaEventLog();
  channel = createZaloOaChannel({ core, client, signer: signer(), events, ward: "Phúc Lợi", log: silentLogger, now: () => t });
  server = Fastify();
  await server.register(zaloOaWebhook, { channel, appId: fake.appId, oaSecretKey: fake.oaSecretKey, log: silentLogger });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const address = server.server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/zalo/oa/webhook`;
}

beforeEach(async () => {
  fake = await startFakeZaloOa({ now });
});
afterEach(async () => {
  await server?.close();
  await fake.close();
});

describe("Zalo OA webhook", () => {
  it("refuses a missing, wrong or tampered signature with 401 and stores nothing", async () => {
    const c = acceptingCore(async () => {});
    await start(c.core);
    for (const mode of ["none", "bad", "tampered"] as const) {
      const r = await fake.post(url, fake.userText(VOTER, "Rác tồn đọng"), mode);
      expect(r.status, mode).toBe(401);
    }
    const junk = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "not json" });
    expect(junk.status).toBe(401);
    expect(c.stored).toEqual([]);
    expect(events.events).toEqual([]);
  });

  it("answers 200 once the message is stored, while handling goes on; a redelivery is stored once", async () => {
    const c = acceptingCore((msg, sink) => sink.send({ text: `Đã nhận: ${msg.text}` }));
    await start(c.core);
    const event = fake.userText(VOTER, "Đèn đường ngõ 7 hỏng", "msg-0001");
    const r = await fake.post(url, event);
    expect(r.status).toBe(200);
    expect(c.stored).toHaveLength(1);
    expect(c.handled).toHaveLength(0); // still waiting: the 200 did not wait for handling
    expect(c.stored[0]).toMatchObject({ channel: "zalo_oa", externalId: `zoa:${fake.oaId}:msg-0001`, chatId: VOTER, userId: VOTER, text: "Đèn đường ngõ 7 hỏng" });

    expect((await fake.post(url, event)).status).toBe(200); // Zalo redelivers
    c.openGate();
    await c.settle();
    expect(c.stored).toHaveLength(1);
    expect(c.handled).toHaveLength(1);
    expect(fake.textsTo(VOTER)).toEqual(["Đã nhận: Đèn đường ngõ 7 hỏng"]);
  });

  it("without accept() awaits handle before answering", async () => {
    const handled: string[] = [];
    await start({ handle: async (msg, sink) => void (handled.push(msg.text), await sink.send({ text: "ok" })) });
    expect((await fake.post(url, fake.userText(VOTER, "alo"))).status).toBe(200);
    expect(handled).toEqual(["alo"]);
    expect(fake.textsTo(VOTER)).toEqual(["ok"]);
  });

  it("welcomes a follower once, records unfollow and chat-now, ignores the OA's own echoes", async () => {
    const c = acceptingCore(async () => {});
    await start(c.core);
    const follow = fake.follow(VOTER);
    expect((await fake.post(url, follow)).status).toBe(200);
    expect((await fake.post(url, follow)).status).toBe(200); // redelivered
    await channel.idle();
    expect(fake.textsTo(VOTER)).toEqual([transportTexts.zaloOaWelcome("Phúc Lợi")]);
    expect((await fake.post(url, fake.clickChatNow(VOTER))).status).toBe(200);
    expect((await fake.post(url, fake.unfollow(VOTER))).status).toBe(200);
    expect((await fake.post(url, fake.oaEcho(VOTER, "tin của OA"))).status).toBe(200);
    expect(events.events.map((e) => [e.kind, e.userId])).toEqual([
      ["follow", VOTER],
      ["chatnow", VOTER],
      ["unfollow", VOTER],
    ]);
    expect(c.stored).toEqual([]); // none of these is a message for the core
    expect(fake.textsTo(VOTER)).toHaveLength(1);
  });

  it("sends a welcome that says what the bot does", () => {
    const welcome = transportTexts.zaloOaWelcome("Phúc Lợi");
    expect(welcome).toContain("Phúc Lợi");
    expect(welcome).toContain("kiến nghị");
    expect(welcome).toContain("mã theo dõi");
    expect(welcome.length).toBeLessThan(2000);
  });

  it("a signed button press becomes a callback for its user only; a copied payload is refused as someone else's button, a typed imitation stays text", async () => {
    const c = acceptingCore(async (msg, sink) => {
      if (msg.text === "đánh giá") await sink.send({ text: "Ông/Bà hài lòng không?", buttons: [[{ label: "4", data: "rate:KN-1:4" }, { label: "5", data: "rate:KN-1:5" }]] });
    });
    await start(c.core);
    c.openGate();
    await fake.post(url, fake.userText(VOTER, "đánh giá"));
    await c.settle();
    const buttons = fake.lastButtons(VOTER);
    expect(buttons.map((b) => [b.title, b.type])).toEqual([["4", "oa.query.hide"], ["5", "oa.query.hide"]]);
    const payload5 = String(buttons[1]!.payload);
    expect(payload5).not.toContain("rate:"); // the data is not readable as typed text

    await fake.post(url, fake.userText(VOTER, payload5)); // the press: Zalo sends the payload as text
    await fake.post(url, fake.userText(STAFF, payload5)); // someone else pastes it
    await fake.post(url, fake.userText(VOTER, "rate:KN-1:5")); // typed imitation
    await c.settle();
    expect(c.stored.slice(1).map((m) => [m.userId, m.text, m.callbackData])).toEqual([
      [VOTER, "", "rate:KN-1:5"],
      [STAFF, payload5, FOREIGN_BUTTON], // kept as typed; the core answers that it is not theirs
      [VOTER, "rate:KN-1:5", null],
    ]);
  });

  it("more than 5 buttons become numbered choices, unique across the replies of one turn", async () => {
    const units = Array.from({ length: 7 }, (_, i) => ({ label: `Đơn vị ${i + 1}`, data: `unit:${i + 1}` }));
    const c = acceptingCore(async (msg, sink) => {
      if (msg.callbackData) return sink.send({ text: `Đã chọn ${msg.callbackData}` });
      await sink.send({ text: "Thẻ 1", buttons: [[{ label: "Xác nhận", data: "ok:1" }]] });
      await sink.send({ text: "Chọn đơn vị:", buttons: [units] });
    });
    await start(c.core);
    c.openGate();
    await fake.post(url, fake.userText(STAFF, "/hangdoi"));
    await c.settle();
    const texts = fake.textsTo(STAFF);
    expect(texts[0]).toBe("Thẻ 1 [Xác nhận]");
    expect(texts[1]).toBe(`Chọn đơn vị:\n\nTrả lời số:\n${units.map((u, i) => `${i + 1}. ${u.label}`).join("\n")}`);
    await fake.post(url, fake.userText(STAFF, "6"));
    await c.settle();
    expect(c.stored.at(-1)).toMatchObject({ text: "", callbackData: "unit:6" });
  });

  it("passes photos, files, stickers, voice and locations on", async () => {
    const c = acceptingCore(async () => {});
    await start(c.core);
    await fake.post(url, fake.userImage(VOTER, "https://photo-stal.zadn.vn/x.jpg", "ổ gà"));
    await fake.post(url, fake.userFile(VOTER, "https://f.zdn.vn/don.pdf", "don.pdf", 2048));
    await fake.post(url, fake.userSticker(VOTER, "abc"));
    await fake.post(url, fake.userAudio(VOTER, "https://voice.zdn.vn/a.aac"));
    await fake.post(url, fake.userLocation(VOTER, 21.0451, 105.9123, "Chợ Phúc Lợi"));
    expect(c.stored.map((m) => [m.text, m.attachments.map((a) => a.kind).join(","), m.location?.latitude ?? null])).toEqual([
      ["ổ gà", "photo", null],
      ["", "file", null],
      ["", "sticker", null],
      ["", "voice", null],
      ["", "", 21.0451],
    ]);
    expect(c.stored[4]!.location).toEqual({ latitude: 21.0451, longitude: 105.9123, label: "Chợ Phúc Lợi" });
  });

  it("delivers a notification inside the window and reports it undeliverable outside it", async () => {
    const c = acceptingCore(async () => {});
    await start(c.core);
    fake.userWrote(VOTER);
    await channel.deliver({ id: 1, channel: "zalo_oa", chatId: VOTER, text: "Kiến nghị KN-2026-000001 đang được xử lý." });
    expect(fake.textsTo(VOTER)).toEqual(["Kiến nghị KN-2026-000001 đang được xử lý."]);
    t += 8 * 24 * 3600_000;
    const err = await channel.deliver({ id: 2, channel: "zalo_oa", chatId: VOTER, text: "Đã giải quyết." }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UndeliverableError);
    expect(err).toMatchObject({ reason: "outside_window", channel: "zalo_oa" });
  });
});
