/** The petition row every web list is built from (queue, dashboard, public list, Open311). */
import { toBool, toDate, toDateOrNull, toNum, toStr, toStrOrNull, type Raw } from "../rows.ts";

/** What a queue, dashboard or public row is built from. */
export interface WebPetitionRow {
  id: number;
  code: string;
  status: string;
  category: string;
  urgent: boolean;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  summary: string | null;
  originalText: string;
  location: string | null;
  area: string | null;
  unitCode: string | null;
  unitName: string | null;
}

export const ROW_COLUMNS =
  "p.id, p.code, p.status, p.category, p.urgent, p.channel, p.createdAt, p.updatedAt, p.dueAt, p.summary, p.originalText, p.location, p.area, u.code AS unitCode, u.name AS unitName";
export const ROW_FROM = "FROM Petition p LEFT JOIN Unit u ON u.id = p.unitId";

export function webRow(r: Raw): WebPetitionRow {
  return {
    id: toNum(r.id),
    code: toStr(r.code),
    status: toStr(r.status),
    category: toStr(r.category),
    urgent: toBool(r.urgent),
    channel: toStr(r.channel),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
    dueAt: toDateOrNull(r.dueAt),
    summary: toStrOrNull(r.summary),
    originalText: toStr(r.originalText),
    location: toStrOrNull(r.location),
    area: toStrOrNull(r.area),
    unitCode: toStrOrNull(r.unitCode),
    unitName: toStrOrNull(r.unitName),
  };
}
