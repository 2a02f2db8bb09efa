/**
 * Pieces shared by the transports: a minimal logger seam and numbered choices for
 * transports without buttons (Zalo, console).
 */
import type { Button } from "../core/types.ts";

/** The logging surface transports need; `console` satisfies it, so does a pino wrapper. */
export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** Drops everything: the default in tests and when no logger is injected. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

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

/** Warnings and errors to stderr; the default when a transport gets no logger. */
export const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn: (msg, meta) => console.warn(msg, meta ?? ""),
  error: (msg, meta) => console.error(msg, meta ?? ""),
};
