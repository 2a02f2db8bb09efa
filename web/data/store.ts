/**
 * The web face's data on the store: the queries are store/repos/web.ts (SQL written once
 * for both engines); this module adds the web's rules — a petition's area, the anonymised
 * public texts, the folded search texts — and shapes the records the routes render.
 * Petition state is never written here: the routes call the petition services for that.
 */
import { monthKey, startOfDayVi, localDate } from "../../lib/time.ts";
import { undeliverableReasonOf, voterNoticeKeys } from "../../bot/petitions/outbox.ts";
import { OPEN_STATUSES, STATUSES } from "../../bot/petitions/status.ts";
import { highestRole } from "../../bot/petitions/roles.ts";
import type { Store } from "../../store/index.ts";
import { areaOf, petitionAreaOf } from "../areas.ts";
import { ref, toPublicRow, toQueueRow } from "./rows.ts";
import { queryWords as words, searchIndexUpdater } from "./search-texts.ts";

export { anonymisePublic } from "./rows.ts";
export { SEARCH_INDEX_VERSION, indexTerms, publicSearchText, staffSearchText } from "./search-texts.ts";

/** Statuses never shown publicly: not petitions (rejected) or shown through their original (duplicate). */
export const HIDDEN_PUBLIC_STATUSES = ["rejected", "duplicate"];
/** Statuses whose last note is the outcome the voter was told. */
const OUTCOME_STATUSES = ["resolved", "closed_unresolved", "referred"];
import type { CountItem, DashboardData, DelegateRow, PetitionDetail, PetitionRef, PublicDetail, UnitPerformance, WebData } from "./types.ts";

function monthsBetween(from: Date, to: Date, max = 36): { key: string; from: Date; to: Date }[] {
  const out: { key: string; from: Date; to: Date }[] = [];
  let { year, month } = localDate(from);
  while (out.length < max) {
    const a = startOfDayVi(year, month, 1)!;
    const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
    const b = startOfDayVi(next.year, next.month, 1)!;
    if (a.getTime() >= to.getTime()) break;
    out.push({ key: monthKey(a), from: a < from ? from : a, to: b > to ? to : b });
    ({ year, month } = next);
  }
  return out;
}

