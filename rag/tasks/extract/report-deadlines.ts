/**
 * Extractor for the "report-deadlines" layout: a plan implementing resolutions, whose tasks
 * are (a) content items with labelled fields ("- Cơ quan thực hiện: …", "- Thời gian thực
 * hiện: Thường xuyên.") and (b) recurring report deadlines written inside one duty of the
 * implementation part: "(báo cáo 6 tháng trước ngày 05/6, báo cáo 9 tháng trước 10/9, báo
 * cáo năm trước ngày 10/11 hằng năm), gửi về UBND phường (qua phòng Văn hóa - Xã hội) …".
 *
 * Responsibility items without a timeframe of their own are not tasks here (the labelled
 * due set lists none of them).
 */
import { cleanDocumentText } from "../../ingest/clean.ts";
import { outlineBlocks, type HeadingBlock } from "../../ingest/sections.ts";
import { foldCollapsed } from "../../text/vietnamese.ts";
import type { ExtractedTask, Timeframe } from "../types.ts";
import type { TaskExtractor } from "./types.ts";

type Draft = Omit<ExtractedTask, "doc" | "ordinal">;

const finish = (s: string) => s.replace(/[\s.;,:]+$/u, "").trim();
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const bullets = (block: HeadingBlock) => block.lines.filter((l) => /^[-+•]\s*/u.test(l)).map((l) => l.replace(/^[-+•]\s*/u, "").trim());

/** Labelled fields of a content item, keyed by folded label. */
const FIELD = /^(Cơ quan (?:thực hiện|chủ trì|phối hợp)|Đơn vị (?:thực hiện|chủ trì|phối hợp)|Hình thức|Thời gian(?: thực hiện)?|Sản phẩm|Kết quả)\s*:\s*(.+)$/u;

function emptyTimeframe(): Timeframe {
  return { kind: "thuong_xuyen", raw: "", year: null, quarters: [], month: null, day: null, fromYear: null, toYear: null };
}

/** The undated and quarter timeframes these plans write in a "Thời gian thực hiện" field. */
function fieldTimeframe(raw: string, from: number, to: number | null): Timeframe {
  const tf: Timeframe = { ...emptyTimeframe(), raw, fromYear: from, toYear: to };
  const f = foldCollapsed(raw);
  const quarter = raw.match(/Quý\s+(I{1,3}|IV)\s*\/\s*(\d{4})/u);
  if (quarter) {
    const q = ["I", "II", "III", "IV"].indexOf(quarter[1]!) + 1;
    return { ...tf, kind: /thuong xuyen/u.test(f) ? "bat_dau_thuong_xuyen" : "quy_cu_the", year: Number(quarter[2]), quarters: [q], fromYear: null, toYear: null };
  }
  if (/^hang nam\b/u.test(f)) return { ...tf, kind: "hang_nam" };
  if (/ky hop/u.test(f)) return { ...tf, kind: "theo_ky_hop" };
  if (/tien do cua (?:trung uong|thanh pho|cap tren)/u.test(f)) return { ...tf, kind: "theo_tien_do_cap_tren" };
  // "Thường xuyên" and anything else without a date: an ongoing duty.
  return { ...tf, kind: "thuong_xuyen" };
}

/**
 * (a) A content heading whose dash items carry labelled fields: the first unlabelled item is
 * the task. Its accompanying "gắn với …" clause is left to the section text, as in the labels.
 */
function fieldTask(block: HeadingBlock, from: number, to: number | null): Draft | null {
  const items = bullets(block);
  const fields = new Map<string, string>();
  let task: string | null = null;
  for (const item of items) {
    const m = item.match(FIELD);
    if (m) fields.set(foldCollapsed(m[1]!).replace(/^don vi/u, "co quan").replace(/^thoi gian$/u, "thoi gian thuc hien"), finish(m[2]!));
    else task ??= item;
  }
  const when = fields.get("thoi gian thuc hien");
  if (!task || !when) return null;
  return {
    section: block.path,
    task: finish(task.replace(/\s+gắn với\s.*$/u, "")),
    lead: fields.get("co quan thuc hien") ?? fields.get("co quan chu tri") ?? null,
    partners: fields.get("co quan phoi hop") ?? null,
    leader: null,
    output: fields.get("san pham") ?? fields.get("ket qua") ?? null,
    timeframe: fieldTimeframe(capitalize(when), from, to),
  };
}

