/**
 * Extractor for the "duty-list" layout: a council plan that lists standing duties as dash
 * items under its tasks part ("II. CÁC NHIỆM VỤ CỤ THỂ") and its implementation part
 * ("III. TỔ CHỨC THỰC HIỆN KẾ HOẠCH", by responsible body), with no timeframe column.
 *
 * Every duty gets kind "trong_nhiem_ky" (the plan's term). Items that open with "Hằng năm,"
 * keep that wording in the task text but are not classified "hang_nam": the labelled due set
 * lists no duty-list task as ongoing, and "hang_nam" would put them in `due --ongoing`.
 */
import { cleanDocumentText } from "../../ingest/clean.ts";
import { outlineBlocks, type HeadingBlock } from "../../ingest/sections.ts";
import { foldCollapsed } from "../../text/vietnamese.ts";
import type { ExtractedTask, Timeframe } from "../types.ts";
import type { TaskExtractor } from "./types.ts";

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Ban Kinh tế- Ngân sách" → "Ban Kinh tế - Ngân sách". */
const spaceDashes = (s: string) => s.replace(/\s*([-–])\s*/gu, " $1 ");

/** Lines that name no work of their own: "Và các nội dung khác theo luật định." */
export function isCatchAllDuty(text: string): boolean {
  return /^(?:va )?(?:cac |mot so |nhung )?(?:noi dung|nhiem vu|van de|viec) khac\b/u.test(foldCollapsed(text));
}

/** Duty parts of the plan: the tasks part and the implementation part, never the purpose part. */
function isDutyPart(romanLabel: string): boolean {
  const f = foldCollapsed(romanLabel);
  return /nhiem vu|to chuc thuc hien/u.test(f) && !/muc dich/u.test(f);
}

/** Responsible body named by a heading: "1. Trách nhiệm của Thường trực HĐND xã" → "Thường trực HĐND xã". */
function headingBody(heading: string): string | null {
  const m = heading.match(/^\d+\.\s*Trách nhiệm của\s+(.+)$/u);
  return m ? capitalize(m[1]!.trim()) : null;
}

/** Subject that opens an item: "Thường trực HĐND, các Ban HĐND giám sát…", "Hằng năm, HĐND xã tổ chức…". */
const SUBJECT =
  /^(?:(?:Hằng|Hàng) năm,\s*|Giữa nhiệm kỳ,\s*|Cuối nhiệm kỳ,\s*|Trong nhiệm kỳ,\s*)?((?:Thường trực HĐND|HĐND|Các Ban (?:của )?HĐND|(?:Mỗi )?[Đđ]ại biểu(?: HĐND)?)(?: (?:xã|phường))?(?:, các Ban HĐND(?: (?:xã|phường))?)?)\s+(?=\p{Ll})/u;

/** "Ban Kinh tế- Ngân sách: Thẩm tra…" — a committee label that names the lead. */
const BODY_LABEL = /^((?:Ban|Các Ban)\s[^:]{2,40}?)\s*:\s*(\S.*)$/u;
/** "Với UBND xã: HĐND tăng cường…" — the partner of a coordination duty. */
const PARTNER_LABEL = /^Với\s+([^:]{2,60}?)\s*:\s*\S/u;

function termTimeframe(from: number, to: number | null): Timeframe {
  return {
    kind: "trong_nhiem_ky",
    raw: to === null ? `Nhiệm kỳ ${from}` : `Nhiệm kỳ ${from}-${to}`,
    year: null,
    quarters: [],
    month: null,
    day: null,
    fromYear: from,
    toYear: to,
  };
}

/** Drops a closing lead-in sentence: "…nhiệm kỳ 2025-2030. Trong nhiệm kỳ 2025-2030, Thường trực HĐND xã có trách nhiệm:" */
function dropLeadIn(text: string): string {
  if (!/:$/u.test(text)) return text;
  const cut = text.search(/[.;]\s+[^.;]*:$/u);
  return cut >= 0 ? text.slice(0, cut) : "";
}

const finish = (s: string) => s.replace(/[\s.;,:]+$/u, "").trim();

interface Draft {
  section: string;
  task: string;
  lead: string;
  partners: string | null;
}

/** "Mỗi đại biểu HĐND" → "Đại biểu HĐND xã"; "Thường trực HĐND, các Ban HĐND" → "… các Ban HĐND xã". */
function subjectLead(subject: string, unit: string): string {
  let s = subject.replace(/^Mỗi đại biểu/u, "Đại biểu").replace(/^Đại biểu$/u, "Đại biểu HĐND");
  if (!/(?:xã|phường)$/u.test(s)) s = `${s} ${unit}`;
  return s;
}

function draftsOf(block: HeadingBlock, defaultLead: string, topicLead: string, unit: string): Draft[] {
  const section = block.path;
  const supervisionTopics = block.headings.some((h) => /^danh muc\b.*giam sat/u.test(foldCollapsed(h)));
  const blockLead = block.headings.map(headingBody).filter((b): b is string => b !== null).pop() ?? null;
  const drafts: Draft[] = [];
  for (const line of block.lines) {
    if (!/^[-+•]\s*/u.test(line)) continue; // duties are the dash items; paragraphs are context
    let text = dropLeadIn(line.replace(/^[-+•]\s*/u, "").trim());
    if (text === "" || isCatchAllDuty(text)) continue;
    if (supervisionTopics) {
      // A topic list entry sometimes holds two topics run together: split at the full stop.
      for (const topic of text.split(/(?<=\.)\s+(?=\p{Lu})/u)) {
        if (!isCatchAllDuty(topic)) drafts.push({ section, task: finish(topic), lead: topicLead, partners: null });
      }
      continue;
    }
    let lead = blockLead ?? defaultLead;
    let partners: string | null = null;
    const label = text.match(BODY_LABEL);
    const partner = text.match(PARTNER_LABEL);
    if (label) {
      lead = spaceDashes(label[1]!);
      text = label[2]!;
    } else if (partner) {
      partners = capitalize(partner[1]!);
    } else if (!blockLead) {
      const subject = text.match(SUBJECT);
      if (subject) lead = subjectLead(subject[1]!, unit);
    }
    drafts.push({ section, task: finish(text), lead, partners });
  }
  return drafts;
}

export const extractDutyList: TaskExtractor = ({ entry, text }) => {
  const blocks = outlineBlocks(cleanDocumentText(text), entry.title);
  const unit = entry.unitType;
  const defaultLead = `HĐND ${unit}`;
  const topicLead = `Thường trực HĐND, các Ban HĐND ${unit}`;
  const drafts = blocks.filter((b) => b.headings.length > 0 && isDutyPart(b.headings[0]!)).flatMap((b) => draftsOf(b, defaultLead, topicLead, unit));
  return drafts.map(
    (d, ordinal): ExtractedTask => ({
      doc: entry.file,
      section: d.section,
      ordinal,
      task: d.task,
      lead: d.lead,
      partners: d.partners,
      leader: null,
      output: null,
      timeframe: termTimeframe(entry.term.from, entry.term.to),
    }),
  );
};
