/**
 * npm run screenshots: PNGs of the main pages (public list and petition, sign-in, queue,
 * petition page, dashboard; desktop and phone widths) in data/screenshots/, from a
 * temporary store with a few demo petitions, through Debian's Chromium.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { findChromium, launchChromium } from "../test/helpers/browser.ts";
import { startLiveApp } from "../test/helpers/web-live.ts";
import { issueSignIn } from "../web/auth/sign-in.ts";
import { webDepsFromApp } from "../web/server.ts";
import { silentLogger } from "../bot/logger.ts";

const chromium = findChromium();
if (!chromium) {
  process.stderr.write("Không tìm thấy Chromium (apt-get install -y chromium): không chụp được ảnh màn hình.\n");
  process.exit(1);
}
const out = path.resolve("data", "screenshots");
mkdirSync(out, { recursive: true });
const live = await startLiveApp();
try {
  await live.grant("canbo-1", "staff");
  for (const [who, text] of [
    ["cutri-1", "Đèn đường ngõ 12 phố Hoa Lâm, tổ dân phố 3 hỏng cả tuần nay, tối rất nguy hiểm. Tôi là Nguyễn Văn An, SĐT 0912 345 678"],
    ["cutri-2", "Cống trước số nhà 9 ngõ 5 tổ dân phố 4 bị tắc, nước thải tràn ra đường"],
    ["cutri-3", "Cháy lớn ở nhà số 20 ngõ 8 tổ dân phố 1, có người mắc kẹt, cần hỗ trợ gấp"],
    ["cutri-4", "Đề nghị phường làm rõ việc chậm chi trả trợ cấp cho người cao tuổi tổ dân phố 2"],
    ["cutri-5", "Rác thải ùn ứ ở đầu ngõ 3 phố Hoa Lâm nhiều ngày không ai thu gom"],
  ]) await live.say(who!, text!);
  await live.settle();
  const deps = webDepsFromApp(live.app, live.app.config, silentLogger);
  const issued = await issueSignIn(deps, { channel: "console", externalId: "canbo-1" }, false);
  const firstCode = (await live.app.db.petitions.byId(1))!.code;
  const base = live.web.url;
  for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    const browser = await launchChromium(chromium, viewport);
    const page = await browser.context.newPage();
    const shot = async (name: string, url: string) => {
      await page.goto(url.startsWith("http") ? url : `${base}${url}`);
      await page.screenshot({ path: path.join(out, `${name}-${label}.png`), fullPage: true });
    };
    await shot("cong-khai", "/cong-khai");
    await shot("cong-khai-kien-nghi", `/cong-khai/${firstCode}`);
    await shot("dang-nhap", "/can-bo/dang-nhap");
    if (label === "desktop") {
      await page.goto(issued.link);
      await page.click("form button[type=submit]");
      await page.waitForURL(/\/can-bo\/$/);
      await shot("hang-doi", "/can-bo/");
      await shot("kien-nghi", `/can-bo/kien-nghi/${firstCode}`);
      await shot("tong-quan", "/can-bo/tong-quan");
    }
    await browser.close();
  }
  process.stdout.write(`Đã lưu ảnh màn hình vào ${path.relative(process.cwd(), out)}/\n`);
} finally {
  await live.cleanup();
}