/** "báo cáo 9 tháng trước 10/9", "báo cáo năm trước ngày 10/11". */
const DEADLINE = /báo cáo\s+(\d+\s+tháng(?:\s+đầu năm)?|năm|quý\s+[IV]+)\s+(trước(?:\s+ngày)?\s+(\d{1,2})\s*\/\s*(\d{1,2}))/giu;
/** Frequency words left at the end of the report's subject: "… ở cơ sở 6 tháng, hằng năm theo quy định". */
const TRAILING_FREQUENCY = /(?:\s+|,\s*)(?:\d+\s+tháng|hằng năm|hàng năm|hằng quý|định kỳ)(?:(?:\s*,\s*|\s+(?:và|hoặc)\s+|\s+)(?:\d+\s+tháng|hằng năm|hàng năm|hằng quý))*(?:\s+theo quy định)?$/u;

/** Body responsible for a heading such as "1. Các cơ quan, đơn vị thuộc phường có trách nhiệm triển khai…". */
function headingLead(heading: string | undefined): string | null {
  if (!heading) return null;
  const body = heading.replace(/^\d+(?:\.\d+)*\.\s*/u, "").replace(/^Đề nghị\s+/u, "");
  const m = body.match(/^(.+?)\s+(?:có trách nhiệm|chịu trách nhiệm|chủ trì)\b/u);
  return m ? m[1]! : body.length <= 80 ? finish(body) : null;
}

/** (b) One task per report deadline listed in a dash item. */
function reportTasks(block: HeadingBlock, from: number, to: number | null): Draft[] {
  const drafts: Draft[] = [];
  for (const item of bullets(block)) {
    const deadlines = [...item.matchAll(DEADLINE)];
    if (deadlines.length === 0) continue;
    const first = deadlines[0]!.index!;
    const open = item.lastIndexOf("(", first);
    const subject = finish(item.slice(0, open >= 0 ? open : first))
      .replace(/^Định kỳ\s+/u, "")
      .replace(TRAILING_FREQUENCY, "");
    const close = item.indexOf(")", deadlines[deadlines.length - 1]!.index!);
    const after = close >= 0 ? item.slice(close + 1) : "";
    const sendTo = after.match(/gửi\s+(?:về\s+)?\S.*$/u);
    for (const d of deadlines) {
      const period = d[1]!.replace(/\s+/g, " ");
      const month = Number(d[4]);
      drafts.push({
        section: block.path,
        task: `Báo cáo ${period}: ${lowerFirst(subject)}`,
        lead: headingLead(block.headings[block.headings.length - 1]),
        partners: null,
        leader: null,
        // Where the report goes: UBND phường via its office, which consolidates it upwards.
        output: sendTo ? `Báo cáo ${finish(sendTo[0])}` : null,
        timeframe: {
          kind: "han_bao_cao",
          raw: d[2]!.replace(/\s+/g, " "),
          year: null,
          quarters: [Math.ceil(month / 3)],
          month,
          day: Number(d[3]),
          fromYear: from,
          toYear: to,
        },
      });
    }
  }
  return drafts;
}

export const extractReportDeadlines: TaskExtractor = ({ entry, text }) => {
  const { from, to } = entry.term;
  const drafts: Draft[] = [];
  for (const block of outlineBlocks(cleanDocumentText(text), entry.title)) {
    if (block.headings.length === 0 || /^(?:noi nhan|phu luc)/u.test(foldCollapsed(block.headings[0]!))) continue;
    const field = fieldTask(block, from, to);
    if (field) drafts.push(field);
    drafts.push(...reportTasks(block, from, to));
  }
  return drafts.map((d, ordinal) => ({ doc: entry.file, ordinal, ...d }));
};
