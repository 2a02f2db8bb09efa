/**
 * The web face on a fresh test database, without the knowledge base: petitions are filed
 * and classified through the real intake services, sessions are made directly (sign-in
 * itself has its own tests), the clock is injectable.
 */
import type { FastifyInstance } from "fastify";
import { loadConfig, type Config } from "../../bot/config.ts";
import { silentLogger } from "../../bot/logger.ts";
import { grantRole } from "../../bot/core/roles.ts";
import { applyClassification, filePetition, recordInbound } from "../../bot/petitions/intake.ts";
import type { MessageUnderstanding } from "../../bot/petitions/types.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { createStoreWebData } from "../../web/data/store.ts";
import type { WebDeps } from "../../web/deps.ts";
import { noPlanProgress } from "../../web/plan-progress.ts";
import { buildWebApp } from "../../web/server.ts";
import { randomToken, sha256 } from "../../web/auth/tokens.ts";
import { SESSION_COOKIE } from "../../web/plugins/auth.ts";
import { createTestDb, type TestDb } from "./test-db.ts";

export interface WebTestApp {
  app: FastifyInstance;
  deps: WebDeps;
  tdb: TestDb;
  clock: { now: Date };
  notified: number;
  /** A signed-in browser of `externalId` (console channel) with `role`: its cookie and CSRF token. */
  signIn(externalId: string, role: "voter" | "delegate" | "staff" | "admin"): Promise<{ cookie: string; csrf: string }>;
  file(voter: string, text: string, u?: Partial<MessageUnderstanding>): Promise<string>;
  cleanup(): Promise<void>;
}

export async function startWebTestApp(env: Record<string, string> = {}): Promise<WebTestApp> {
  const tdb = await createTestDb();
  await seedUnits(tdb.db);
  const clock = { now: new Date("2026-11-20T03:00:00Z") };
  const now = () => new Date(clock.now);
  const config: Config = loadConfig({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent", ...env });
  const t: WebTestApp = {
    tdb,
    clock,
    notified: 0,
    deps: undefined as unknown as WebDeps,
    app: undefined as unknown as FastifyInstance,
    async signIn(externalId, role) {
      await grantRole(tdb.db, "console", externalId, role, "test");
      const token = randomToken();
      const csrf = randomToken(24);
      await t.deps.data.createSession({ tokenHash: sha256(token), channel: "console", externalId, csrfToken: csrf, now: now(), expiresAt: new Date(now().getTime() + 3600_000) });
      return { cookie: `${SESSION_COOKIE}=${token}`, csrf };
    },
    async file(voter, text, u = {}) {
      const { inbound } = await recordInbound(tdb.db, { channel: "console", externalId: `t:${Math.random()}`, chatId: voter, userId: voter, text }, { now });
      const filed = await filePetition(tdb.db, { inboundId: inbound.id }, { now });
      await applyClassification(
        tdb.db,
        filed.petitionId,
        { intent: "petition", category: "ha_tang", confidence: 0.9, urgent: false, summary: null, location: null, source: "offline", ...u },
        { now },
      );
      return filed.code;
    },
    async cleanup() {
      await t.app.close();
      await tdb.cleanup();
    },
  };
  t.deps = {
    config,
    db: tdb.db,
    data: createStoreWebData(tdb.db),
    log: silentLogger,
    now,
    petitionDeps: { now },
    notify: () => void t.notified++,
    planProgress: noPlanProgress,
  };
  t.app = await buildWebApp(t.deps);
  return t;
}

/** Cookie header value of a response's Set-Cookie lines (name=value pairs). */
export function cookiesOf(setCookie: string | string[] | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return lines.map((l) => l.split(";")[0]).join("; ");
}

/** The value of the hidden _csrf field in a page. */
export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}
