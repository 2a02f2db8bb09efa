/**
 * Configuration, read from the environment once and validated with zod.
 * Every setting has an embedded default so a fresh clone runs with no keys and no network;
 * setting a key switches the same code to the real service.
 */
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/tro-ly-hdnd.db")
    .refine((u) => u.startsWith("file:") || u.startsWith("postgres://") || u.startsWith("postgresql://"), {
      message: "phải bắt đầu bằng file: hoặc postgresql:// (must start with file: or postgresql://)",
    }),
  /** PostgreSQL user when DATABASE_URL names none (libpq's variable; default "postgres"). */
  PGUSER: optionalString,
  /** SQLite durability (read by bot/store/db.ts at connect): NORMAL or FULL. */
  SQLITE_SYNCHRONOUS: z.enum(["OFF", "NORMAL", "FULL", "EXTRA"]).default("NORMAL"),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),

  // OpenAI-compatible endpoint (OpenAI, Ollama, vLLM...). Absent: local classifier, local embeddings, extractive answers.
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url({ message: "phải là một URL (must be a URL)" }).optional()),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_EMBEDDING_MODEL: optionalString,
  LLM_TIMEOUT_MS: positiveInt(10_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Total time one message may spend on the LLM classifier, retries included; then the offline model answers. */
  LLM_BUDGET_MS: positiveInt(20_000),

  // Telegram (grammY). Absent: the local console is used.
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_STAFF_CHAT_ID: optionalString,
  PORT: positiveInt(8080),

  // Web face (web/): staff console, public page, Open311, on the same server as the webhooks.
  /** Interface the HTTP server listens on; 0.0.0.0 only behind a firewall or a reverse proxy. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Absolute base of the links the bot and the console give out (https://hdnd.example.vn). Absent: http://HOST:PORT. */
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ message: "phải là một URL (must be a URL)" }).optional()),
  /** "false" keeps the web server off (the chat still runs). */
  WEB_ENABLED: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto from it (true, or a hop count / address list). */
  TRUST_PROXY: z.string().trim().default("false"),
  /** Hours a console sign-in lasts. */
  WEB_SESSION_HOURS: positiveInt(12),
  /** Minutes a sign-in code or link stays valid. */
  WEB_LOGIN_CODE_MINUTES: positiveInt(10),

  // Zalo (zca-js, personal account).
  ZALO_CREDENTIALS_FILE: optionalString,
  ZALO_COOKIE: optionalString,
  ZALO_IMEI: optionalString,
  ZALO_USER_AGENT: optionalString,

  // Zalo Official Account (Open API v3). Set ZALO_OA_APP_ID to turn the channel on; then the
  // app secret and the OA secret key are required. Webhook: POST /zalo/oa/webhook.
  ZALO_OA_APP_ID: optionalString,
  ZALO_OA_APP_SECRET: optionalString,
  /** The OA secret key from the app's webhook settings (signs webhook events); not the app secret. */
  ZALO_OA_SECRET_KEY: optionalString,
  /** First set-up without `npm run admin -- zalo-oa-authorize`; afterwards the store holds the current pair. */
  ZALO_OA_ACCESS_TOKEN: optionalString,
  ZALO_OA_REFRESH_TOKEN: optionalString,
  ZALO_OA_API_ROOT: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: z.url().default("https://oauth.zaloapp.com"),

  // Zalo Bot Platform. With a webhook secret: webhook mode (POST /zalo/bot/webhook); without: long polling.
  ZALO_BOT_TOKEN: optionalString,
  ZALO_BOT_API_ROOT: z.url().default("https://bot-api.zaloplatforms.com"),
  ZALO_BOT_WEBHOOK_SECRET: optionalString.pipe(z.string().min(8, { message: "8–256 ký tự (8–256 characters)" }).max(256).optional()),


  // Petition handling.
  WARD_NAME: z.string().default("Phúc Lợi"),
  REVIEW_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  DEADLINE_URGENT_DAYS: positiveInt(2),
  DEADLINE_NORMAL_DAYS: positiveInt(15),
  OVERDUE_NO_PROGRESS_DAYS: positiveInt(7),
  MAX_MESSAGE_LENGTH: positiveInt(2000),
  /** Per-user flood limit: at most this many messages per window. */
  RATE_LIMIT_MESSAGES: positiveInt(12),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  /** Pieces a voter sends this soon after filing are added to that petition, not filed anew. */
  SUPPLEMENT_WINDOW_MINUTES: positiveInt(10),
  /** Petitions waiting in memory for classification; more stay "received" in the database until there is room. */
  CLASSIFICATION_QUEUE_MAX: positiveInt(1000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** True when an OpenAI-compatible endpoint is configured. */
  llmEnabled: boolean;
}

/** Thrown for invalid settings; the message names each bad variable in Vietnamese and English. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join("\n")}`);
  }
  const cfg = parsed.data;
  if (cfg.ZALO_OA_APP_ID) {
    const missing = (["ZALO_OA_APP_SECRET", "ZALO_OA_SECRET_KEY"] as const).filter((k) => !cfg[k]);
    if (missing.length) {
      throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${missing.map((k) => `  - ${k}: bắt buộc khi đặt ZALO_OA_APP_ID (required with ZALO_OA_APP_ID)`).join("\n")}`);
    }
  }
  return { ...cfg, llmEnabled: Boolean(cfg.OPENAI_BASE_URL || cfg.OPENAI_API_KEY) };
}
