import { describe, expect, it } from "vitest";
import { readOaEvent } from "../../../bot/channels/zalo-oa/events.ts";
import { oaErrorRule, OA_ERROR_TABLE } from "../../../bot/channels/zalo-oa/errors.ts";
import { createButtonPayloadSigner } from "../../../bot/channels/zalo-oa/payload.ts";
import { computeEventMac, parseSignatureHeader, verifyEventSignature } from "../../../bot/channels/zalo-oa/signature.ts";

const APP = "3482178216594085616";
const SECRET = "oa-secret-XyZ789";

describe("OA webhook signature", () => {
  const body = Buffer.from(JSON.stringify({ app_id: APP, event_name: "user_send_text", timestamp: "1733040000000", message: { text: "Đèn đường hỏng" } }));
  const mac = computeEventMac(APP, body, "1733040000000", SECRET);

  it("is SHA-256 of app_id + raw body + timestamp + OA secret key, in hex", () => {
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyEventSignature({ header: `mac=${mac}`, rawBody: body, timestamps: ["1733040000000"], appId: APP, oaSecretKey: SECRET })).toBe(true);
    expect(verifyEventSignature({ header: mac.toUpperCase(), rawBody: body, timestamps: ["1733040000000"], appId: APP, oaSecretKey: SECRET })).toBe(true);
  });

  it("refuses a missing, malformed or wrong signature, a changed byte, another timestamp or secret", () => {
    const ok = { header: `mac=${mac}`, rawBody: body, timestamps: ["1733040000000"], appId: APP, oaSecretKey: SECRET };
    expect(verifyEventSignature({ ...ok, header: undefined })).toBe(false);
    expect(verifyEventSignature({ ...ok, header: "mac=abc" })).toBe(false);
    expect(verifyEventSignature({ ...ok, header: `mac=${"0".repeat(64)}` })).toBe(false);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 5] = tampered[tampered.length - 5]! ^ 1;
    expect(verifyEventSignature({ ...ok, rawBody: tampered })).toBe(false);
    expect(verifyEventSignature({ ...ok, timestamps: ["1733040000001"] })).toBe(false);
    expect(verifyEventSignature({ ...ok, oaSecretKey: "app-secret-instead" })).toBe(false);
    expect(verifyEventSignature({ ...ok, oaSecretKey: "" })).toBe(false);
    expect(verifyEventSignature({ ...ok, appId: "other-app" })).toBe(false);
  });

  it("hashes the raw bytes (a re-serialised body would not match)", () => {
    const spaced = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verifyEventSignature({ header: mac, rawBody: spaced, timestamps: ["1733040000000"], appId: APP, oaSecretKey: SECRET })).toBe(false);
  });

  it("parses the header leniently but only as 64 hex digits", () => {
    expect(parseSignatureHeader(` mac=${"A".repeat(64)} `)).toBe("a".repeat(64));
    expect(parseSignatureHeader("sha256=" + "a".repeat(64))).toBeNull();
    expect(parseSignatureHeader("")).toBeNull();
  });
});

