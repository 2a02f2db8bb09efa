import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloOaClient, type ZaloOaClient } from "../../../bot/channels/zalo-oa/client.ts";
import { ZaloOaApiError } from "../../../bot/channels/zalo-oa/errors.ts";
import { refreshTokens } from "../../../bot/channels/zalo-oa/oauth.ts";
import { ZaloTokenManager } from "../../../bot/channels/zalo-oa/token-manager.ts";
import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";
import { PNG_1X1 } from "../../helpers/media-fixtures.ts";

let t = new Date("2026-12-01T01:00:00Z").getTime();
const now = () => new Date(t);
let fake: FakeZaloOa;
let client: ZaloOaClient;
let sleeps: number[];
const VOTER = "8123";

beforeEach(async () => {
  fake = await startFakeZaloOa({ now });
  const store = new InMemoryZaloTokenStore();
  const tokens = new ZaloTokenManager({
    store,
    key: "oa",
    now,
    seed: fake.issuePair(),
    refresh: (rt) => refreshTokens({ oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret }, rt),
  });
  sleeps = [];
  client = createZaloOaClient({ apiRoot: fake.apiRoot, tokens, sleep: async (ms) => void sleeps.push(ms), backoffMs: 500 });
  // The voter wrote to the OA a minute ago: the 7-day window is open.
  fake.userWrote(VOTER);
});
afterEach(async () => {
  await fake.close();
});

describe("Zalo OA client", () => {
  it("sends text with the access_token header and returns the message id", async () => {
    const r = await client.sendText(VOTER, "Đã tiếp nhận kiến nghị.");
    expect(r.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.sent[0]!.body).toEqual({ recipient: { user_id: VOTER }, message: { text: "Đã tiếp nhận kiến nghị." } });
  });

  it("sends up to 5 buttons as a template attachment and refuses more", async () => {
    await client.sendButtons(VOTER, "Đánh giá?", [
      { title: "Hài lòng", type: "oa.query.hide", payload: "kn1.x.y" },
      { title: "Trang công khai", type: "oa.open.url", url: "https://phuong.example/cong-khai/KN-1" },
    ]);
    expect(fake.sent[0]!.body.message).toEqual({
      text: "Đánh giá?",
      attachment: {
        type: "template",
        payload: {
          buttons: [
            { title: "Hài lòng", type: "oa.query.hide", payload: "kn1.x.y" },
            { title: "Trang công khai", type: "oa.open.url", payload: { url: "https://phuong.example/cong-khai/KN-1" } },
          ],
        },
      },
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ title: String(i), type: "oa.query.hide" as const, payload: String(i) }));
    expect(() => client.sendButtons(VOTER, "x", six)).toThrow(RangeError);
    expect(() => client.sendText(VOTER, "x".repeat(2001))).toThrow(RangeError);
  });

  it("refreshes an expired token (−216) once and retries", async () => {
    await client.sendText(VOTER, "một");
    const refreshes = fake.refreshCalls;
    fake.expireAccessTokens();
    await client.sendText(VOTER, "hai");
    expect(fake.refreshCalls).toBe(refreshes + 1);
    expect(fake.textsTo(VOTER)).toEqual(["một", "hai"]);
  });

  it("backs off on −32 and succeeds, or gives up as a retryable error", async () => {
    fake.rateLimitNext(2);
    await client.sendText(VOTER, "sau giới hạn");
    expect(sleeps).toEqual([500, 1000]);
    expect(fake.textsTo(VOTER)).toEqual(["sau giới hạn"]);
    fake.rateLimitNext(3);
    const err = await client.sendText(VOTER, "vẫn giới hạn").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ZaloOaApiError", code: -32, action: "retry" });
  });

  it("reports the closed 7-day window (−230) and a non-follower (−213) without retrying", async () => {
    t += 8 * 24 * 3600_000;
    const late = await client.sendText(VOTER, "thông báo muộn").catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ZaloOaApiError);
    expect(late).toMatchObject({ code: -230, action: "outside_window", undeliverable: "outside_window" });
    fake.userUnfollowed(VOTER);
    const gone = await client.sendText(VOTER, "x").catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: -213, action: "permanent", undeliverable: "not_follower" });
    expect(sleeps).toEqual([]);
  });

  it("uploads an image and sends it by attachment_id", async () => {
    const id = await client.uploadImage(PNG_1X1, "anh.png", "image/png");
    expect(id).toMatch(/^att_/);
    await client.sendImage(VOTER, { attachmentId: id }, "Ảnh hiện trường sau khi xử lý");
    expect(fake.sent[0]!.body.message).toEqual({
      text: "Ảnh hiện trường sau khi xử lý",
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] } },
    });
    await expect(client.uploadImage(Buffer.from("not an image"))).rejects.toMatchObject({ code: -201, action: "permanent" });
  });
});
