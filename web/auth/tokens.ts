/** Random tokens and their hashes: the database stores only SHA-256 digests of secrets. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** 32 random bytes, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A 6-digit sign-in code (uniform, leading zeros kept). */
export function randomCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** The code's hash is bound to its challenge, so equal codes of two challenges hash differently. */
export function codeHash(challenge: string, code: string): string {
  return sha256(`${challenge}:${code}`);
}

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
