/**
 * Tracking codes KN-YYYY-NNNNNN. The number comes from CodeCounter, incremented inside
 * the caller's transaction, so a rolled-back filing does not burn a number and two
 * filings never share one.
 */
import type { DbClient } from "./types.ts";

export const PETITION_CODE_PATTERN = /^KN-\d{4}-\d{6,}$/;

/** Vietnam has used UTC+7 without daylight saving since 1975. */
const VN_OFFSET_MS = 7 * 3600_000;

/** Calendar year in Asia/Ho_Chi_Minh (a petition sent at 23:30 UTC on 31/12 is next year's). */
export function yearInVietnam(date: Date): number {
  return new Date(date.getTime() + VN_OFFSET_MS).getUTCFullYear();
}

export function formatPetitionCode(year: number, n: number): string {
  return `KN-${year}-${String(n).padStart(6, "0")}`;
}

/** Takes the next code for the year of `now`; call inside the transaction that uses it. */
export async function nextPetitionCode(tx: DbClient, now: Date): Promise<string> {
  const year = yearInVietnam(now);
  // A single upsert is one write statement, so concurrent callers serialise on the row.
  const counter = await tx.codeCounter.upsert({
    where: { year },
    create: { year, value: 1 },
    update: { value: { increment: 1 } },
  });
  return formatPetitionCode(year, counter.value);
}

/**
 * Reads a code as voters type it ("kn 2026 12", "KN-2026-000012", "kn2026-12") and
 * returns the canonical form, or null when the text holds no code.
 */
export function normalizePetitionCode(input: string): string | null {
  const m = input.match(/\bkn\s*[-_./ ]?\s*(\d{4})\s*[-_./ ]\s*(\d{1,9})\b/i);
  if (!m) return null;
  return formatPetitionCode(Number(m[1]), Number(m[2]));
}
