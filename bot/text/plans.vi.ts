/** Vietnamese texts about plan tasks in the chat: overdue lists and progress reports. */
import type { PlanTask } from "../../rag/knowledge/plan-task.ts";

const line = (t: PlanTask, i: number, progress: string | null) =>
  `${i + 1}. ${t.task.replace(/[.;:\s]+$/u, "")} (${t.when}; chủ trì: ${t.lead ?? "chưa rõ"}) — ${progress ?? "chưa cập nhật tiến độ"}`;

export const planTexts = {
  noneOverdue: (ward: string | null) => `Không có nhiệm vụ nào quá hạn${ward ? ` trong kế hoạch của ${ward}` : ""} theo tiến độ đã cập nhật.`,
  overdueList: (ward: string | null, total: number, items: { task: PlanTask; progress: string | null }[]) =>
    [
      `Có ${total} nhiệm vụ đã quá thời hạn mà chưa được báo hoàn thành${ward ? ` (kế hoạch của ${ward})` : ""}:`,
      ...items.map((x, i) => line(x.task, i, x.progress)),
      total > items.length ? `… và ${total - items.length} nhiệm vụ khác.` : null,
      "Cập nhật tiến độ: /tiendo <số> hoan thanh | dang thuc hien | chua bat dau [ghi chú]",
    ]
      .filter(Boolean)
      .join("\n"),
  progressUsage: "Cách dùng: /tiendo <số thứ tự trong danh sách vừa xem> <hoàn thành | đang thực hiện | chưa bắt đầu> [ghi chú]. Ví dụ: /tiendo 2 dang thuc hien Đã họp triển khai ngày 10/11.",
  progressUnknownTask: (ref: string) => `Không tìm thấy nhiệm vụ “${ref}”. Hãy xem danh sách trước (ví dụ hỏi “việc nào quá hạn?” hoặc /viecquynay) rồi dùng số thứ tự.`,
  progressNotAllowed: "Chỉ đại biểu và cán bộ được cập nhật tiến độ nhiệm vụ.",
  progressNotYours: "Đại biểu chỉ cập nhật tiến độ các nhiệm vụ do HĐND, Thường trực hoặc các Ban HĐND chủ trì, phối hợp; nhiệm vụ này do đơn vị khác phụ trách, xin báo Văn phòng HĐND&UBND cập nhật.",
  progressSaved: (task: string, label: string, note: string | null) => `Đã cập nhật tiến độ “${task.length > 90 ? `${task.slice(0, 87)}…` : task}”: ${label}${note ? ` (${note})` : ""}.`,
} as const;
