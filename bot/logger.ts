/**
 * Structured logging to stderr (stdout belongs to CLIs and the console chat), on pino.
 * Callers log ids and error descriptions, not message text; `scrub` (the classifier's
 * redaction: phones, ID numbers, e-mails, names given) masks personal data that slips
 * into an error string: pino's hooks apply it to the message and to every string field.
 * One JSON object a line: `{"level":"warn","t":"<ISO time>",...fields,"msg":"…"}`.
 */
import { pino, type DestinationStream } from "pino";
import { redact } from "../lib/redact.ts";

export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Masks personal data in a string written to logs (the same rules as before text goes to an LLM). */
export function scrub(s: string): string {
  return redact(s).text;
}

/** Scrubs string fields; an Error becomes its scrubbed description (pino's own serializer would print it raw). */
function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === "string" ? scrub(v) : v instanceof Error ? scrub(String(v)) : v;
  }
  return out;
}

/**
 * A logger at `level`. `write` receives each JSON line without its newline (tests keep
 * them); by default lines go to stderr synchronously, so nothing is lost when the process exits.
 */
export function createLogger(level: LogLevel = "info", write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith("\n") ? line.slice(0, -1) : line) }
    : pino.destination({ dest: 2, sync: true });
  const p = pino(
    {
      level,
      base: undefined, // no pid/hostname: the lines stay as small as before
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: scrubFields,
      },
      hooks: {
        logMethod(args, method) {
          // Calls are always (fields, msg): the message is the second argument.
          if (typeof args[1] === "string") args[1] = scrub(args[1]);
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
  return {
    debug: (msg, meta) => p.debug(meta ?? {}, msg),
    info: (msg, meta) => p.info(meta ?? {}, msg),
    warn: (msg, meta) => p.warn(meta ?? {}, msg),
    error: (msg, meta) => p.error(meta ?? {}, msg),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
