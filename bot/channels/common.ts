/**
 * Pieces shared by the transports: the logger seam, numbered choices for transports
 * without buttons (Zalo, console), error descriptions for logs.
 */
import type { Button } from "../core/types.ts";
import { createLogger, type Logger } from "../logger.ts";

// The project's logger interface; `console` also satisfies it.
export type { Logger } from "../logger.ts";
export { silentLogger } from "../logger.ts";

/** Buttons in reading order (rows left to right, top to bottom); choice n is index n-1. */
export function flattenButtons(rows: Button[][] | undefined): Button[] {
  return rows ? rows.flat() : [];
}

/** "1", "#1" or "/1" (optionally surrounded by spaces) → 1; anything else → null. */
export function parseChoiceNumber(text: string): number | null {
  const m = /^\s*[#/]?(\d{1,2})\s*[.)]?\s*$/.exec(text);
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

/** The button at 1-based position `n`, or undefined when out of range. */
export function pickChoice(buttons: readonly Button[], n: number): Button | undefined {
  return n >= 1 ? buttons[n - 1] : undefined;
}

/** Short, stable description of an error for logs (no stack, no payloads). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** Warnings and errors to stderr as JSON lines; the default when a transport gets no logger. */
export const stderrLogger: Logger = createLogger("warn");
