import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import { latestPetition, listMyPetitions, lookupPetition } from "../../bot/petitions/lookup.ts";
import { resolveActor } from "../../bot/petitions/roles.ts";
import { assignUnit } from "../../bot/petitions/staff.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { petitionTexts } from "../../bot/text/petitions.vi.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { DAY, admin, delegate, fileAndClassify, manualClock, staff, voter } from "./fixtures.ts";

let t: TestDb;
const clock = manualClock("2026-06-01T03:00:00.000Z");
const deps = { now: clock.now };
const alice = voter("alice");
const bob = voter("bob");
let aliceCode: string;
let aliceLaterCode: string;
let bobCode: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedUnits(t.db);
  aliceCode = (await fileAndClassify(t.db, deps, "Cống thoát nước tổ 2 bị tắc", { location: "tổ 2" }, alice)).code;
  clock.advance(DAY);
  bobCode = (await fileAndClassify(t.db, deps, "Karaoke hát to sau 22 giờ ở tổ 8", { category: "moi_truong", location: "tổ 8" }, bob)).code;
  clock.advance(DAY);
  aliceLaterCode = (await fileAndClassify(t.db, deps, "Xin cấp lại thẻ bảo hiểm y tế cho mẹ", { category: "y_te", location: "tổ 2" }, alice)).code;
  await assignUnit(t.db, aliceCode, "phong_kt_ht_dt", staff, deps);
});
afterAll(() => t.cleanup());

describe("status lookup", () => {
  it("shows the voter their own petition with Vietnamese labels and history, staff identities hidden", async () => {
    const v = await lookupPetition(t.db, alice, aliceCode.toLowerCase());
    expect(v).toMatchObject({ code: aliceCode, status: "assigned", statusLabel: "Đã chuyển đơn vị xử lý", unitName: "Phòng Kinh tế – Hạ tầng và Đô thị" });
    expect(v.history.map((h) => h.toStatus)).toEqual(["received", "classified", "assigned"]);
    expect(v.history.map((h) => h.actor)).toEqual(["Cử tri", "Hệ thống", "Cán bộ"]);
    expect(petitionTexts.statusReply(v)).toContain("Đã chuyển đơn vị xử lý");
  });

  it("answers 'not found' when a voter asks for another voter's petition", async () => {
    const err = await lookupPetition(t.db, alice, bobCode).catch((e: unknown) => e);
    expect(isDomainError(err, "PETITION_NOT_FOUND")).toBe(true);
    // Same answer as for a code that does not exist, so codes cannot be probed.
    const missing = await lookupPetition(t.db, alice, "KN-2026-999999").catch((e: unknown) => e);
    expect(isDomainError(missing, "PETITION_NOT_FOUND")).toBe(true);
    expect((err as Error).message).toBe((missing as Error).message);
    // Same external id on another channel is another person.
    const otherChannel = await lookupPetition(t.db, voter("alice", "zalo"), aliceCode).catch((e: unknown) => e);
    expect(isDomainError(otherChannel, "PETITION_NOT_FOUND")).toBe(true);
  });

  it("lets staff, admins and delegates read any petition, with actor keys", async () => {
    for (const viewer of [staff, admin, delegate]) {
      const v = await lookupPetition(t.db, viewer, bobCode);
      expect(v.code).toBe(bobCode);
    }
    const v = await lookupPetition(t.db, staff, aliceCode);
    expect(v.history.at(-1)?.actor).toBe("staff:telegram:staff-1");
  });

  it("resolves roles from RoleGrant, so a voter cannot claim to be staff", async () => {
    await t.prisma.roleGrant.create({ data: { channel: "telegram", externalId: "officer-9", role: "staff" } });
    const officer = await resolveActor(t.db, { channel: "telegram", externalId: "officer-9" });
    const stranger = await resolveActor(t.db, { channel: "telegram", externalId: "bob" });
    expect(officer.role).toBe("staff");
    expect(stranger.role).toBe("voter");
    expect((await lookupPetition(t.db, officer, aliceCode)).code).toBe(aliceCode);
    await expect(lookupPetition(t.db, stranger, aliceCode)).rejects.toMatchObject({ code: "PETITION_NOT_FOUND" });
  });

  it("finds the voter's latest petition and lists theirs only", async () => {
    expect((await latestPetition(t.db, alice))?.code).toBe(aliceLaterCode);
    expect((await latestPetition(t.db, bob))?.code).toBe(bobCode);
    expect(await latestPetition(t.db, voter("nobody"))).toBeNull();
    const mine = await listMyPetitions(t.db, alice);
    expect(mine.map((p) => p.code)).toEqual([aliceLaterCode, aliceCode]);
    expect(mine[0]?.categoryLabel).toBe("Y tế, bảo hiểm y tế, an toàn thực phẩm");
  });
});
