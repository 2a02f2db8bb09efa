/**
 * End to end in a real browser (playwright-core driving Debian's Chromium): a staff member
 * signs in with a code delivered to their console chat, filters the queue, opens a
 * petition, corrects its category, sends a resolving reply (and meets the quality
 * warning), and the voter gets the notification; the public page shows the petition
 * anonymised. Skipped, with a visible line, when no Chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, launchChromium } from "../helpers/browser.ts";
import { startLiveApp, type LiveApp } from "../helpers/web-live.ts";

const chromium = findChromium();
if (!chromium) console.warn("\n!!! No Chromium found (apt-get install -y chromium): the browser test is SKIPPED !!!\n");

describe.skipIf(!chromium)("web console in Chromium", () => {
  let live: LiveApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    live = await startLiveApp();
    await live.grant("canbo-e2e", "staff");
    browser = await launchChromium(chromium!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await live?.cleanup();
  });

  it("sign in with a chat code, filter, correct, resolve with the quality warning; voter notified; public page anonymised", async () => {
    const filed = await live.say("cutri-e2e", "Đèn đường ngõ 7 phố Hoa Lâm tổ dân phố 2 hỏng cả tuần, tôi là Trần Văn Bình, gọi 0912 345 678");
    const code = /KN-\d{4}-\d{6}/.exec(filed.join("\n"))![0];
    await live.settle();
    const base = live.web.url;
    const page = await browser.context.newPage();

    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.selectOption("#channel", "console");
    await page.fill("#user", "canbo-e2e");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/can-bo\/dang-nhap\/ma$/);
    await live.settle();
    const message = (live.inbox.get("canbo-e2e") ?? []).join("\n");
    const signInCode = /\b(\d{6})\b/.exec(message)![1]!;
    await page.fill("#code", signInCode);
    await page.click("form button[type=submit]");
    await page.waitForURL(/\/can-bo\/$/);

    await page.click(".filters summary");
    await page.fill('input[name="q"]', "den duong hoa lam");
    await page.click(".filter-form button[type=submit]");
    await page.waitForURL(/q=den/);
    await page.click(`a.code:has-text("${code}")`);
    await page.waitForURL(new RegExp(`/can-bo/kien-nghi/${code}`));
    expect(await page.textContent("blockquote.text")).toContain("0912 345 678");

    await page.selectOption("#category", "ha_tang");
    await page.click('form[action$="/linh-vuc"] button');
    await page.waitForURL(/ok=1/);
    await page.selectOption("#unit", "phong_kt_ht_dt");
    await page.click('form[action$="/giao"] button');
    await page.waitForURL(/ok=1/);
    await page.selectOption("#status", "in_progress");
    await page.fill("#note", "Ngày 21/11 Phòng Kinh tế – Hạ tầng đã cử tổ điện kiểm tra, thay bóng trước 25/11");
    await page.click("#status-form button[type=submit]");
    await page.waitForURL(/ok=1/);

    await page.selectOption("#status", "resolved");
    await page.fill("#note", "Đã tiếp nhận, sẽ xem xét");
    await page.click("#status-form button[type=submit]");
    await page.waitForSelector(".warning");
    expect(await page.textContent(".warning")).toContain("Câu trả lời chưa cụ thể");
    await page.fill("#note", "Ngày 24/11, tổ điện Phòng Kinh tế – Hạ tầng đã thay bóng đèn, đèn đã sáng trở lại");
    await page.check('input[name="confirm"]');
    await page.click("#status-form button[type=submit]");
    await page.waitForURL(/ok=1/);

    await live.settle();
    const toVoter = (live.inbox.get("cutri-e2e") ?? []).join("\n");
    expect(toVoter).toContain(`Kiến nghị ${code} đã được giải quyết`);

    const pub = await browser.context.newPage();
    await pub.goto(`${base}/cong-khai?q=${encodeURIComponent(code)}`);
    const card = await pub.textContent(".cards");
    expect(card).toContain(code);
    expect(card).toContain("[SĐT]");
    expect(card).not.toContain("0912");
    expect(card).not.toContain("Trần Văn Bình");
    await pub.click(`a.code:has-text("${code}")`);
    expect(await pub.textContent("main")).toContain("Đã giải quyết");
  }, 120_000);
});
