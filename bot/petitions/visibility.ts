/**
 * Staff decisions about where a petition shows: on the public page or not (sensitive
 * content), and which area (tổ dân phố/thôn) it belongs to. Each is one transaction with a
 * history entry, like every other staff action; the voter is not notified (nothing changes
 * for them).
 */
import { domainError } from "../errors.ts";
import { loadPetitionByCode, recordEvent } from "./history.ts";
import { assertCanManage } from "./roles.ts";
import type { Actor, DbClient, PetitionDeps } from "./types.ts";
import { resolveDeps } from "./types.ts";

/** History notes of these actions (Vietnamese, shown to staff). */
export const visibilityNotes = {
  hidden: (reason: string) => `Không công khai kiến nghị: ${reason}`,
  shown: "Công khai lại kiến nghị",
  area: (area: string | null) => (area ? `Xác định khu vực: ${area}` : "Bỏ khu vực đã đặt (theo địa điểm)"),
};

/** Hides a petition from the public page and Open311 (reason required), or shows it again. */
export async function setPublic(db: DbClient, code: string, isPublic: boolean, reason: string | null, actor: Actor, deps: PetitionDeps = {}) {
  assertCanManage(actor);
  const { now } = resolveDeps(deps);
  const why = reason?.trim() || null;
  if (!isPublic && !why) throw domainError("REASON_REQUIRED", { code, action: "hide" });
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    if (p.isPublic === isPublic) return p;
    await tx.petitions.update(p.id, { isPublic });
    await recordEvent(tx, p, { actor, note: isPublic ? visibilityNotes.shown : visibilityNotes.hidden(why!), now });
    return { ...p, isPublic };
  });
}

/** Sets the petition's area (null: derive it from the place again). */
export async function setArea(db: DbClient, code: string, area: string | null, actor: Actor, deps: PetitionDeps = {}) {
  assertCanManage(actor);
  const { now } = resolveDeps(deps);
  const value = area?.replace(/\s+/g, " ").trim() || null;
  if (value !== null && value.length > 100) throw domainError("INVALID_LOCATION", { code, length: value.length });
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    if (p.area === value) return p;
    await tx.petitions.update(p.id, { area: value });
    await recordEvent(tx, p, { actor, note: visibilityNotes.area(value), now });
    return { ...p, area: value };
  });
}
