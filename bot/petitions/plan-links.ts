/**
 * Links a petition to the ward plan tasks it concerns (PetitionTaskLink). The search is
 * injected (`FindRelatedTasks`, provided by the plan-knowledge index) and runs before the
 * write transaction, because it may be slow and must not hold the database lock.
 */
import type { DbClient, FindRelatedTasks, PlanLinkConfig } from "./types.ts";

export interface TaskMatch {
  taskId: number;
  score: number;
}

/**
 * Runs the injected search and keeps the best matches above `minScore`. A failing search
 * returns no links rather than failing the petition: links are a help for staff.
 */
export async function findPlanLinks(
  find: FindRelatedTasks | undefined,
  text: string,
  category: string,
  cfg: PlanLinkConfig,
): Promise<{ matches: TaskMatch[]; error: string | null }> {
  if (!find) return { matches: [], error: null };
  try {
    const found = await find(text, category);
    const best = new Map<number, number>();
    for (const m of found) {
      if (!Number.isInteger(m.taskId) || !Number.isFinite(m.score) || m.score < cfg.minScore) continue;
      best.set(m.taskId, Math.max(best.get(m.taskId) ?? -Infinity, m.score));
    }
    const matches = [...best.entries()]
      .map(([taskId, score]) => ({ taskId, score }))
      .sort((a, b) => b.score - a.score || a.taskId - b.taskId)
      .slice(0, cfg.maxLinks);
    return { matches, error: null };
  } catch (err) {
    return { matches: [], error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Replaces the petition's task links with `matches` (inside the caller's transaction).
 * Task ids that no longer exist (plans re-ingested) are skipped.
 */
export async function storePlanLinks(tx: DbClient, petitionId: number, matches: TaskMatch[]): Promise<number> {
  await tx.petitionTaskLink.deleteMany({ where: { petitionId } });
  if (matches.length === 0) return 0;
  const existing = await tx.task.findMany({ where: { id: { in: matches.map((m) => m.taskId) } }, select: { id: true } });
  const ids = new Set(existing.map((t) => t.id));
  // Tasks removed by a re-ingestion since the search are skipped; one INSERT for the rest.
  const data = matches.filter((m) => ids.has(m.taskId)).map((m) => ({ petitionId, taskId: m.taskId, score: m.score }));
  if (data.length > 0) await tx.petitionTaskLink.createMany({ data });
  return data.length;
}

/** Task links of a petition, best first, with the task text for staff views. */
export async function planLinksOf(db: DbClient, petitionId: number) {
  return db.petitionTaskLink.findMany({
    where: { petitionId },
    orderBy: { score: "desc" },
    include: { task: { select: { id: true, task: true, lead: true, whenRaw: true } } },
  });
}
