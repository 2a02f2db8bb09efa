import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import { changeStatus } from "../../bot/petitions/history.ts";
import { STATUS_LABELS, STATUSES, canTransition, requiresReason } from "../../bot/petitions/status.ts";
import type { PetitionStatus } from "../../bot/petitions/status.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { file, manualClock, staff } from "./fixtures.ts";

// The workflow as specified, written out independently of the implementation's table.
const OPEN = ["received", "needs_review", "classified", "assigned", "in_progress"];
const EXPECTED = new Set<string>([
  "received>needs_review",
  "received>classified",
  "needs_review>classified",
  "classified>assigned",
  "assigned>in_progress",
  "in_progress>resolved",
  "resolved>closed",
  "resolved>in_progress",
  "closed>in_progress",
  ...OPEN.flatMap((s) => ["rejected", "duplicate", "referred", "closed_unresolved"].map((t) => `${s}>${t}`)),
]);

const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as [PetitionStatus, PetitionStatus]));

describe("status workflow table", () => {
  it("covers 11 statuses, each with a Vietnamese label", () => {
    expect(STATUSES).toHaveLength(11);
    for (const s of STATUSES) expect(STATUS_LABELS[s]).toMatch(/\p{L}/u);
    expect(STATUS_LABELS.in_progress).toBe("Đang xử lý");
  });

  it.each(ALL_PAIRS)("%s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(EXPECTED.has(`${from}>${to}`));
  });

  it("has exactly the expected number of allowed pairs", () => {
    expect(ALL_PAIRS.filter(([f, t]) => canTransition(f, t))).toHaveLength(EXPECTED.size);
    expect(EXPECTED.size).toBe(29);
  });

  it("rejects unknown statuses", () => {
    expect(canTransition("received", "archived")).toBe(false);
    expect(canTransition("archived", "closed")).toBe(false);
  });

  it("needs a reason for exits without a fix and for reopening", () => {
    expect(requiresReason("received", "rejected")).toBe(true);
    expect(requiresReason("assigned", "referred")).toBe(true);
    expect(requiresReason("in_progress", "duplicate")).toBe(true);
    expect(requiresReason("classified", "closed_unresolved")).toBe(true);
    expect(requiresReason("resolved", "in_progress")).toBe(true);
    expect(requiresReason("closed", "in_progress")).toBe(true);
    expect(requiresReason("assigned", "in_progress")).toBe(false);
    expect(requiresReason("in_progress", "resolved")).toBe(false);
  });
});

describe("changeStatus enforces the table on stored petitions", () => {
  let t: TestDb;
  const clock = manualClock();
  let unitId: number;
  let petitionId: number;

  beforeAll(async () => {
    t = await createTestDb();
    await seedUnits(t.db);
    unitId = (await t.prisma.unit.findUniqueOrThrow({ where: { code: "cong_an" } })).id;
    petitionId = (await file(t.db, { now: clock.now }, "Có nhóm thanh niên tụ tập gây ồn ào ban đêm")).petitionId;
  });
  afterAll(() => t.cleanup());

  it.each(ALL_PAIRS)("%s → %s", async (from, to) => {
    await t.prisma.petition.update({ where: { id: petitionId }, data: { status: from, unitId } });
    const before = await t.prisma.petitionStatusChange.count({ where: { petitionId } });
    const attempt = t.db.transaction((tx) => changeStatus(tx, petitionId, to, { actor: staff, note: "Ghi chú của cán bộ", now: clock.now }));
    if (EXPECTED.has(`${from}>${to}`)) {
      const { petition, changeId } = await attempt;
      expect(petition.status).toBe(to);
      const change = await t.prisma.petitionStatusChange.findUniqueOrThrow({ where: { id: changeId } });
      expect(change).toMatchObject({ fromStatus: from, toStatus: to, actor: "staff:telegram:staff-1", note: "Ghi chú của cán bộ" });
      expect(await t.prisma.petitionStatusChange.count({ where: { petitionId } })).toBe(before + 1);
    } else {
      const err = await attempt.catch((e: unknown) => e);
      expect(isDomainError(err, "INVALID_TRANSITION")).toBe(true);
      const after = await t.prisma.petition.findUniqueOrThrow({ where: { id: petitionId } });
      expect(after.status).toBe(from);
      expect(await t.prisma.petitionStatusChange.count({ where: { petitionId } })).toBe(before);
    }
  });

  it("refuses an exit without a reason, and assignment without a unit", async () => {
    await t.prisma.petition.update({ where: { id: petitionId }, data: { status: "classified", unitId: null } });
    const noReason = await t.db
      .transaction((tx) => changeStatus(tx, petitionId, "rejected", { actor: staff, note: "  ", now: clock.now }))
      .catch((e: unknown) => e);
    expect(isDomainError(noReason, "REASON_REQUIRED")).toBe(true);
    const noUnit = await t.db
      .transaction((tx) => changeStatus(tx, petitionId, "assigned", { actor: staff, now: clock.now }))
      .catch((e: unknown) => e);
    expect(isDomainError(noUnit, "UNIT_REQUIRED")).toBe(true);
    expect((await t.prisma.petition.findUniqueOrThrow({ where: { id: petitionId } })).status).toBe("classified");
  });
});
