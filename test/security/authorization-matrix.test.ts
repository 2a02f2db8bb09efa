/**
 * Authorization matrix over the real conversation core: every command and every button
 * kind, for each role (voter without a grant, delegate, staff, admin). An allowed action
 * does what it says; a refused one answers the Vietnamese refusal and leaves the petition,
 * its history, LabelCorrection, RoleGrant, ratings and the outbox exactly as they were.
 * Then forged and malformed button data, and status lookups that must not reveal whether
 * someone else's code exists.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERRORS } from "../../bot/errors.ts";
import type { Reply, Role } from "../../bot/core/types.ts";
import { revokeRole, ROLE_LABEL } from "../../bot/core/roles.ts";
import { helpText } from "../../bot/core/commands.ts";
import { conversationTexts as T } from "../../bot/text/conversation.vi.ts";
import { petitionTexts } from "../../bot/text/petitions.vi.ts";
import {
  grant,
  makePetition,
  petitionByCode,
  press,
  say,
  settle,
  snapshot,
  startSecApp,
  type Fixture,
  type FixtureState,
  type SecApp,
  type SecUser,
  type Turned,
} from "../helpers/security-harness.ts";

const ROLES = ["voter", "delegate", "staff", "admin"] as const;
const RANK: Record<Role, number> = { voter: 0, delegate: 1, staff: 2, admin: 3 };

const USERS: Record<Role, SecUser> = {
  voter: { id: "az-voter", name: "Cử tri A" },
  delegate: { id: "az-delegate", name: "Đại biểu" },
  staff: { id: "az-staff", name: "Cán bộ" },
  admin: { id: "az-admin", name: "Quản trị" },
};
/** Owns the petitions the others act on. */
const OWNER: SecUser = { id: "az-owner", name: "Cử tri chủ đơn" };
/** A code in the right format that no petition has. */
const MISSING = "KN-2026-999999";

let sec: SecApp;

beforeAll(async () => {
  // The matrix sends many messages per user: the flood limit is tested in input-limits.
  sec = await startSecApp({ env: { RATE_LIMIT_MESSAGES: "100000" } });
  await grant(sec, USERS.delegate, "delegate");
  await grant(sec, USERS.staff, "staff");
  await grant(sec, USERS.admin, "admin");
});

afterAll(async () => {
  await sec?.cleanup();
});

// ------------------------------------------------------------------ the matrix

interface Ctx {
  role: Role;
  user: SecUser;
  fx: Fixture | null;
  /** A second petition (the original, for "duplicate"). */
  other: Fixture | null;
}

interface Case {
  name: string;
  /** Lowest role allowed. */
  min: Role;
  /** State of the target petition, owned by OWNER (none for read-only commands). */
  fixture?: FixtureState;
  /** A second petition of OWNER, classified. */
  needsOther?: boolean;
  /** Run the action; returns every turn (a button that asks for input takes two). */
  act(c: Ctx): Promise<Turned[]>;
  /** What an allowed action must have done. */
  allowed(c: Ctx, turns: Turned[]): Promise<void>;
  /** Reply expected when refused (default: the role refusal). */
  refusal?: string;
  /** Allowed actions that must not change anything (lookups, menus). */
  readOnly?: boolean;
}

const first = (turns: Turned[]): Reply => {
  expect(turns[0]!.replies.length, "one reply to the first message").toBeGreaterThan(0);
  return turns[0]!.replies[0]!;
};
const one = async (p: Promise<Turned>) => [await p];
const staffActorKey = (c: Ctx) => `${c.role}:telegram:${c.user.id}`;

