/**
 * npm run screenshots: PNGs of the main pages (public list and petition, sign-in, queue,
 * petition page, dashboard; desktop and phone widths) in data/screenshots/, from a
 * temporary store with a few demo petitions that staff assign, move on, resolve and the
 * voter rates, through Debian's Chromium.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { findChromium, launchChromium } from "../test/helpers/browser.ts";
import { startLiveApp } from "../test/helpers/web-live.ts";
import { issueSignIn } from "../web/auth/sign-in.ts";
import { webDepsFromApp } from "../web/server.ts";
import { silentLogger } from "../bot/logger.ts";
import { rate } from "../bot/petitions/ratings.ts";
import { assignUnit, moveStatus } from "../bot/petitions/staff.ts";

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
  // Staff work on them as they would, so the pages show units, progress, an outcome and a rating.
  const { db, petitionDeps } = live.app;
  const staff = { channel: "console", externalId: "canbo-1", role: "staff" as const };
  const code = async (id: number) => (await db.petitions.byId(id))!.code;
  const [first, second, third, , fifth] = await Promise.all([1, 2, 3, 4, 5].map(code));
  await assignUnit(db, first!, "phong_kt_ht_dt", staff, petitionDeps);
  await moveStatus(db, first!, "in_progress", "Đã giao Tổ quản lý điện chiếu sáng kiểm tra trong ngày.", staff, petitionDeps);
  await moveStatus(db, first!, "resolved", "Tổ quản lý điện chiếu sáng đã thay 2 bóng đèn LED và sửa dây cấp điện ngõ 12; đèn sáng bình thường từ tối nay.", staff, petitionDeps);
  await rate(db, first!, { channel: "console", externalId: "cutri-1" }, 5, null, petitionDeps);
  await assignUnit(db, second!, "phong_kt_ht_dt", staff, petitionDeps);
  await moveStatus(db, second!, "in_progress", "Đã yêu cầu đơn vị duy tu thông cống trước ngày 10/12.", staff, petitionDeps);
  await assignUnit(db, third!, "cong_an", staff, petitionDeps);
  await assignUnit(db, fifth!, "phong_kt_ht_dt", staff, petitionDeps);
  await live.settle();
  const deps = webDepsFromApp(live.app, live.app.config, silentLogger);
  const issued = await issueSignIn(deps, { channel: "console", externalId: "canbo-1" }, false);
  const base = live.web.url;
  for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    // Vietnamese locale: date fields read dd/mm/yyyy as a ward's browser shows them.
    const browser = await launchChromium(chromium, viewport, { locale: "vi-VN" });
    const page = await browser.context.newPage();
    const shot = async (name: string, url: string) => {
      await page.goto(url.startsWith("http") ? url : `${base}${url}`);
      await page.screenshot({ path: path.join(out, `${name}-${label}.png`), fullPage: true });
    };
    await shot("cong-khai", "/cong-khai");
    await shot("cong-khai-kien-nghi", `/cong-khai/${first}`);
    await shot("dang-nhap", "/can-bo/dang-nhap");
    if (label === "desktop") {
      await page.goto(issued.link);
      await page.click("form button[type=submit]");
      await page.waitForURL(/\/can-bo\/$/);
      await shot("hang-doi", "/can-bo/");
      await shot("kien-nghi", `/can-bo/kien-nghi/${second}`);
      await shot("tong-quan", "/can-bo/tong-quan");
    }
    await browser.close();
  }
  process.stdout.write(`Đã lưu ảnh màn hình vào ${path.relative(process.cwd(), out)}/\n`);
} finally {
  await live.cleanup();
}
