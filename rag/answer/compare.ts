/**
 * Comparisons across documents or wards: the same question answered from each side, one
 * line per side, each cited; a side whose documents do not state it says so.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { cite, whereOf } from "./compose.ts";
import type { Unit } from "./locate.ts";
import { boundEvidence, unitEvidence, type Routed } from "./routed.ts";
import type { ScopeDoc } from "./scope.ts";
import { pickUnits } from "./single.ts";

export interface Side {
  label: string;
  docs: ScopeDoc[];
}

/** The sides to compare: the wards named, or the documents the question is about. */
export function sidesOf(wards: readonly string[], scope: readonly ScopeDoc[], titled: readonly string[], ranked: readonly Unit[]): Side[] {
  if (wards.length >= 2) {
    return wards.map((w) => ({ label: `${scope.find((d) => d.ward === w)?.unitType ?? ""} ${w}`.trim(), docs: scope.filter((d) => d.ward === w) })).filter((s) => s.docs.length > 0);
  }
  // "Hai kế hoạch của phường Phúc Lợi": the documents in scope the question points at.
  const byRelevance = titled.length >= 2 ? [...titled] : [...new Set(ranked.filter((u) => u.fits).map((u) => u.doc))];
  const files = byRelevance.length >= 2 ? byRelevance.slice(0, 3) : scope.map((d) => d.file);
  return files
    .map((f) => scope.find((d) => d.file === f))
    .filter((d): d is ScopeDoc => d !== undefined)
    .slice(0, 3)
    .map((d) => ({ label: d.title, docs: [d] }));
}

export async function compareRoute(kb: KnowledgeBase, sides: readonly Side[], unitsFor: (docs: ScopeDoc[]) => Promise<Unit[]>): Promise<Routed | null> {
  if (sides.length < 2) return null;
  const lines: string[] = [];
  const citations = [];
  const evidence = [];
  const items: string[] = [];
  let answered = 0;
  for (const side of sides) {
    const units = await unitsFor(side.docs);
    const picked = pickUnits(units).slice(0, 1);
    evidence.push(...[...picked, ...units.slice(0, 3)].map(unitEvidence));
    const u = picked[0];
    if (!u) {
      lines.push(`- ${side.label}: văn bản không nêu nội dung này.`);
      continue;
    }
    answered++;
    lines.push(`- ${side.label}: ${u.text.trim()} (${whereOf(kb, u.doc, u.section)})`);
    citations.push(cite(u.doc, u.section, u.text));
    if (u.itemId) items.push(u.itemId);
  }
  if (answered === 0) return null;
  const header = answered === sides.length ? `So sánh ${sides.length} văn bản:` : `Chỉ ${answered}/${sides.length} văn bản nêu nội dung này:`;
  return { answer: { answer: [header, ...lines].join("\n"), found: true, citations }, items, focus: null, evidence: boundEvidence(evidence), llm: true };
}