const CASES: Case[] = [
  {
    name: "/giup",
    min: "voter",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/giup")),
    async allowed(c, t) {
      expect(first(t).text).toBe(helpText(c.role));
      // Each role is shown only the functions it may use.
      expect(first(t).text.includes("/viecquynay")).toBe(RANK[c.role] >= RANK.delegate);
      expect(first(t).text.includes("/hangdoi")).toBe(RANK[c.role] >= RANK.staff);
    },
  },
  {
    name: "/trangthai (own)",
    min: "voter",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/trangthai")),
    async allowed(_c, t) {
      expect(first(t).text).toBe(T.noPetitions);
    },
  },
  {
    name: "/trangthai <another voter's code>",
    min: "delegate",
    fixture: "assigned",
    readOnly: true,
    refusal: ERRORS.PETITION_NOT_FOUND,
    act: (c) => one(say(sec, c.user, `/trangthai ${c.fx!.code}`)),
    async allowed(c, t) {
      expect(first(t).text).toMatch(new RegExp(`^Kiến nghị ${c.fx!.code}: Đã chuyển đơn vị xử lý\\.`));
    },
  },
  {
    name: "/cuatoi",
    min: "voter",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/cuatoi")),
    async allowed(_c, t) {
      expect(first(t).text).toBe(T.noPetitions);
    },
  },
  {
    name: "/viecquynay",
    min: "delegate",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/viecquynay")),
    async allowed(_c, t) {
      expect(first(t).text).not.toBe(T.notAllowed);
      expect(first(t).text).toMatch(/quý II/i);
    },
  },
  {
    name: "/viecthangnay",
    min: "delegate",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/viecthangnay")),
    async allowed(_c, t) {
      expect(first(t).text).not.toBe(T.notAllowed);
      expect(first(t).text).toMatch(/tháng 5/i);
    },
  },
  {
    name: "/tonghop",
    min: "delegate",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/tonghop 30")),
    async allowed(_c, t) {
      expect(first(t).text).toMatch(/^(Kiến nghị mới trong 30 ngày qua: \d+\.|Không có kiến nghị mới trong 30 ngày qua\.)/);
    },
  },
  {
    name: "/hangdoi",
    min: "staff",
    fixture: "needs_review",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/hangdoi")),
    async allowed(_c, t) {
      const [head, ...cards] = t[0]!.replies;
      expect(head!.text).toMatch(/^Có \d+ kiến nghị chờ xem xét/);
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) expect(card.buttons?.flat().map((b) => b.data.split(":").slice(0, 2).join(":"))).toEqual(["rv:ok", "rv:cat", "rv:unit", "rv:rej", "rv:dup"]);
    },
  },
  {
    name: "/capnhat",
    min: "staff",
    fixture: "assigned",
    act: (c) => one(say(sec, c.user, `/capnhat ${c.fx!.code} dang_xu_ly Đang thay bóng`)),
    async allowed(c, t) {
      expect(first(t).text).toBe(T.staffDone(`${c.fx!.code} → Đang xử lý (Đang thay bóng). Cử tri sẽ được thông báo.`));
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p.status).toBe("in_progress");
      expect(p.history.at(-1)).toMatchObject({ actor: staffActorKey(c), fromStatus: "assigned", toStatus: "in_progress", note: "Đang thay bóng" });
    },
  },
  {
    name: "/phancong",
    min: "staff",
    fixture: "classified",
    act: (c) => one(say(sec, c.user, `/phancong ${c.fx!.code} cong_an`)),
    async allowed(c, t) {
      expect(first(t).text).toBe(T.staffDone(`${c.fx!.code} — giao Công an phường.`));
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p.status).toBe("assigned");
      expect(p.unit?.code).toBe("cong_an");
      expect(p.history.at(-1)).toMatchObject({ actor: staffActorKey(c), toStatus: "assigned" });
    },
  },
  {
    name: "/baocao",
    min: "staff",
    readOnly: true,
    act: (c) => one(say(sec, c.user, "/baocao 2026-01-01 2026-12-31")),
    async allowed(_c, t) {
      expect(first(t).text).toContain("BÁO CÁO KIẾN NGHỊ CỬ TRI");
    },
  },
  {
    name: "rv:ok",
    min: "staff",
    fixture: "needs_review",
    act: (c) => one(press(sec, c.user, `rv:ok:${c.fx!.code}`)),
    async allowed(c, t) {
      expect(first(t).text).toMatch(new RegExp(`^Đã cập nhật: ${c.fx!.code} — xác nhận lĩnh vực`));
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p.status).toBe("classified");
      expect(p.history.at(-1)).toMatchObject({ actor: staffActorKey(c), fromStatus: "needs_review", toStatus: "classified" });
    },
  },
  {
    name: "rv:cat",
    min: "staff",
    fixture: "needs_review",
    readOnly: true,
    act: (c) => one(press(sec, c.user, `rv:cat:${c.fx!.code}`)),
    async allowed(c, t) {
      expect(first(t).text).toBe(T.chooseCategory(c.fx!.code));
      const data = first(t).buttons!.flat().map((b) => b.data);
      expect(data.length).toBe(11);
      for (const d of data) {
        expect(d.startsWith(`rv:sc:${c.fx!.code}:`)).toBe(true);
        expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64); // Telegram's callback_data limit
      }
    },
  },
  {
    name: "rv:sc",
    min: "staff",
    fixture: "needs_review",
    act: (c) => one(press(sec, c.user, `rv:sc:${c.fx!.code}:moi_truong`)),
    async allowed(c, t) {
      expect(first(t).text).toMatch(new RegExp(`^Đã cập nhật: ${c.fx!.code} — lĩnh vực`));
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p).toMatchObject({ status: "classified", category: "moi_truong", classifierSource: "staff" });
      const corr = await sec.prisma.labelCorrection.findMany({ where: { petitionId: p.id } });
      expect(corr).toHaveLength(1);
      expect(corr[0]).toMatchObject({ oldCategory: "ha_tang", newCategory: "moi_truong", actor: staffActorKey(c) });
    },
  },
  {
    name: "rv:unit",
    min: "staff",
    fixture: "classified",
    readOnly: true,
    act: (c) => one(press(sec, c.user, `rv:unit:${c.fx!.code}`)),
    async allowed(c, t) {
      expect(first(t).text).toBe(T.chooseUnit(c.fx!.code));
      const data = first(t).buttons!.flat().map((b) => b.data);
      expect(data).toContain(`rv:su:${c.fx!.code}:cong_an`);
      for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
    },
  },
  {
    name: "rv:su",
    min: "staff",
    fixture: "classified",
    act: (c) => one(press(sec, c.user, `rv:su:${c.fx!.code}:cong_an`)),
    async allowed(c, t) {
      expect(first(t).text).toBe(T.staffDone(`${c.fx!.code} — giao Công an phường.`));
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p.status).toBe("assigned");
      expect(p.unit?.code).toBe("cong_an");
    },
  },
  {
    name: "rv:rej, then the reason",
    min: "staff",
    fixture: "needs_review",
    async act(c) {
      const a = await press(sec, c.user, `rv:rej:${c.fx!.code}`);
      // Typed as free text: for a refused role it must not act as a rejection reason.
      const b = await say(sec, c.user, "Không thuộc thẩm quyền phường");
      return [a, b];
    },
    async allowed(c, t) {
      expect(first(t).text).toBe(T.askRejectReason(c.fx!.code));
      expect(t[1]!.texts).toEqual([T.staffDone(`${c.fx!.code} — không tiếp nhận. Lý do: Không thuộc thẩm quyền phường`)]);
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p).toMatchObject({ status: "rejected", statusReason: "Không thuộc thẩm quyền phường" });
      expect(p.history.at(-1)).toMatchObject({ actor: staffActorKey(c), toStatus: "rejected" });
    },
  },
  {
    name: "rv:dup, then the original's code",
    min: "staff",
    fixture: "needs_review",
    needsOther: true,
    async act(c) {
      const a = await press(sec, c.user, `rv:dup:${c.fx!.code}`);
      const b = await say(sec, c.user, c.other!.code);
      return [a, b];
    },
    async allowed(c, t) {
      expect(first(t).text).toBe(T.askDuplicateOf(c.fx!.code));
      expect(t[1]!.texts).toEqual([T.staffDone(T.duplicateDone(c.fx!.code, c.other!.code))]);
      const p = await petitionByCode(sec.prisma, c.fx!.code);
      expect(p).toMatchObject({ status: "duplicate", duplicateOfId: c.other!.id });
    },
  },
];

