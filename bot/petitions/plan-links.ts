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

/** The petition's plan-task links, best first, with the task's wording, lead and timeframe. */
export function planLinksOf(db: DbClient, petitionId: number) {
  return db.petitions.taskLinks(petitionId);
}
