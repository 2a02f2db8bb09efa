import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zaloOaTokenFile } from "../../../bot/channels/zalo-official.ts";
import { authorizeOa, AuthorizeError, codeFromAnswer } from "../../../bot/channels/zalo-oa/authorize.ts";
import { DbZaloTokenStore } from "../../../bot/channels/zalo-oa/db-token-store.ts";
import { FileZaloTokenStore } from "../../../bot/channels/zalo-oa/file-token-store.ts";
import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";
import { createTestDb } from "../../helpers/test-db.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

let fake: FakeZaloOa;
beforeEach(async () => {
  fake = await startFakeZaloOa();
});
afterEach(async () => {
  await fake.close();
});

/** Plays the OA admin: reads the printed URL, "opens" it, pastes the redirect back. */
async function runFlow(store: InMemoryZaloTokenStore, tamper?: (redirect: string) => string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c: Buffer) => {
    printed += c.toString();
    const m = /(http:\/\/127\.0\.0\.1:\d+\/v4\/oa\/permission\?\S+)/.exec(printed);
    if (m && !input.writableEnded) {
      void fetch(m[1]!, { redirect: "manual" }).then((res) => input.end(`${tamper ? tamper(res.headers.get("location")!) : res.headers.get("location")}\n`));
    }
  });
  const result = await authorizeOa({
    oauth: { oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret },
    redirectUri: "https://phuongphucloi.example/zalo/oa/callback",
    store,
    key: `zalo_oa:${fake.appId}`,
    input,
    output,
  });
  return { result, printed };
}

describe("zalo-oa-authorize", () => {
  it("prints the PKCE permission URL, exchanges the pasted redirect and stores the pair without printing tokens", async () => {
    const store = new InMemoryZaloTokenStore();
    const { printed } = await runFlow(store);
    const stored = await store.read(`zalo_oa:${fake.appId}`);
    expect(stored?.accessToken).toMatch(/^AT_/);
    expect(stored?.refreshToken).toMatch(/^RT_/);
    expect(printed).toContain("code_challenge=");
    expect(printed).not.toContain(stored!.accessToken);
    expect(printed).not.toContain(stored!.refreshToken);
    expect(printed).toContain("Đã lưu cặp token của OA.");

    // Re-authorising replaces the stored pair.
    await runFlow(store);
    expect((await store.read(`zalo_oa:${fake.appId}`))?.refreshToken).not.toBe(stored!.refreshToken);
  });

  it("refuses a redirect whose state is not this request's", async () => {
    await expect(runFlow(new InMemoryZaloTokenStore(), (u) => u.replace(/state=[^&]+/, "state=forged"))).rejects.toBeInstanceOf(AuthorizeError);
  });

  it("reads a bare code or a redirect URL", () => {
    expect(codeFromAnswer("  abc123 ", "s")).toBe("abc123");
    expect(codeFromAnswer("https://x.example/cb?code=c1&oa_id=9&state=s", "s")).toBe("c1");
    expect(codeFromAnswer("https://x.example/cb?code=c2&oa_id=9", "s")).toBe("c2"); // Zalo may not echo state
    expect(() => codeFromAnswer("https://x.example/cb?oa_id=9", "s")).toThrow(AuthorizeError);
    expect(() => codeFromAnswer("", "s")).toThrow(AuthorizeError);
  });
});

describe("npm run admin -- zalo-oa-authorize", () => {
  it("stores the pair in the database the bot reads, moving a pair left in the old JSON file aside", { timeout: 60_000 }, async () => {
    const t = await createTestDb();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "zalo-authorize-"));
    try {
      const key = `zalo_oa:${fake.appId}`;
      // A pair a previous version kept in DATA_DIR: moved into the database, then replaced.
      const legacy = { accessToken: "AT_old", refreshToken: "RT_old", accessExpiresAt: new Date("2026-12-01T00:00:00Z"), refreshExpiresAt: null, updatedAt: new Date("2026-11-30T00:00:00Z") };
      await new FileZaloTokenStore(zaloOaTokenFile({ DATA_DIR: dataDir })).saveRotated(key, null, legacy);

      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.url, DATA_DIR: dataDir, ZALO_OA_APP_ID: fake.appId, ZALO_OA_APP_SECRET: fake.appSecret, ZALO_OA_SECRET_KEY: fake.oaSecretKey, ZALO_OAUTH_ROOT: fake.oauthRoot, ZALO_OA_API_ROOT: fake.apiRoot };
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "admin.ts"), "zalo-oa-authorize", "--redirect-uri", "https://phuongphucloi.example/zalo/oa/callback"], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/v4\/oa\/permission\?\S+)/.exec(out);
        if (m && child.stdin.writable && !child.stdin.writableEnded) {
          void fetch(m[1]!, { redirect: "manual" }).then((res) => child.stdin.end(`${res.headers.get("location")}\n`));
        }
      });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code, err).toBe(0);
      expect(out).toContain("Đã lưu cặp token của OA.");

      const row = await t.prisma.channelCredential.findUniqueOrThrow({ where: { key } });
      const stored = JSON.parse(row.value) as { accessToken: string; refreshToken: string };
      expect(stored.accessToken).toMatch(/^AT_/);
      expect(stored.refreshToken).not.toBe("RT_old");
      expect(row.version).toBe(1); // moved in (version 0), then replaced by the new pair
      expect(out).not.toContain(stored.refreshToken);
      expect(existsSync(zaloOaTokenFile({ DATA_DIR: dataDir }))).toBe(false);
      // The bot's store reads it.
      expect(await new DbZaloTokenStore(t.db).read(key)).toMatchObject({ accessToken: stored.accessToken });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await t.cleanup();
    }
  });
});