describe("OA webhook events", () => {
  const base = { app_id: APP, user_id_by_app: "u-app", timestamp: "1733040000000", sender: { id: "8123" }, recipient: { id: "579" } };

  it("reads a text message", () => {
    expect(readOaEvent({ ...base, event_name: "user_send_text", message: { msg_id: "m1", text: "Rác ở ngõ 5" } })).toEqual({
      kind: "message",
      eventName: "user_send_text",
      oaId: "579",
      userId: "8123",
      msgId: "m1",
      text: "Rác ở ngõ 5",
      attachments: [],
      location: null,
      at: new Date(1733040000000),
    });
  });

  it("reads images, files, stickers, audio and unknown attachments", () => {
    const img = readOaEvent({ ...base, event_name: "user_send_image", message: { msg_id: "m2", text: "ảnh", attachments: [{ type: "image", payload: { thumbnail: "https://t", url: "https://img/1.jpg" } }] } });
    expect(img).toMatchObject({ kind: "message", text: "ảnh", attachments: [{ kind: "photo", ref: "https://img/1.jpg", downloadUrl: "https://img/1.jpg" }] });
    const file = readOaEvent({ ...base, event_name: "user_send_file", message: { msg_id: "m3", attachments: [{ type: "file", payload: { url: "https://f/a.pdf", name: "don.pdf", size: "2048", type: "pdf" } }] } });
    expect(file).toMatchObject({ attachments: [{ kind: "file", name: "don.pdf", size: 2048 }] });
    const sticker = readOaEvent({ ...base, event_name: "user_send_sticker", message: { msg_id: "m4", attachments: [{ type: "sticker", payload: { id: "abc", url: "https://s" } }] } });
    expect(sticker).toMatchObject({ text: "", attachments: [{ kind: "sticker", ref: "abc" }] });
    const audio = readOaEvent({ ...base, event_name: "user_send_audio", message: { msg_id: "m5", attachments: [{ type: "audio", payload: { url: "https://a.aac" } }] } });
    expect(audio).toMatchObject({ attachments: [{ kind: "voice", ref: "https://a.aac" }] });
    const video = readOaEvent({ ...base, event_name: "user_send_video", message: { msg_id: "m6", attachments: [{ type: "video", payload: { url: "https://v.mp4" } }] } });
    expect(video).toMatchObject({ attachments: [{ kind: "other", ref: "https://v.mp4" }] });
  });

  it("reads a location whose coordinates are strings; its text is the label", () => {
    const e = readOaEvent({ ...base, event_name: "user_send_location", message: { msg_id: "m7", text: "Chợ Phúc Lợi", attachments: [{ type: "location", payload: { coordinates: { latitude: "21.0451", longitude: "105.9123" } } }] } });
    expect(e).toMatchObject({ kind: "message", text: "", location: { latitude: 21.0451, longitude: 105.9123, label: "Chợ Phúc Lợi" } });
    const bad = readOaEvent({ ...base, event_name: "user_send_location", message: { msg_id: "m8", attachments: [{ type: "location", payload: { coordinates: { latitude: "200", longitude: "x" } } }] } });
    expect(bad).toMatchObject({ kind: "message", location: null });
  });

  it("reads follow/unfollow (follower), user_click_chatnow (top-level user_id), ignores OA echoes and receipts", () => {
    expect(readOaEvent({ app_id: APP, oa_id: "579", event_name: "follow", timestamp: "1", follower: { id: "8123" }, source: "oa_profile" })).toEqual({ kind: "follow", oaId: "579", userId: "8123", at: new Date(1) });
    expect(readOaEvent({ app_id: APP, oa_id: "579", event_name: "unfollow", timestamp: "2", follower: { id: "8123" } })).toMatchObject({ kind: "unfollow", userId: "8123" });
    expect(readOaEvent({ app_id: APP, oa_id: "579", user_id: "8123", event_name: "user_click_chatnow", timestamp: "3" })).toMatchObject({ kind: "chatnow", userId: "8123", oaId: "579" });
    expect(readOaEvent({ ...base, event_name: "oa_send_text", sender: { id: "579" }, recipient: { id: "8123" }, message: { msg_id: "x", text: "hi" } })).toEqual({ kind: "ignored", eventName: "oa_send_text", reason: "oa_echo" });
    expect(readOaEvent({ ...base, event_name: "user_seen_message" })).toMatchObject({ kind: "ignored", reason: "unsupported" });
    expect(readOaEvent({ ...base, event_name: "user_send_text" })).toMatchObject({ kind: "ignored", reason: "malformed" });
    expect(readOaEvent("not an object")).toMatchObject({ kind: "ignored", reason: "malformed" });
  });
});

describe("signed button payloads", () => {
  const signer = createButtonPayloadSigner(SECRET);

  it("round-trips for the user it was signed for, and only for them", () => {
    const p = signer.sign("8123", "rate:KN-2026-000001:5");
    expect(p.length).toBeLessThan(140);
    expect(signer.verify("8123", p)).toBe("rate:KN-2026-000001:5");
    expect(signer.verify("9999", p)).toBeNull(); // copied into someone else's chat
  });

  it("refuses typed imitations and edits", () => {
    const p = signer.sign("8123", "rv:su:KN-2026-000001:phong_kt_ht_dt");
    const forgedData = `kn1.${Buffer.from("rv:su:KN-2026-000002:phong_kt_ht_dt").toString("base64url")}.${p.split(".")[2]}`;
    expect(signer.verify("8123", forgedData)).toBeNull();
    expect(signer.verify("8123", "rate:KN-2026-000001:5")).toBeNull();
    expect(signer.verify("8123", "kn1.abc.def")).toBeNull();
    expect(createButtonPayloadSigner("other-secret").verify("8123", p)).toBeNull();
    expect(signer.looksSigned(forgedData)).toBe(true);
    expect(signer.looksSigned("xin chào")).toBe(false);
  });
});

describe("OA error table", () => {
  it("maps every code the issue names to one action", () => {
    expect(oaErrorRule(-230)).toMatchObject({ action: "outside_window", undeliverable: "outside_window" });
    expect(oaErrorRule(-213)).toMatchObject({ action: "permanent", undeliverable: "not_follower" });
    expect(oaErrorRule(-216).action).toBe("refresh_token");
    expect(oaErrorRule(-220).action).toBe("refresh_token");
    expect(oaErrorRule(-32).action).toBe("retry");
    expect(oaErrorRule(-999).action).toBe("retry");
    for (const rule of Object.values(OA_ERROR_TABLE)) expect(rule.meaning.length).toBeGreaterThan(5);
  });
});
