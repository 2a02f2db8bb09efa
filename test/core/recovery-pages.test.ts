/**
 * Start-up recovery of stored messages that were never handled (the process died after
 * storing them): more than one page of them (the core reads 200 at a time) are all handled,
 * each once, and their replies go through the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.ts";
import type { Inspector } from "../helpers/test-db.ts";
import { recordingLogger, startAppOnTempStore } from "../helpers/integration-app.ts";
import { petitionText, seededRandom } from "../helpers/petition-traffic.ts";

const STORED = 450; // more than two pages

let app: App;
let db: Inspector;
let cleanup: () => Promise<void>;
const log = recordingLogger();

beforeAll(async () => {
  ({ app, prisma: db, cleanup } = await startAppOnTempStore({ log }));
}, 120_000);
afterAll(async () => {
  await cleanup?.();
});

describe("recover() with many stored, unhandled messages", () => {
  it("handles every one of them once, across pages", async () => {
    const rand = seededRandom(99);
    // As a killed process leaves them: stored, "received", no lease, no petition.
    await db.inboundMessage.createMany({
      data: Array.from({ length: STORED }, (_, i) => ({
        channel: "telegram",
        externalId: `tg:stored-${i}`,
        chatId: String(880_000 + i),
        userId: String(880_000 + i),
        text: petitionText(rand),
        payload: "{}",
        status: "received",
        receivedAt: new Date(),
      })),
    });

    expect(await app.core.recover()).toBe(STORED);
    await app.core.idle();

    expect(await db.inboundMessage.count({ where: { status: "processed" } })).toBe(STORED);
    expect(await db.petition.count()).toBe(STORED);
    // One acknowledgement per message, queued for its chat (the original connection is gone).
    const acks = await db.outbox.findMany({ where: { dedupeKey: { startsWith: "reply:" } }, select: { chatId: true } });
    expect(new Set(acks.map((a) => a.chatId)).size).toBe(STORED);
    // A second pass finds nothing left.
    expect(await app.core.recoverInbound()).toBe(0);
    expect(log.errors()).toEqual([]);
  }, 120_000);
});
