/**
 * npm run admin -- zalo-oa-authorize --redirect-uri https://<domain>/zalo/oa/callback
 * Authorises the ward's Official Account for the app (OAuth v4 with PKCE) and stores the
 * token pair where the bot reads it: the database (DATABASE_URL), shared by every worker.
 * Needs ZALO_OA_APP_ID and ZALO_OA_APP_SECRET.
 */
import { parseArgs } from "node:util";
import { openZaloOaTokenStore } from "../bot/channels/zalo-official.ts";
import { authorizeOa, AuthorizeError } from "../bot/channels/zalo-oa/authorize.ts";
import { ZaloOAuthError } from "../bot/channels/zalo-oa/oauth.ts";
import { configOrExit, fail, storeOf } from "./cli.ts";

const USAGE = "Cách dùng: npm run admin -- zalo-oa-authorize --redirect-uri <địa chỉ callback đã đăng ký cho ứng dụng Zalo>";

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: argv, options: { "redirect-uri": { type: "string" } } }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const redirectUri = values["redirect-uri"];
  if (!redirectUri || !/^https?:\/\//.test(redirectUri)) fail(`thiếu --redirect-uri.\n${USAGE}`);
  const config = configOrExit();
  if (!config.ZALO_OA_APP_ID || !config.ZALO_OA_APP_SECRET) fail("cần ZALO_OA_APP_ID và ZALO_OA_APP_SECRET trong môi trường.");
  const db = storeOf(config);
  const key = `zalo_oa:${config.ZALO_OA_APP_ID}`;
  try {
    await authorizeOa({
      oauth: { oauthRoot: config.ZALO_OAUTH_ROOT, appId: config.ZALO_OA_APP_ID, appSecret: config.ZALO_OA_APP_SECRET },
      redirectUri,
      // The same store (and key) startZaloChannels reads; a pair left in the old JSON file is moved in first.
      store: await openZaloOaTokenStore(db, config, key),
      key,
      input: process.stdin,
      output: process.stdout,
    });
    return 0;
  } catch (err) {
    if (err instanceof AuthorizeError || err instanceof ZaloOAuthError) {
      process.stderr.write(`Lỗi: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