export function createStoreWebData(db: Store): WebData {
  const searchIndex = searchIndexUpdater(db);

  async function unitPerformanceSince(from: Date | null, to: Date | null): Promise<UnitPerformance[]> {
    const [units, perf] = await Promise.all([db.units.all(), db.web.unitPerformance(from, to)]);
    const byUnit = new Map(perf.map((p) => [p.unitId, p]));
    return units
      .map((u) => {
        const w = byUnit.get(u.id);
        const resolved = w?.resolved ?? 0;
        const onTime = w?.onTime ?? 0;
        return { unitCode: u.code, unitName: u.name, total: w?.total ?? 0, resolved, onTime, onTimeRate: resolved ? onTime / resolved : null, avgRating: w?.avgRating ?? null, ratings: w?.ratings ?? 0 };
      })
      .filter((u) => u.total > 0);
  }

  const data: WebData = {
    async queuePage(f, now) {
      const w = words(f.q);
      const page = await db.web.queue({ ...f, words: w, wordless: f.q !== null && w.length === 0 }, now, { open: OPEN_STATUSES, all: STATUSES });
      return { rows: page.rows.map((r) => toQueueRow(r, now)), total: page.total, totalIsLowerBound: page.totalIsLowerBound, counts: Object.fromEntries(page.counts) };
    },

    async petitionDetail(code) {
      const p = await db.petitions.byCode(code);
      if (!p) return null;
      const [voterName, attachments, history, ratings, original, linked, links, numbers, undelivered] = await Promise.all([
        db.web.voterName(p.voterId),
        db.petitions.attachments(p.id),
        db.petitions.history(p.id),
        db.feedback.latestRatings([p.id]),
        p.duplicateOfCode ? db.web.rowByCode(p.duplicateOfCode) : Promise.resolve(null),
        db.web.duplicatesOf(p.id, 20),
        db.petitions.taskLinks(p.id),
        db.web.placeNumbers(p.id),
        db.outbox.undeliverableFor(voterNoticeKeys(p.id), 20),
      ]);
      const duplicates: PetitionRef[] = [];
      if (original) duplicates.push(ref(original, "original"));
      for (const d of linked) duplicates.push(ref(d, "linked"));
      // Suggestions the classifier left in the history ("Có thể trùng với kiến nghị KN-…").
      const suggested = new Set<string>();
      for (const h of history) for (const m of h.note?.matchAll(/KN-\d{4}-\d{6}/g) ?? []) if (m[0] !== p.code) suggested.add(m[0]);
      for (const d of duplicates) suggested.delete(d.code);
      for (const r of await db.web.rowsByCodes([...suggested].slice(0, 10))) duplicates.push(ref(r, "suggested"));
      // Open petitions of the same category at a place sharing a number (the duplicate index).
      const own = numbers.filter((n) => n !== "*");
      if (own.length && p.category !== "chua_phan_loai") {
        const seen = new Set(duplicates.map((d) => d.code).concat(p.code));
        for (const r of await db.web.samePlace(p.id, p.category, own, [...OPEN_STATUSES, "resolved"], 5)) if (!seen.has(r.code)) duplicates.push(ref(r, "same_place"));
      }
      const tasks = new Map((await db.plans.tasks()).map((t) => [t.id, t]));
      const detail: PetitionDetail = {
        id: p.id,
        code: p.code,
        status: p.status,
        statusReason: p.statusReason,
        category: p.category,
        confidence: p.confidence,
        classifierSource: p.classifierSource,
        channel: p.channel,
        voterName,
        voterExternalId: p.voterExternalId,
        originalText: p.originalText,
        summary: p.summary,
        location: p.location,
        area: p.area,
        derivedArea: areaOf(p.location) ?? areaOf(p.originalText),
        urgent: p.urgent,
        isPublic: p.isPublic,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        dueAt: p.dueAt,
        unitCode: p.unitCode,
        unitName: p.unitName,
        rating: ratings.get(p.id) ?? null,
        attachments: attachments.slice(0, 50).map((a) => ({ kind: a.kind, ref: a.ref })),
        history: history.slice(0, 500).map((h) => ({ at: h.at, fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note, actor: h.actor })),
        // availableAt of an undeliverable row is when the channel refused it (bot/petitions/outbox.ts).
        undelivered: undelivered.map((o) => ({ at: o.availableAt, channel: o.channel, reason: undeliverableReasonOf(o.lastError), text: o.text })),
        planLinks: links.slice(0, 10).map((l) => ({
          taskId: l.taskId,
          task: l.task,
          lead: l.lead,
          when: l.whenRaw,
          doc: l.documentFile,
          docTitle: tasks.get(l.taskId)?.document.title ?? l.documentFile,
          section: tasks.get(l.taskId)?.section ?? "",
          score: l.score,
        })),
        duplicates,
      };
      return detail;
    },

    async petitionArea(code) {
      const p = await db.web.rowByCode(code);
      return p ? { exists: true, area: petitionAreaOf(p) } : { exists: false, area: null };
    },

    async units() {
      return (await db.units.all()).map((u) => ({ code: u.code, name: u.name }));
    },

    async unitName(unitCode) {
      return (await db.units.all()).find((u) => u.code === unitCode)?.name ?? null;
    },

    async dashboard(period, now) {
      const months = monthsBetween(period.from, period.to);
      const [total, byCategory, byStatus, byUnitRaw, units, satisfaction, monthCounts, overdue, unitList] = await Promise.all([
        db.web.countCreated(period.from, period.to),
        db.web.countBy("category", period.from, period.to),
        db.web.countBy("status", period.from, period.to),
        db.web.countBy("unitId", period.from, period.to),
        unitPerformanceSince(period.from, period.to),
        db.web.ratingsIn(period.from, period.to),
        Promise.all(months.map((m) => db.web.countCreated(m.from, m.to))),
        db.web.overdue(now, OPEN_STATUSES, 50),
        db.units.all(),
      ]);
      const sortDesc = (xs: CountItem[]) => xs.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
      const unitById = new Map(unitList.map((u) => [String(u.id), u]));
      const result: DashboardData = {
        total,
        byCategory: sortDesc(byCategory.map((g) => ({ key: g.key ?? "", count: g.count }))),
        byStatus: byStatus.map((g) => ({ key: g.key ?? "", count: g.count })),
        byUnit: byUnitRaw
          .map((g) => {
            const u = g.key === null ? null : unitById.get(g.key);
            return { key: u?.code ?? "", name: u?.name ?? null, count: g.count };
          })
          .sort((a, b) => b.count - a.count),
        byMonth: months.map((m, i) => ({ key: m.key, count: monthCounts[i] ?? 0 })),
        units,
        satisfaction,
        overdue: overdue.rows.map((r) => toQueueRow(r, now)),
        overdueTotal: overdue.total,
      };
      return result;
    },

    planTasks: (ward, page) => db.web.planTasks(ward, page.offset, page.limit),

    async publicPage(q, page, pageSize) {
      const w = words(q);
      const { rows, total, totalIsLowerBound } = await db.web.publicPage(q && w.length === 0 ? "wordless" : w, HIDDEN_PUBLIC_STATUSES, (page - 1) * pageSize, pageSize);
      const outcomes = await db.web.latestOutcomes(
        rows.filter((r) => OUTCOME_STATUSES.includes(r.status) || r.status === "closed").map((r) => r.id),
        OUTCOME_STATUSES,
      );
      return { rows: rows.map((r) => toPublicRow(r, outcomes.get(r.id) ?? null)), total, totalIsLowerBound };
    },

    async publicPetition(code) {
      const p = await db.web.publicByCode(code, HIDDEN_PUBLIC_STATUSES);
      if (!p) return null;
      const [outcomes, history] = await Promise.all([db.web.latestOutcomes([p.id], OUTCOME_STATUSES), db.petitions.history(p.id)]);
      return {
        ...toPublicRow(p, outcomes.get(p.id) ?? null),
        updatedAt: p.updatedAt,
        // Status moves only; the notes that were replies to the voter are kept (anonymised by the route).
        history: history
          .slice(0, 200)
          .filter((h) => h.fromStatus !== h.toStatus)
          .map((h) => ({ at: h.at, toStatus: h.toStatus, note: OUTCOME_STATUSES.includes(h.toStatus) || h.toStatus === "in_progress" ? h.note : null })),
      };
    },

    unitPerformance: () => unitPerformanceSince(null, null),

    refreshSearchIndex: (maxRows) => searchIndex.refresh(maxRows),

    roleOf: async (channel, externalId) => highestRole(await db.roles.of(channel, externalId)),

    createSession: (s) => db.web.createSession(s),
    findSession: (tokenHash, now) => db.web.findSession(tokenHash, now),
    deleteSession: (tokenHash) => db.web.deleteSession(tokenHash),
    deleteExpired: (now) => db.web.deleteExpired(now),
    createChallenge: (c) => db.web.createChallenge(c),
    challengeByHash: (hash) => db.web.challengeBy("challengeHash", hash),
    challengeByLink: (hash) => db.web.challengeBy("linkHash", hash),
    failChallenge: (id) => db.web.failChallenge(id),
    useChallenge: (id, now) => db.web.useChallenge(id, now),
    recentChallenges: (channel, externalId, since) => db.web.recentChallenges(channel, externalId, since),

    async delegates() {
      const [grants, areas] = await Promise.all([db.web.delegateGrants(500), db.web.allDelegateAreas()]);
      return grants.map(
        (g): DelegateRow => ({ ...g, areas: areas.filter((a) => a.channel === g.channel && a.externalId === g.externalId).map((a) => a.area) }),
      );
    },
    delegateAreas: (channel, externalId) => db.web.delegateAreas(channel, externalId),
    setDelegateAreas: (channel, externalId, areas) => db.web.setDelegateAreas(channel, externalId, areas, new Date()),

    async open311Requests(f) {
      const rows = await db.web.open311(
        {
          codes: f.codes,
          serviceCodes: f.serviceCodes,
          from: f.from,
          to: f.to,
          statuses: f.open === null ? null : { in: f.open, list: OPEN_STATUSES },
          limit: f.limit,
        },
        HIDDEN_PUBLIC_STATUSES,
      );
      const outcomes = await db.web.latestOutcomes(rows.map((r) => r.id), OUTCOME_STATUSES);
      return rows.map((r): PublicDetail => ({ ...toPublicRow(r, outcomes.get(r.id) ?? null), updatedAt: r.updatedAt, history: [] }));
    },
    open311Key: (keyHash) => db.web.open311Key(keyHash),
    addOpen311Key: (k) => db.web.addOpen311Key(k),
    listOpen311Keys: () => db.web.listOpen311Keys(),
    revokeOpen311Key: (idOrPrefix, now) => db.web.revokeOpen311Key(idOrPrefix, now),
    petitionCodeByInbound: (channel, externalId) => db.web.petitionCodeByInbound(channel, externalId),
  };
  return data;
}