/** Snapshot minus what any message legitimately writes (its InboundMessage, the session). */
async function domainState() {
  await settle(sec);
  return snapshot(sec.prisma);
}

describe("authorization matrix: role × command/button", () => {
  for (const cs of CASES) {
    describe(cs.name, () => {
      for (const role of ROLES) {
        const allowed = RANK[role] >= RANK[cs.min];
        it(`${role}: ${allowed ? "allowed" : "refused"}`, async () => {
          const fx = cs.fixture ? await makePetition(sec, OWNER, cs.fixture) : null;
          const other = cs.needsOther ? await makePetition(sec, OWNER, "classified") : null;
          const c: Ctx = { role, user: USERS[role], fx, other };
          const before = await domainState();
          const turns = await cs.act(c);
          if (allowed) {
            await cs.allowed(c, turns);
            if (cs.readOnly) expect(await domainState(), "a read-only action changed the database").toEqual(before);
          } else {
            expect(turns[0]!.texts, "refusal text").toEqual([cs.refusal ?? T.needsRole(ROLE_LABEL[cs.min])]);
            expect(await domainState(), "a refused action changed the database").toEqual(before);
          }
          // No role escalation as a side effect of anything.
          expect((await sec.prisma.roleGrant.findMany()).map((g) => `${g.externalId}:${g.role}`).sort()).toEqual(["az-admin:admin", "az-delegate:delegate", "az-staff:staff"]);
        });
      }
    });
  }

  describe("rate:<code>:<n> — only the petition's own voter, whatever the role", () => {
    for (const role of ROLES) {
      it(`${role}: rating their own resolved petition is allowed`, async () => {
        const own = await makePetition(sec, USERS[role], "resolved");
        const t = await press(sec, USERS[role], `rate:${own.code}:5`);
        expect(t.texts).toEqual([petitionTexts.ratingThanks(5)]);
        const p = await petitionByCode(sec.prisma, own.code);
        expect(p.status).toBe("closed");
        expect(await sec.prisma.rating.count({ where: { petitionId: own.id } })).toBe(1);
      });

      it(`${role}: rating another voter's petition is refused, same answer as a missing code`, async () => {
        const theirs = await makePetition(sec, OWNER, "resolved");
        const before = await domainState();
        const t = await press(sec, USERS[role], `rate:${theirs.code}:1`);
        const missing = await press(sec, USERS[role], `rate:${MISSING}:1`);
        expect(await domainState()).toEqual(before);
        expect(t.texts).toEqual(missing.texts);
        expect(t.texts).toEqual([ERRORS.PETITION_NOT_FOUND]);
      });
    }
  });
});

