/**
 * Manages the role allowlist.
 *   npm run admin -- add --channel telegram --user 123456 --role staff [--note "Chị Lan, VP"]
 *   npm run admin -- remove --channel telegram --user 123456 [--role staff]
 *   npm run admin -- list
 *   npm run admin -- web-link --user 123456 [--channel telegram]   one-time sign-in link for the web console
 *   npm run admin -- open311-key add --name <partner> | list | revoke <id|prefix>
 *   npm run admin -- zalo-oa-authorize --redirect-uri https://<domain>/zalo/oa/callback
 */
import { parseArgs } from "node:util";
import { CHANNELS, USER_ID_FORMAT, isValidUserId, type Channel } from "../bot/core/types.ts";
import { grantRole, isRole, revokeRole } from "../bot/petitions/roles.ts";
import { configOrExit, fail, storeOf } from "./cli.ts";

// The Zalo OA authorisation has its own arguments (scripts/zalo-oa-authorize.ts).
if (process.argv[2] === "zalo-oa-authorize") {
  const { main } = await import("./zalo-oa-authorize.ts");
  process.exit(await main(process.argv.slice(3)));
}

const USAGE =
  "Cách dùng: npm run admin -- (add|remove|list) [--channel telegram|zalo|zalo_oa|zalo_bot|console] [--user <id>] [--role delegate|staff|admin] [--note …]\n" +
  "           npm run admin -- web-link --user <id> [--channel telegram|zalo|zalo_oa|zalo_bot|console]\n" +
  "           npm run admin -- open311-key (add --name <đối tác> | list | revoke <id|tiền tố>)\n" +
  "           npm run admin -- zalo-oa-authorize --redirect-uri <địa chỉ callback>";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { channel: { type: "string" }, user: { type: "string" }, role: { type: "string" }, note: { type: "string" }, name: { type: "string" } },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const [cmd] = parsed.positionals;
const { channel, user, role, note } = parsed.values;
if (cmd === "web-link" || cmd === "open311-key") {
  const { runWebAdmin } = await import("./admin-web.ts");
  process.exit(await runWebAdmin(cmd, parsed.positionals.slice(1), parsed.values, USAGE));
}
if (!cmd || !["add", "remove", "list"].includes(cmd)) fail(USAGE);
if (cmd !== "list") {
  if (!channel || !(CHANNELS as readonly string[]).includes(channel)) fail(`--channel phải là một trong: ${CHANNELS.join(", ")}.`);
  if (!user) fail("thiếu --user <id>.");
  const format = USER_ID_FORMAT[channel as Channel];
  if (!isValidUserId(channel as Channel, user)) fail(`"${user}" không phải mã người dùng ${channel} hợp lệ (ví dụ: ${format.example}).`);
}
if (role !== undefined && (!isRole(role) || role === "voter")) fail("--role phải là delegate, staff hoặc admin.");
if (cmd === "add" && !role) fail("thiếu --role.");

const config = configOrExit();
const db = storeOf(config);
try {
  if (cmd === "add") {
    await grantRole(db, channel!, user!, role as "delegate" | "staff" | "admin", note);
    console.log(`Đã cấp vai trò ${role} cho ${channel}:${user}.`);
  } else if (cmd === "remove") {
    const n = await revokeRole(db, channel!, user!, role as "delegate" | "staff" | "admin" | undefined);
    console.log(n ? `Đã gỡ ${n} vai trò của ${channel}:${user}.` : `${channel}:${user} không có vai trò nào để gỡ.`);
  } else {
    const rows = await db.roles.all();
    if (!rows.length) console.log("Chưa cấp vai trò nào. Mọi người dùng đều là cử tri.");
    for (const r of rows) console.log(`${r.channel}\t${r.externalId}\t${r.role}${r.note ? `\t${r.note}` : ""}`);
  }
} finally {
  await db.close();
}
