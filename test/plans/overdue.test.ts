/** Which plan tasks are overdue: past their window and not reported done (or, for ongoing tasks, started). */
import { describe, expect, it } from "vitest";
import { overdueTasks, parseProgress, taskKey } from "../../bot/plans/progress.ts";
import type { PlanTask } from "../../rag/knowledge/plan-task.ts";
import { parseTimeframe } from "../../rag/tasks/timeframe.ts";
import type { TaskProgressRow } from "../../store/repos/plans.ts";

const ctx = { term: { from: 2026, to: 2031 }, docYear: 2026 };
let nextId = 1;
function task(when: string, text = `Nhiệm vụ ${nextId}`): PlanTask {
  const id = nextId++;
  return { id, doc: "plan.txt", docTitle: "Kế hoạch", ward: "Phúc Lợi", issuerBody: "HĐND", ordinal: id, section: "I", task: text, lead: "Văn phòng HĐND&UBND", partners: null, leader: null, output: null, when, timeframe: parseTimeframe(when, ctx) };
}
const progress = (t: PlanTask, status: TaskProgressRow["status"], asOf: string): [number, TaskProgressRow] => [t.id, { taskKey: taskKey(t), status, note: null, asOf, actor: "staff:console:a", at: new Date(`${asOf}T03:00:00Z`) }];
const today = new Date("2026-11-23T02:00:00Z");

describe("overdueTasks", () => {
  it("a task whose quarter has passed is overdue until it is reported done", () => {
    const q1 = task("Quý I/2026");
    const q4 = task("Quý IV/2026");
    expect(overdueTasks([q1, q4], new Map(), today).map((o) => o.task.id)).toEqual([q1.id]);
    expect(overdueTasks([q1], new Map([progress(q1, "in_progress", "2026-02-01")]), today)).toHaveLength(1);
    expect(overdueTasks([q1], new Map([progress(q1, "done", "2026-03-20")]), today)).toHaveLength(0);
  });

  it("a recurring task is judged on its latest occurrence: done last year is not done this year", () => {
    const q2 = task("Quý II hằng năm");
    expect(overdueTasks([q2], new Map([progress(q2, "done", "2025-06-10")]), today)).toHaveLength(1);
    expect(overdueTasks([q2], new Map([progress(q2, "done", "2026-05-10")]), today)).toHaveLength(0);
  });

  it("an ongoing task that starts in a quarter is on time once started", () => {
    const ongoing = task("Thường xuyên (bắt đầu từ Quý I/2026)");
    expect(ongoing.timeframe.kind).toBe("bat_dau_thuong_xuyen");
    expect(overdueTasks([ongoing], new Map(), today)).toHaveLength(1);
    expect(overdueTasks([ongoing], new Map([progress(ongoing, "in_progress", "2026-04-02")]), today)).toHaveLength(0);
  });
});

describe("parseProgress", () => {
  it("reads the status words staff type, with the rest as the note", () => {
    expect(parseProgress("hoan thanh Đã tổ chức xong")).toEqual({ status: "done", rest: "Đã tổ chức xong" });
    expect(parseProgress("đang thực hiện: đã dùng biểu mẫu")).toEqual({ status: "in_progress", rest: "đã dùng biểu mẫu" });
    expect(parseProgress("chưa triển khai")).toMatchObject({ status: "not_started" });
    expect(parseProgress("tạm dừng")).toBeNull();
  });
});