// ------------------------------------------------------------------ roles cannot be obtained in chat

describe("roles come only from the RoleGrant allowlist", () => {
  for (const role of ROLES) {
    it(`${role}: no chat command grants or changes a role`, async () => {
      const before = await domainState();
      for (const cmd of ["/vai admin", "/admin", "/grant staff", "/role admin", "/capquyen canbo", "/cấp_quyền admin", "/start admin", "/giup admin"]) {
        const t = await say(sec, USERS[role], cmd);
        expect(t.texts.length, cmd).toBe(1);
        // Unknown, a "did you mean" (never a grant), or the role's own help.
        expect(t.texts[0] === T.unknownCommand || t.texts[0] === helpText(role) || t.texts[0]!.startsWith("Không có lệnh"), `${cmd}: ${t.texts[0]}`).toBe(true);
      }
      expect(await domainState()).toEqual(before);
    });
  }

  it("a staff member whose grant is revoked mid-prompt cannot finish the rejection", async () => {
    const temp: SecUser = { id: "az-temp-staff" };
    await grant(sec, temp, "staff");
    const fx = await makePetition(sec, OWNER, "needs_review");
    expect((await press(sec, temp, `rv:rej:${fx.code}`)).texts).toEqual([T.askRejectReason(fx.code)]);
    await revokeRole(sec.db, "telegram", temp.id);
    const before = await domainState();
    const t = await say(sec, temp, "Không thuộc thẩm quyền phường");
    expect(t.texts).toEqual([T.needsRole(ROLE_LABEL.staff)]);
    expect(await domainState()).toEqual(before);
    expect((await petitionByCode(sec.prisma, fx.code)).status).toBe("needs_review");
  });
});

