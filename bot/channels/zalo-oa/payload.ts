/**
 * Signed button payloads. An `oa.query.hide` button comes back as an ordinary
 * user_send_text whose text is the payload, so anyone can type a payload. Each payload
 * therefore carries an HMAC over (user id, data): only the user the button was sent to
 * can press it, and a typed imitation — or a payload copied from someone else's chat — is
 * treated as plain text, never as a button press.
 *
 * Format: "kn1.<base64url(data)>.<base64url(first 16 bytes of HMAC-SHA256)>", about
 * 110 characters for Telegram's 64-byte data limit.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "kn1.";
const MAC_BYTES = 16;

export interface ButtonPayloadSigner {
  sign(userId: string, data: string): string;
  /** The data of a payload signed for `userId`; null for anything else (plain text, forged, someone else's). */
  verify(userId: string, text: string): string | null;
  /** True when `text` has the payload shape (so a failed verification is worth a log line). */
  looksSigned(text: string): boolean;
}

/** A signer keyed by a secret (derived, so the webhook secret itself never signs anything). */
export function createButtonPayloadSigner(secret: string): ButtonPayloadSigner {
  if (secret === "") throw new Error("button payload signer needs a secret");
  const key = createHmac("sha256", secret).update("tro-ly-hdnd/zalo-oa/button-payload/v1").digest();
  const mac = (userId: string, data: string) => createHmac("sha256", key).update(`${userId}\n${data}`, "utf8").digest().subarray(0, MAC_BYTES);

  return {
    sign(userId, data) {
      return `${PREFIX}${Buffer.from(data, "utf8").toString("base64url")}.${mac(userId, data).toString("base64url")}`;
    },
    verify(userId, text) {
      const m = /^kn1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/.exec(text.trim());
      if (!m) return null;
      const data = Buffer.from(m[1]!, "base64url").toString("utf8");
      const given = Buffer.from(m[2]!, "base64url");
      if (given.length !== MAC_BYTES) return null;
      return timingSafeEqual(given, mac(userId, data)) ? data : null;
    },
    looksSigned(text) {
      return text.trim().startsWith(PREFIX);
    },
  };
}
