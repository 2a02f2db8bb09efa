/**
 * The Official Account webhook signature. Zalo sends `X-ZEvent-Signature: mac=<hex>` where
 * mac = SHA-256(app_id + raw body + timestamp + OA secret key): a plain hash over the raw
 * bytes, not an HMAC, and the OA secret key (shown in the webhook settings of the app),
 * not the app secret. The timestamp is the `timestamp` field of the body. Sources and the
 * disagreements between them: docs/zalo.md.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** The hex mac Zalo computes for `rawBody`. */
export function computeEventMac(appId: string, rawBody: Uint8Array, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(Buffer.from(appId, "utf8"))
    .update(rawBody)
    .update(Buffer.from(timestamp, "utf8"))
    .update(Buffer.from(oaSecretKey, "utf8"))
    .digest("hex");
}

/** "mac=<64 hex>" (the prefix optional, hex case-insensitive) → the lowercase hex, or null. */
export function parseSignatureHeader(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^\s*(?:mac=)?([0-9a-f]{64})\s*$/i.exec(header);
  return m?.[1] ? m[1].toLowerCase() : null;
}

export interface SignatureInput {
  /** The X-ZEvent-Signature header. */
  header: string | undefined;
  rawBody: Uint8Array;
  /** Timestamps to try: the body's `timestamp` first; some integrations saw it in a header. */
  timestamps: readonly string[];
  appId: string;
  oaSecretKey: string;
}

/** True when the header carries the mac of these bytes; constant-time in the mac. */
export function verifyEventSignature(input: SignatureInput): boolean {
  const given = parseSignatureHeader(input.header);
  if (!given || input.oaSecretKey === "") return false;
  const givenBytes = Buffer.from(given, "hex");
  let ok = false;
  for (const ts of input.timestamps) {
    if (ts === "") continue;
    const expected = Buffer.from(computeEventMac(input.appId, input.rawBody, ts, input.oaSecretKey), "hex");
    // Every candidate is compared (no early exit), so timing does not tell which matched.
    ok = timingSafeEqual(givenBytes, expected) || ok;
  }
  return ok;
}