// ------------------------------------------------------------------ forged buttons

describe("forged button data", () => {
  const voter = USERS.voter;

  it("a voter forging rv:su:<code>:cong_an on someone else's petition is refused and nothing changes", async () => {
    const fx = await makePetition(sec, OWNER, "classified");
    const before = await domainState();
    const t = await press(sec, voter, `rv:su:${fx.code}:cong_an`);
    expect(t.texts).toEqual([T.needsRole(ROLE_LABEL.staff)]);
    expect(await domainState()).toEqual(before);
    expect((await petitionByCode(sec.prisma, fx.code)).status).toBe("classified");
  });

  it("a voter forging every staff button on their OWN petition is refused too", async () => {
    const own = await makePetition(sec, { id: "az-forger" }, "needs_review");
    const before = await domainState();
    for (const data of [`rv:ok:${own.code}`, `rv:sc:${own.code}:khac`, `rv:su:${own.code}:cong_an`, `rv:rej:${own.code}`, `rv:dup:${own.code}`]) {
      const t = await press(sec, { id: "az-forger" }, data);
      expect(t.texts, data).toEqual([T.needsRole(ROLE_LABEL.staff)]);
    }
    // And the text after a forged rv:rej is not taken as a rejection reason.
    await say(sec, { id: "az-forger" }, "Lý do: tự hủy");
    const p = await petitionByCode(sec.prisma, own.code);
    expect(p.status).toBe("needs_review");
    expect((await domainState()).corrections).toEqual(before.corrections);
    expect((await domainState()).grants).toEqual(before.grants);
  });

  it("a voter forging rate:<another voter's code>:1 cannot reopen it, and learns nothing about it", async () => {
    const fx = await makePetition(sec, OWNER, "resolved");
    const before = await domainState();
    const forged = await press(sec, voter, `rate:${fx.code}:1`);
    expect(await domainState()).toEqual(before);
    expect((await petitionByCode(sec.prisma, fx.code)).status).toBe("resolved");
    const missing = await press(sec, voter, `rate:${MISSING}:1`);
    expect(forged.texts).toEqual(missing.texts);
    expect(forged.texts).toEqual([ERRORS.PETITION_NOT_FOUND]);
  });

  describe("staff buttons for a code that does not exist answer “không tìm thấy” and change nothing", () => {
    const kinds = [`rv:ok:${MISSING}`, `rv:cat:${MISSING}`, `rv:sc:${MISSING}:ha_tang`, `rv:unit:${MISSING}`, `rv:su:${MISSING}:cong_an`, `rv:rej:${MISSING}`, `rv:dup:${MISSING}`];
    for (const data of kinds) {
      it(data, async () => {
        const before = await domainState();
        const t = await press(sec, USERS.staff, data);
        expect(t.texts).toEqual([ERRORS.PETITION_NOT_FOUND]);
        expect(t.texts[0]).toMatch(/không tìm thấy/i);
        // Nothing is left waiting for a reason or an original's code.
        const next = await say(sec, USERS.staff, "/giup");
        expect(next.texts).toEqual([helpText("staff")]);
        expect(await domainState()).toEqual(before);
      });
    }
  });

  describe("malformed button data: a polite answer, no crash, no change", () => {
    const BAD = [
      "garbage",
      "rv",
      "rv:",
      "rv:ok",
      "rv::",
      "rv:nope:KN-2026-000001",
      "rate",
      "rate:",
      "rate:KN-2026-000001",
      "rate:KN-2026-000001:abc",
      "rate:KN-2026-000001:99",
      "rate:KN-2026-000001:-1",
      "rate:KN-2026-000001:1e3",
      "rate:not-a-code:3",
      `rv:sc:KN-2026-000001:x'); DROP TABLE Petition;--`,
      `rv:su:KN-2026-000001:' OR 1=1 --`,
      `rv:ok:${MISSING}'; DROP TABLE Petition;--`,
      `rate:${MISSING}' OR '1'='1:5`,
      "rv:ok:" + "A".repeat(10_000),
      "x".repeat(100_000),
      ":".repeat(500),
      "rv:sc:KN-2026-000001:__proto__",
      "rv:sc:KN-2026-000001:constructor",
      "rv:su:KN-2026-000001:__proto__",
      "rv:ok:KN-2026-000001\u0000",
      "\u202Erv:ok:KN-2026-000001",
      "rv:ok:KN-😀-000001",
      "{\"rv\":\"ok\"}",
      "<script>alert(1)</script>",
    ];
    /** A refusal, "unknown command" or a catalogued domain error: never the internal-error apology. */
    const polite = (text: string) =>
      text !== T.internalError && (text === T.needsRole(ROLE_LABEL.staff) || text.startsWith("Không có lệnh") || text === T.unknownCommand || Object.values(ERRORS).some((e) => text.startsWith(e)));

    for (const role of ["voter", "staff"] as const) {
      it(`as ${role}`, async () => {
        // KN-2026-000001 exists (an open petition of OWNER), so the code part is valid.
        const first = await sec.prisma.petition.findUnique({ where: { code: "KN-2026-000001" } });
        expect(first, "fixture KN-2026-000001").not.toBeNull();
        const before = await domainState();
        for (const data of BAD) {
          const t = await press(sec, USERS[role], data);
          expect(t.texts.length, `one answer to ${JSON.stringify(data.slice(0, 60))}`).toBe(1);
          expect(polite(t.texts[0]!), `polite answer to ${JSON.stringify(data.slice(0, 60))}: ${t.texts[0]}`).toBe(true);
          const inbound = await sec.prisma.inboundMessage.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: t.externalId } } });
          expect(inbound.status, "handled, not failed").toBe("processed");
        }
        expect(await domainState()).toEqual(before);
        expect(await sec.prisma.petition.count()).toBeGreaterThan(0); // the table is still there
        expect(sec.logLines.filter((l) => JSON.parse(l).level === "error")).toEqual([]);
      });
    }
  });
});

