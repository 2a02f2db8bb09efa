/**
 * Vietnam wall-clock formats of lib/time.ts (the web pages and Open311 use them), and the
 * day bounds of the staff queue's date filter.
 */
import { describe, expect, it } from "vitest";
import { formatDateTimeVi, isoDay, w3cDateTimeVi } from "../../lib/time.ts";
import { vnDayStart } from "../../web/routes/staff/queue.ts";
import { dateFromIso } from "../../rag/dates/period.ts";

describe("Vietnam wall clock", () => {
  it("formats date and time in UTC+7 across midnight UTC", () => {
    const late = new Date("2026-11-23T20:05:00.000Z"); // 03:05 on 24 Nov in Hà Nội
    expect(formatDateTimeVi(late)).toBe("24/11/2026 03:05");
    expect(isoDay(late)).toBe("2026-11-24");
    expect(w3cDateTimeVi(late)).toBe("2026-11-24T03:05:00+07:00");
    expect(w3cDateTimeVi(new Date("2026-11-23T03:15:09.999Z"))).toBe("2026-11-23T10:15:09+07:00");
  });

  it("the queue filter's day bounds start at midnight in Vietnam, and the day after rolls over the month", () => {
    expect(vnDayStart("2026-11-30")?.toISOString()).toBe("2026-11-29T17:00:00.000Z");
    expect(vnDayStart("2026-11-30", 1)?.toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(vnDayStart("2026-12-31", 1)?.toISOString()).toBe("2026-12-31T17:00:00.000Z");
    expect(vnDayStart(undefined)).toBeNull();
  });

  it("dateFromIso is noon in Vietnam on that day", () => {
    expect(dateFromIso("2026-05-10")?.toISOString()).toBe("2026-05-10T05:00:00.000Z");
    expect(dateFromIso("2026-02-30")).toBeNull();
  });
});
