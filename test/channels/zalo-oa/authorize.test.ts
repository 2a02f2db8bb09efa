import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authorizeOa, AuthorizeError, codeFromAnswer } from "../../../bot/channels/zalo-oa/authorize.ts";
import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";

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
