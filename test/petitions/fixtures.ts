/** Small builders shared by the petition tests. */
import type { Store } from "../../store/index.ts";
import { applyClassification, filePetition, recordInbound } from "../../bot/petitions/intake.ts";
import type { Actor, MessageUnderstanding, PetitionDeps, Person } from "../../bot/petitions/types.ts";

/** A clock the test moves by hand. */
export function manualClock(start = "2026-03-02T02:00:00.000Z") {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    advanceDays(days: number) {
      t += days * 86_400_000;
    },
    set(iso: string) {
      t = new Date(iso).getTime();
    },
  };
}

export const DAY = 86_400_000;

export const staff: Actor = { channel: "telegram", externalId: "staff-1", role: "staff" };
export const admin: Actor = { channel: "telegram", externalId: "admin-1", role: "admin" };
export const delegate: Actor = { channel: "telegram", externalId: "delegate-1", role: "delegate" };

export function voter(externalId: string, channel = "telegram"): Actor & Person {
  return { channel, externalId, role: "voter" };
}

export function understanding(over: Partial<MessageUnderstanding> = {}): MessageUnderstanding {
  return {
    intent: "petition",
    category: "ha_tang",
    confidence: 0.9,
    urgent: false,
    summary: null,
    location: "tổ 5",
    source: "offline",
    ...over,
  };
}

let seq = 0;

/** Records an inbound message from `who` and files it; returns the filed petition. */
export async function file(db: Store, deps: PetitionDeps, text: string, who: Person = voter("u1")) {
  seq++;
  const { inbound } = await recordInbound(
    db,
    { channel: who.channel, externalId: `m-${seq}-${Math.random()}`, chatId: `chat-${who.externalId}`, userId: who.externalId, text },
    deps,
  );
  return filePetition(db, { inboundId: inbound.id }, deps);
}

/** Files and classifies in one go. */
export async function fileAndClassify(db: Store, deps: PetitionDeps, text: string, u: Partial<MessageUnderstanding> = {}, who?: Person) {
  const filed = await file(db, deps, text, who);
  const result = await applyClassification(db, filed.petitionId, understanding(u), deps);
  return { ...filed, result };
}
