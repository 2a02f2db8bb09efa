/**
 * Areas of a ward (tổ dân phố, thôn, khu phố): a petition's area comes from its place
 * ("ngõ 12, tổ dân phố 3" → "Tổ dân phố 3") unless staff set it; delegates are assigned
 * the areas of their constituency. Pure functions.
 */
import { foldVietnamese } from "../rag/text/vietnamese.ts";

const NUMBERED: Array<[RegExp, string]> = [
  [/\b(?:to dan pho|tdp|to dp|to)\s*(?:so\s*)?(\d{1,3})\b/, "Tổ dân phố"],
  [/\b(?:khu pho|kp)\s*(?:so\s*)?(\d{1,3})\b/, "Khu phố"],
  [/\b(?:khu dan cu|kdc)\s*(?:so\s*)?(\d{1,3})\b/, "Khu dân cư"],
];
const NAMED = /(?:^|[^\p{L}])([Tt]hôn|[Tt]hon|[Xx]óm|[Xx]om|[Ấấ]p|[Bb]ản)\s+((?:\p{Lu}[\p{L}]*|\d+)(?:\s+\p{Lu}[\p{L}]*)?)/u;
const NAMED_LABEL: Record<string, string> = { thon: "Thôn", xom: "Xóm", ap: "Ấp", ban: "Bản" };

/** Canonical area of a place ("to 3", "TDP số 3", "tổ dân phố 3" → "Tổ dân phố 3"), or null. */
export function areaOf(place: string | null | undefined): string | null {
  if (!place) return null;
  const folded = foldVietnamese(place);
  for (const [re, label] of NUMBERED) {
    const m = re.exec(folded);
    if (m) return `${label} ${Number(m[1])}`;
  }
  const named = NAMED.exec(place.normalize("NFC"));
  if (named) return `${NAMED_LABEL[foldVietnamese(named[1]!).toLowerCase()] ?? named[1]} ${named[2]}`;
  return null;
}

/** An area as typed by staff, canonical when it is recognisable ("tdp 3" → "Tổ dân phố 3"). */
export function canonicalArea(typed: string): string | null {
  const t = typed.replace(/\s+/g, " ").trim();
  if (!t) return null;
  return areaOf(t) ?? t.slice(0, 100);
}

/** "Tổ dân phố 3, tdp 4; Thôn Đông" → canonical, unique, in order. */
export function parseAreaList(typed: string): string[] {
  const out: string[] = [];
  for (const part of typed.split(/[,;\n]/)) {
    const a = canonicalArea(part);
    if (a && !out.includes(a)) out.push(a);
  }
  return out.slice(0, 50);
}

/** A petition's area: staff's choice, else from its place, else from its text (voters often name the tổ in the message). */
export function petitionAreaOf(p: { area: string | null; location: string | null; originalText: string }): string | null {
  return p.area ?? areaOf(p.location) ?? areaOf(p.originalText);
}
