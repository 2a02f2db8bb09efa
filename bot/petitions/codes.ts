/**
 * Tracking codes KN-YYYY-NNNNNN: a per-year counter (Vietnam's calendar year), incremented
 * in the filing transaction so codes are unique and gap-free per committed petition.
 */
import { yearInVietnam } from "../../lib/time.ts";
import type { DbClient } from "./types.ts";

export const PETITION_CODE_PATTERN = /^KN-\d{4}-\d{6,}$/;

export { yearInVietnam };

/** What precedes the year's number in a code, and the number's width (the store pads it when filing in one statement). */
export function petitionCodeParts(year: number): { prefix: string; digits: number } {
  return { prefix: `KN-${year}-`, digits: 6 };
}

export function formatPetitionCode(year: number, n: number): string {
  const { prefix, digits } = petitionCodeParts(year);
  return `${prefix}${String(n).padStart(digits, "0")}`;
}

/** Next code for a petition filed at `now`; call inside the filing transaction. */
export async function nextPetitionCode(tx: DbClient, now: Date): Promise<string> {
  const year = yearInVietnam(now);
  return formatPetitionCode(year, await tx.petitions.nextCodeNumber(year));
}

/** "kn 2026 12", "KN-2026-000012", "kn2026/12" → "KN-2026-000012"; null when no code is found. */
export function normalizePetitionCode(input: string): string | null {
  // "KN-2026-000123", "kn 2026 123", and written together "KN2026000123" (year, then six digits).
  const m = input.match(/\bkn\s*[-_./ ]?\s*(\d{4})(?:\s*[-_./ ]\s*(\d{1,9})|(\d{6}))\b/i);
  if (!m) return null;
  return formatPetitionCode(Number(m[1]), Number(m[2] ?? m[3]));
}
