/** Absolute links of the web face (PUBLIC_BASE_URL, else http://HOST:PORT). */
import type { Config } from "../bot/config.ts";

type UrlConfig = Pick<Config, "PUBLIC_BASE_URL" | "HOST" | "PORT">;

/** The public base of absolute links: PUBLIC_BASE_URL, else http://HOST:PORT. */
export function baseUrl(config: UrlConfig): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, "");
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
}

/** Absolute URL of a petition's public page (the chat acknowledgement gives it to the voter). */
export function publicPetitionUrl(config: UrlConfig, code: string): string {
  return `${baseUrl(config)}/cong-khai/${encodeURIComponent(code)}`;
}
