/**
 * Admin commands of the web face:
 *   web-link --user <id> [--channel console]   prints a one-time sign-in link (first set-up)
 *   open311-key add --name <partner>           prints a new Open311 API key once (stored hashed)
 *   open311-key list | revoke <id|prefix>
 */
import { z } from "zod";
import { CHANNELS } from "../bot/core/types.ts";
import { silentLogger } from "../bot/logger.ts";
import { issueSignIn } from "../web/auth/sign-in.ts";
import { randomToken, sha256 } from "../web/auth/tokens.ts";
import { createStoreWebData } from "../web/data/store.ts";
import { noPlanProgress } from "../web/plan-progress.ts";
import { configOrExit, fail, storeOf } from "./cli.ts";

const webLinkArgs = z.object({ channel: z.enum(CHANNELS).default("console"), user: z.string().trim().min(1).max(64) });

export async function runWebAdmin(cmd: string, rest: string[], values: Record<string, string | boolean | undefined>, usage: string): Promise<number> {
  const config = configOrExit();
  const db = storeOf(config);
  const data = createStoreWebData(db);
  const now = () => new Date();
  try {
    if (cmd === "web-link") {
      const args = webLinkArgs.safeParse({ channel: values.channel ?? undefined, user: values.user });
      if (!args.success) fail(`thiếu hoặc sai --user/--channel.\n${usage}`);
      const person = { channel: args.data.channel, externalId: args.data.user };
      const role = await data.roleOf(person.channel, person.externalId);
      if (role === "voter") fail(`${person.channel}:${person.externalId} chưa có vai trò đại biểu/cán bộ. Cấp trước: npm run admin -- add --channel ${person.channel} --user ${person.externalId} --role staff`, 1);
      const deps = { config, db, data, log: silentLogger, now, petitionDeps: {}, notify: () => {}, planProgress: noPlanProgress };
      const issued = await issueSignIn(deps, person, false);
      console.log(`Liên kết đăng nhập một lần cho ${person.channel}:${person.externalId} (hiệu lực ${config.WEB_LOGIN_CODE_MINUTES} phút):`);
      console.log(issued.link);
      return 0;
    }
    const [sub, arg] = rest;
    if (sub === "add") {
      const name = typeof values.name === "string" ? values.name.trim() : "";
      if (!name || name.length > 100) fail(`thiếu --name <tên đối tác>.\n${usage}`);
      const key = `o311_${randomToken(24)}`;
      const row = await data.addOpen311Key({ name, keyHash: sha256(key), prefix: key.slice(0, 9), now: now() });
      console.log(`Đã tạo khóa Open311 #${row.id} cho ${name}. Khóa chỉ hiện một lần, hãy lưu lại:`);
      console.log(key);
      return 0;
    }
    if (sub === "list") {
      const keys = await data.listOpen311Keys();
      if (!keys.length) console.log("Chưa có khóa Open311 nào.");
      for (const k of keys) console.log(`${k.id}\t${k.prefix}…\t${k.name}\t${k.createdAt.toISOString()}${k.revokedAt ? `\tđã thu hồi ${k.revokedAt.toISOString()}` : ""}`);
      return 0;
    }
    if (sub === "revoke" && arg) {
      const n = await data.revokeOpen311Key(arg, now());
      console.log(n ? `Đã thu hồi ${n} khóa.` : `Không có khóa đang dùng nào khớp “${arg}”.`);
      return n ? 0 : 1;
    }
    fail(usage);
  } finally {
    await db.close();
  }
}
