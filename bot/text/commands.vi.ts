/** Vietnamese texts of the slash commands: help per role, did-you-mean, status words, units, the queue. */
import type { Role } from "../petitions/roles.ts";
import type { ReplyCheck } from "../petitions/reply-quality.ts";

const MISSING: Record<ReplyCheck, string> = {
  action: "việc cụ thể đã/sẽ làm",
  date: "thời gian (ngày hoàn thành hoặc hạn)",
  unit: "đơn vị chịu trách nhiệm",
  evidence: "kết quả đã làm được (bằng chứng)",
};

export const commandTexts = {
  help: {
    giup: "các lệnh Ông/Bà dùng được",
    trangthai: "tình trạng một kiến nghị: /trangthai KN-2026-000123 (không có mã: kiến nghị gần nhất của Ông/Bà)",
    cuatoi: "các kiến nghị của Ông/Bà",
    viecquynay: "nhiệm vụ trong kế hoạch đến hạn quý này",
    viecthangnay: "nhiệm vụ đến hạn tháng này",
    quahan: "nhiệm vụ đã quá hạn mà chưa báo hoàn thành",
    tiendo: "cập nhật tiến độ nhiệm vụ vừa liệt kê: /tiendo 2 dang thuc hien [ghi chú]",
    tonghop: "kiến nghị mới theo lĩnh vực: /tonghop [số ngày, mặc định 7]",
    kiennghi: "ghi kiến nghị thay cử tri (tiếp xúc cử tri): /kiennghi <nội dung, địa điểm>",
    hangdoi: "kiến nghị chờ xem xét, khẩn cấp trước, cũ trước: /hangdoi [trang]",
    capnhat: "cập nhật trạng thái: /capnhat KN-… dang xu ly|da giai quyet|xong|khong tiep nhan|chuyen co quan khac <trả lời cử tri>",
    phancong: "giao đơn vị xử lý: /phancong KN-… phong kinh te (gõ tên đơn vị, không dấu cũng được)",
    baocao: "báo cáo kiến nghị: /baocao [từ YYYY-MM-DD] [đến YYYY-MM-DD] (kèm tệp Excel)",
  },
  helpHeader: (role: string) => `Các lệnh dành cho ${role}:`,
  helpFooter: (role: Role) =>
    role === "voter"
      ? "Ông/Bà cũng có thể nhắn tự nhiên: nội dung kiến nghị và địa điểm, câu hỏi về kế hoạch, hoặc mã KN-… để hỏi tình trạng."
      : "Ngoài lệnh, có thể hỏi tự nhiên về kế hoạch (“quý này có việc gì?”, “việc nào quá hạn?”). Tin nhắn của đại biểu/cán bộ không tự thành kiến nghị.",
  didYouMean: (typed: string, guess: string) => `Không có lệnh “${typed}”. Có phải ý là /${guess}? Gõ /giup để xem các lệnh.`,
  unknownStatus: (typed: string) =>
    `Không nhận ra trạng thái ở đầu “${typed}”. Dùng một trong (có dấu hoặc không dấu): đang xử lý, đã giải quyết (hoặc xong), hoàn tất, không tiếp nhận, chuyển cơ quan khác, không giải quyết được. Ví dụ: /capnhat KN-2026-000123 đang xử lý Đã giao tổ điện kiểm tra.`,
  vagueReply: (missing: ReplyCheck[], vague: boolean) =>
    `⚠️ Câu trả lời này ${vague ? "là câu chung chung, " : ""}còn thiếu: ${missing.map((m) => MISSING[m]).join(", ")}. Cử tri thường không hài lòng với câu trả lời không nói rõ đã làm gì, khi nào, ai làm. Sửa lại bằng /capnhat, hoặc bấm nút dưới đây để vẫn gửi.`,
  sendAnyway: "Vẫn gửi câu trả lời này",
  unitAmbiguous: (typed: string) => `“${typed}” khớp nhiều đơn vị. Chọn đơn vị:`,
  unitUnknown: (typed: string) => `Không tìm thấy đơn vị “${typed}”. Chọn đơn vị:`,
  queuePastEnd: (page: number, pages: number) => `Không có trang ${page}; hàng đợi có ${pages} trang.`,
  queueNext: (page: number) => `Xem tiếp: /hangdoi ${page}`,
} as const;
