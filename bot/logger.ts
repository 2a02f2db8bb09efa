/**
 * Structured logging to stderr (stdout belongs to CLIs and the console chat).
 * Log lines never carry message text from voters: callers pass ids and error
 * descriptions, and `scrub` masks phone numbers, ID numbers and e-mails that
 * slip into error strings.
 */
export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const PII: Array<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, "[EMAIL]"],
  [/(?:\+?84|0)(?:[\s.-]?\d){8,10}\b/g, "[SĐT]"],
  [/\b\d{9}(?:\d{3})?\b/g, "[SỐ]"],
];

/** Masks personal data in a string written to logs. */
export function scrub(s: string): string {
  let out = s;
  for (const [re, mask] of PII) out = out.replace(re, mask);
  return out;
}

function scrubMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!meta) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) out[k] = typeof v === "string" ? scrub(v) : v;
  return out;
}

export function createLogger(level: LogLevel = "info", write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const at = (lvl: Exclude<LogLevel, "silent">) => (msg: string, meta?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg: scrub(msg), ...scrubMeta(meta) }));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
