/**
 * Pieces shared by the transports: the logger seam, numbered choices for transports
 * without buttons (Zalo, console), text splitting for length-limited channels, error
 * descriptions for logs.
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

/** One numbered choice: the number the user types and the button it stands for. */
export interface NumberedChoice {
  n: number;
  button: Button;
}

export interface ChoiceBookOptions {
  /** Choices older than this are forgotten (default 30 min). */
  ttlMs?: number;
  now?: () => number;
  /** Chats remembered at once; the least recently used are dropped beyond this (default 10,000). */
  maxChats?: number;
}

interface ChatChoices {
  byNumber: Map<number, { button: Button; at: number }>;
  next: number;
  touched: number;
}

/**
 * Numbered choices for channels without buttons (zca-js, the Zalo Bot Platform, OA replies
 * with more than 5 buttons), per chat. A new incoming message starts a turn: the choices
 * offered before it are resolved against it first, then forgotten, and numbering starts at
 * 1 again. Within a turn numbering continues across replies, so five review cards of one
 * /hangdoi answer carry 1–25 and "7" can only mean the second card's second button.
 * Notifications delivered between turns continue the numbering too while earlier choices
 * are alive, so a number never means two buttons at once.
 *
 * In memory, per process: behind several webhook workers a number typed to one worker is
 * not known to another (signed OA button payloads do not have this limit).
 */
export class ChoiceBook {
  private readonly chats = new Map<string, ChatChoices>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxChats: number;

  constructor(options: ChoiceBookOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
    this.maxChats = options.maxChats ?? 10_000;
  }

  /** The button a typed answer ("2", "#2", "/2") stands for in this chat, if it is still alive. */
  resolve(chatId: string, text: string): Button | undefined {
    const n = parseChoiceNumber(text);
    if (n === null) return undefined;
    const entry = this.live(chatId)?.byNumber.get(n);
    return entry?.button;
  }

  /** An incoming message starts a turn: earlier choices are spent, numbering restarts at 1. */
  startTurn(chatId: string): void {
    this.chats.delete(chatId);
  }

  /** Numbers one reply's buttons after those already given in this chat (1 when none are alive). */
  assign(chatId: string, buttons: readonly Button[]): NumberedChoice[] {
    if (buttons.length === 0) return [];
    const at = this.now();
    let chat = this.live(chatId);
    if (!chat) chat = { byNumber: new Map(), next: 1, touched: at };
    this.chats.delete(chatId); // re-insert: Map order is the LRU order
    this.chats.set(chatId, chat);
    chat.touched = at;
    const out = buttons.map((button) => {
      const n = chat.next++;
      chat.byNumber.set(n, { button, at });
      return { n, button };
    });
    this.evict();
    return out;
  }

  /** How many chats hold live choices (tests, metrics). */
  get size(): number {
    return this.chats.size;
  }

  private live(chatId: string): ChatChoices | undefined {
    const chat = this.chats.get(chatId);
    if (!chat) return undefined;
    if (this.now() - chat.touched > this.ttlMs) {
      this.chats.delete(chatId);
      return undefined;
    }
    return chat;
  }

  private evict(): void {
    for (const key of this.chats.keys()) {
      if (this.chats.size <= this.maxChats) break;
      this.chats.delete(key);
    }
  }
}

/** Reply text followed by its numbered choices ("Trả lời số:" and one line per choice). */
export function renderNumberedChoices(text: string, choices: readonly NumberedChoice[], heading: string): string {
  if (choices.length === 0) return text;
  const lines = choices.map((c) => `${c.n}. ${c.button.label}`);
  return `${text}\n\n${heading}\n${lines.join("\n")}`;
}

/**
 * Splits `text` into chunks of at most `limit` UTF-16 units for channels that refuse longer
 * messages, cutting at the last paragraph break, else line break, else sentence end, else
 * space in the second half of the window, so a paragraph (e.g. the numbered choices after
 * their blank line) stays whole when it can. Never splits a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError("splitText: limit must be at least 2");
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const floor = Math.floor(limit / 2);
    let cut = -1;
    for (const sep of ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " "]) {
      const i = window.lastIndexOf(sep, limit - sep.length);
      if (i >= floor) {
        cut = i + (sep.trim() === "" ? 0 : sep.trimEnd().length);
        break;
      }
    }
    if (cut < 1) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--; // keep a surrogate pair together
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Short, stable description of an error for logs (no stack, no payloads). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** Warnings and errors to stderr as JSON lines; the default when a transport gets no logger. */
export const stderrLogger: Logger = createLogger("warn");
