/**
 * Calendar time in Vietnam (Asia/Ho_Chi_Minh), the one place the bot, the plan answers and
 * the reports turn instants into days, months and years. Formatters are built once: a new
 * Intl.DateTimeFormat per call costs tens of microseconds on the message path.
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const formatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f;
}
const offsetFormatter = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });

export interface LocalDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

/** Calendar date of an instant in Vietnam (or another zone). */
export function localDate(instant: Date, timeZone: string = TIME_ZONE): LocalDate {
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

export function yearInVietnam(instant: Date): number {
  return localDate(instant).year;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** dd/mm/yyyy in Vietnam. */
export function formatDateVi(instant: Date): string {
  const d = localDate(instant);
  return `${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

const timeFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "HH:mm dd/mm/yyyy" in Vietnam: the time first, as chat replies say it ("sau 09:05"). */
export function formatClockVi(instant: Date): string {
  return `${timeFormatter.format(instant)} ${formatDateVi(instant)}`;
}

/** YYYY-MM-DD in Vietnam. */
export function isoDay(instant: Date): string {
  const d = localDate(instant);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** YYYY-MM in Vietnam (report months). */
export function monthKey(instant: Date): string {
  const d = localDate(instant);
  return `${d.year}-${pad(d.month)}`;
}

/** Vietnam's offset from UTC at an instant, in minutes (+420 since 1975). */
function offsetMinutes(instant: Date): number {
  const name = offsetFormatter.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT+07:00";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant a Vietnam calendar day starts; null for a day that does not exist (2026-02-30). */
export function startOfDayVi(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const utcMidnight = Date.UTC(year, month - 1, day);
  return new Date(utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000);
}

/** "2026-05-10" → that day's start in Vietnam; null when malformed or not a real day. */
export function parseIsoDay(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  return m ? startOfDayVi(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The instant moved by Vietnam's offset, so that its UTC fields read as the wall clock in Vietnam. */
function wallClock(instant: Date, minutes = offsetMinutes(instant)): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

/** dd/mm/yyyy hh:mm in Vietnam. */
export function formatDateTimeVi(instant: Date): string {
  const v = wallClock(instant);
  return `${formatDateVi(instant)} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}

/** W3C date-time in Vietnam with its offset: 2026-11-23T10:15:00+07:00. */
export function w3cDateTimeVi(instant: Date): string {
  const minutes = offsetMinutes(instant);
  const abs = Math.abs(minutes);
  return `${wallClock(instant, minutes).toISOString().slice(0, 19)}${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
