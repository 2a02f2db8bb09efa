/** Debian's Chromium for playwright-core (Playwright's own browser download cannot work here). */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter((p): p is string => Boolean(p));

/** Path of a Chromium executable, or null when none is installed. */
export function findChromium(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Launches Debian's Chromium headless with a fresh profile (a persistent context owns --user-data-dir). */
export async function launchChromium(executablePath: string, viewport = { width: 1280, height: 900 }, options: { locale?: string } = {}) {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "hdnd-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport,
    ...(options.locale ? { locale: options.locale } : {}),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    // Date fields follow the process locale (ICU reads LANG/LC_ALL), not the page's `locale`.
    ...(options.locale ? { env: { ...process.env, LANG: `${options.locale.replace("-", "_")}.UTF-8`, LC_ALL: `${options.locale.replace("-", "_")}.UTF-8`, LANGUAGE: options.locale.split("-")[0]! } } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
