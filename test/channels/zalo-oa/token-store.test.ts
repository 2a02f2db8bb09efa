import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileZaloTokenStore } from "../../../bot/channels/zalo-oa/file-token-store.ts";
import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { tokenStoreContract } from "../../helpers/zalo-token-store-contract.ts";

tokenStoreContract("in memory", async () => ({ store: new InMemoryZaloTokenStore() }));


tokenStoreContract("JSON file", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zalo-tokens-"));
  return { store: new FileZaloTokenStore(path.join(dir, "tokens.json")), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe("FileZaloTokenStore", () => {
  it("keeps the rotated pair across a restart, in a file only the owner can read", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zalo-tokens-"));
    try {
      const file = path.join(dir, "tokens.json");
      const pair = { accessToken: "AT", refreshToken: "RT", accessExpiresAt: new Date("2026-12-02T02:00:00Z"), refreshExpiresAt: null, updatedAt: new Date("2026-12-01T01:00:00Z") };
      await new FileZaloTokenStore(file).saveRotated("oa", null, pair);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = new FileZaloTokenStore(file);
      expect(await again.read("oa")).toEqual(pair);
      expect(await again.saveRotated("oa", null, pair)).toBe(false);
      expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
