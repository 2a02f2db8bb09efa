/**
 * Logs a personal Zalo account in through zca-js: saved cookie/imei/userAgent (from the
 * environment or a JSON file), else a QR code on first run. The credentials are written
 * back (mode 0600) after login so the next start needs no QR. Not testable offline.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LoginQRCallbackEventType, Zalo, type API, type Credentials } from "./zca.ts";
import { stderrLogger, type Logger } from "../common.ts";
import type { ZaloApi } from "./adapter.ts";

export interface ZaloLoginOptions {
  /** JSON file with { cookie, imei, userAgent }; read if present, written after login. */
  credentialsFile?: string;
  /** ZALO_COOKIE: the cookie JSON (array, or { url, cookies }) exported from chat.zalo.me. */
  cookie?: string;
  imei?: string;
  userAgent?: string;
  /** Where the QR image is written on first run. */
  qrPath?: string;
  logger?: Logger;
  /** Extra zca-js options, e.g. `polyfill` (a fetch) in tests. */
  zaloOptions?: ConstructorParameters<typeof Zalo>[0];
}

export const DEFAULT_CREDENTIALS_FILE = "./data/zalo-credentials.json";

function readCredentials(options: ZaloLoginOptions, file: string): Credentials | undefined {
  if (options.cookie && options.imei && options.userAgent) {
    return { cookie: JSON.parse(options.cookie) as Credentials["cookie"], imei: options.imei, userAgent: options.userAgent };
  }
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<Credentials>;
  if (!saved.cookie || !saved.imei || !saved.userAgent) throw new Error(`zalo: ${file} lacks cookie, imei or userAgent`);
  return saved as Credentials;
}

/** Writes the session's current (possibly refreshed) credentials, readable by the owner only. */
export function saveZaloCredentials(api: API, file: string = DEFAULT_CREDENTIALS_FILE): void {
  const ctx = api.getContext();
  const data = { imei: ctx.imei, userAgent: ctx.userAgent, language: ctx.language, cookie: api.getCookie().toJSON()?.cookies ?? [] };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600); // mode applies only when the file is created
  renameSync(tmp, file);
}

/** Logs in and returns the zca-js API (assignable to the transport's `ZaloApi`). */
export async function loginZalo(options: ZaloLoginOptions = {}): Promise<API> {
  const logger = options.logger ?? stderrLogger;
  const file = options.credentialsFile ?? DEFAULT_CREDENTIALS_FILE;
  // checkUpdate:false: otherwise login first queries the npm registry.
  const zalo = new Zalo({ checkUpdate: false, selfListen: false, logging: false, ...options.zaloOptions });

  const credentials = readCredentials(options, file);
  let api: API;
  if (credentials) {
    api = await zalo.login(credentials);
  } else {
    const qrPath = options.qrPath ?? path.join(path.dirname(file), "zalo-qr.png");
    api = await zalo.loginQR({ qrPath, ...(options.userAgent ? { userAgent: options.userAgent } : {}) }, (event) => {
      switch (event.type) {
        case LoginQRCallbackEventType.QRCodeGenerated:
          void event.actions.saveToFile(qrPath).then(() => {
            logger.warn(`zalo: mở ứng dụng Zalo và quét mã QR tại ${path.resolve(qrPath)} (scan the QR code to log in)`);
          });
          break;
        case LoginQRCallbackEventType.QRCodeExpired:
          logger.warn("zalo: mã QR hết hạn, đang tạo mã mới (QR expired, generating a new one)");
          event.actions.retry();
          break;
        case LoginQRCallbackEventType.QRCodeScanned:
          logger.info(`zalo: QR scanned by ${event.data.display_name}, waiting for confirmation`);
          break;
        case LoginQRCallbackEventType.QRCodeDeclined:
          logger.error("zalo: đăng nhập bằng QR bị từ chối (QR login declined)");
          event.actions.abort();
          break;
        default:
          break;
      }
    });
  }
  saveZaloCredentials(api, file);
  logger.info(`zalo: logged in as ${api.getOwnId()}`);
  return api;
}

// Compile-time check that the real zca-js API fits the transport's narrow interface.
export const asZaloApi = (api: API): ZaloApi => api;
