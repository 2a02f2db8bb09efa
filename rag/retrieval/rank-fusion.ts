/**
 * Reciprocal rank fusion (RRF): merges ranked lists by rank alone, so sources with very
 * different score scales (BM25 sums, cosine distances) need no calibration.
 */

export const RRF_K = 60;

export interface RankedList {
  name: string;
  /** Ids best first. */
  ids: readonly string[];
  weight?: number;
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank per list name. */
  ranks: Record<string, number>;
}

/**
 * Weighted RRF: score(d) = Σ_lists weight / (k + rank(d)), rank 1-based. Ties go to the
 * item with the better single best rank, then to first appearance, so output is stable.
 */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number = RRF_K): FusedItem[] {
  const items = new Map<string, FusedItem & { best: number; order: number }>();
  let order = 0;
  for (const list of lists) {
    const w = list.weight ?? 1;
    if (w === 0) continue;
    list.ids.forEach((id, i) => {
      const rank = i + 1;
      let it = items.get(id);
      if (!it) {
        it = { id, score: 0, ranks: {}, best: rank, order: order++ };
        items.set(id, it);
      }
      // A list repeating an id counts only its first (best) position.
      if (it.ranks[list.name] !== undefined) return;
      it.ranks[list.name] = rank;
      it.score += w / (k + rank);
      if (rank < it.best) it.best = rank;
    });
  }
  return [...items.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || a.order - b.order)
    .map(({ id, score, ranks }) => ({ id, score, ranks }));
}