// ------------------------------------------------------------------ no code oracle

describe("status lookups: a voter sees only their own petitions, with no existence oracle", () => {
  const asker: SecUser = { id: "az-prober" };

  it("another voter's code and a missing code get the same “không tìm thấy”, however asked", async () => {
    const theirs = await makePetition(sec, OWNER, "assigned");
    const resolved = await makePetition(sec, OWNER, "resolved");
    const num = (code: string) => Number(code.split("-")[2]);
    const before = await domainState();
    const forms = (code: string) => [
      `/trangthai ${code}`,
      `/status ${code}`,
      code,
      code.toLowerCase(),
      `kn 2026 ${num(code)}`,
      `Kiến nghị ${code} thế nào rồi?`,
      `${code} vẫn chưa xong`,
    ];
    for (const target of [theirs.code, resolved.code]) {
      const a = forms(target);
      const b = forms(MISSING);
      for (let i = 0; i < a.length; i++) {
        const got = await say(sec, asker, a[i]!);
        const ref = await say(sec, asker, b[i]!);
        expect(got.texts, a[i]).toEqual(ref.texts);
        expect(got.texts, a[i]).toEqual([ERRORS.PETITION_NOT_FOUND]);
      }
    }
    // "vẫn chưa xong" about someone else's resolved petition did not reopen it.
    expect((await petitionByCode(sec.prisma, resolved.code)).status).toBe("resolved");
    expect(await domainState()).toEqual(before);
  });

  it("the petition's own voter does see it (the control)", async () => {
    const mine = await makePetition(sec, asker, "assigned");
    const t = await say(sec, asker, `/trangthai ${mine.code}`);
    expect(t.texts[0]).toMatch(new RegExp(`^Kiến nghị ${mine.code}: `));
    const list = await say(sec, asker, "/cuatoi");
    expect(list.texts[0]).toContain(mine.code);
  });

  it("“my petitions” never lists another voter's codes", async () => {
    const theirs = await makePetition(sec, OWNER, "classified");
    const t = await say(sec, asker, "/cuatoi");
    expect(t.texts.join("\n")).not.toContain(theirs.code);
    expect(t.texts.join("\n")).not.toMatch(/Đèn chiếu sáng/);
  });
});
