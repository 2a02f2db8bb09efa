/**
 * Every petition of the store as records for `npm run export -- petitions` (JSON or CSV):
 * the voter's channel id, texts, classification (and whether staff set it), status with
 * its history, supplements, unit, rating, duplicate link. Read a page at a time.
 */
import { csvCell } from "./reports.ts";
import type { DbClient } from "./types.ts";

export interface ExportedPetition {
  code: string;
  channel: string;
  /** The voter's user id on the channel. */
  voter: string;
  text: string;
  summary: string | null;
  location: string | null;
  category: string;
  categorySource: "auto" | "staff";
  urgency: "urgent" | "normal";
  status: string;
  /** The unit's name, or null before assignment. */
  unit: string | null;
  /** The latest rating, 1–5, or null. */
  rating: number | null;
  createdAt: string;
  duplicateOf: string | null;
  history: { status: string; at: string; actor: string; note: string | null }[];
  supplements: { at: string; text: string }[];
}

const PAGE = 500;

/** Every petition, oldest first. */
export async function exportPetitions(db: DbClient): Promise<ExportedPetition[]> {
  const out: ExportedPetition[] = [];
  for (let afterId = 0; ; ) {
    const page = await db.lists.page(afterId, PAGE);
    if (page.length === 0) return out;
    const ids = page.map((p) => p.id);
    const [histories, supplements, ratings] = await Promise.all([db.petitions.histories(ids), db.petitions.supplements(ids), db.feedback.latestRatings(ids)]);
    for (const p of page) {
      out.push({
        code: p.code,
        channel: p.channel,
        voter: p.voterExternalId,
        text: p.originalText,
        summary: p.summary,
        location: p.location,
        category: p.category,
        categorySource: p.classifierSource === "staff" ? "staff" : "auto",
        urgency: p.urgent ? "urgent" : "normal",
        status: p.status,
        unit: p.unitName,
        rating: ratings.get(p.id) ?? null,
        createdAt: p.createdAt.toISOString(),
        duplicateOf: p.duplicateOfCode,
        history: (histories.get(p.id) ?? []).map((h) => ({ status: h.toStatus, at: h.at.toISOString(), actor: h.actor, note: h.note })),
        supplements: (supplements.get(p.id) ?? []).map((s) => ({ at: s.at.toISOString(), text: s.text })),
      });
    }
    if (page.length < PAGE) return out;
    afterId = page.at(-1)!.id;
  }
}

const CSV_HEADERS = [
  "Mã kiến nghị",
  "Kênh",
  "Người gửi",
  "Nội dung",
  "Tóm tắt",
  "Địa điểm",
  "Lĩnh vực",
  "Nguồn phân loại",
  "Mức độ",
  "Trạng thái",
  "Đơn vị xử lý",
  "Đánh giá",
  "Ngày nhận",
  "Trùng với",
  "Lịch sử",
  "Bổ sung",
];

/** The same records as CSV for Excel (UTF-8 BOM, CRLF); history and supplements joined in one cell each. */
export function exportCsv(rows: readonly ExportedPetition[]): string {
  const lines = [CSV_HEADERS.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.code,
        r.channel,
        r.voter,
        r.text,
        r.summary,
        r.location,
        r.category,
        r.categorySource,
        r.urgency,
        r.status,
        r.unit,
        r.rating,
        r.createdAt,
        r.duplicateOf,
        r.history.map((h) => `${h.at} ${h.status} (${h.actor})${h.note ? `: ${h.note}` : ""}`).join(" | "),
        r.supplements.map((s) => `${s.at}: ${s.text}`).join(" | "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
