/** Vietnamese texts shown by the transports themselves (not by the conversation core). */

export const transportTexts = {
  /** Shown when handling one update failed; the bot keeps running. */
  apology: "Xin lỗi, hệ thống đang gặp sự cố, vui lòng thử lại sau.",
  /** Heading of numbered choices on transports without buttons (Zalo). */
  choicesHeading: "Trả lời số:",
  /** Console labels for roles, shown in the prompt. */
  roleLabels: { voter: "cử tri", delegate: "đại biểu", staff: "cán bộ", admin: "quản trị" },
  consoleHelp: [
    "Lệnh của cửa sổ trò chuyện (không gửi tới trợ lý):",
    "  /user <mã>            đổi người đang nói (ví dụ /user 0901)",
    "  /vai cutri|daibieu|canbo|quantri   đổi vai (hoặc /role voter|delegate|staff|admin)",
    "  /1, #1                bấm nút số 1 (các nút được đánh số liên tục trong một lượt trả lời)",
    "  /cho 10p | 2h | 3d    cho thời gian trôi qua (phút, giờ, ngày) để xem điều gì xảy ra sau đó",
    "  /thoat, /quit         thoát",
    "  /lenh                 xem hướng dẫn này; /giup: các lệnh của trợ lý theo vai",
    "Dòng bắt đầu bằng \"# \" (dấu thăng và khoảng trắng) được bỏ qua khi đọc từ tệp.",
  ].join("\n"),
  consoleUserSwitched: (user: string, role: string) => `Đang nói với tư cách ${role} ${user}.`,
  consoleUserMissing: "Vui lòng nhập mã người dùng, ví dụ: /user 0901",
  consoleRoleUnknown: "Vai không hợp lệ. Dùng: /vai cutri|daibieu|canbo|quantri",
  consoleRoleSet: (user: string, role: string) => `Đã đặt vai ${role} cho ${user}.`,
  consoleRoleUnsupported: "Cửa sổ này không hỗ trợ đổi vai.",
  consoleNoButton: (n: number) => `Câu trả lời gần nhất không có nút số ${n}.`,
  consoleEdited: "(cập nhật)",
  consoleNotificationTo: (user: string) => `[tới ${user}]`,
  consoleBye: "Tạm biệt.",
  consoleWaitUsage: "Cách dùng: /cho 10p | 2h | 3d (phút, giờ, ngày; tối đa 400 ngày).",
  consoleWaited: (what: string, now: string) => `⏳ Đã chờ ${what}. Bây giờ là ${now}.`,
  consoleWaitUnsupported: "Cửa sổ này không hỗ trợ /cho.",
  consoleFileSaved: (file: string) => `📎 Đã lưu tệp: ${file}`,
  consoleFileNotSaved: (name: string) => `📎 Tệp ${name} (không lưu được trong cửa sổ này).`,
  /** Sent when someone follows the ward's Zalo Official Account. */
  zaloOaWelcome: (ward: string) =>
    `Cảm ơn Ông/Bà đã quan tâm Trợ lý HĐND phường ${ward}.\n` +
    "• Cử tri: nhắn kiến nghị, phản ánh về khu dân cư (có thể gửi kèm ảnh và vị trí); trợ lý ghi nhận ngay, trả mã theo dõi (ví dụ KN-2026-000123) và báo khi cán bộ xử lý.\n" +
    "• Gửi mã theo dõi để hỏi tình trạng xử lý kiến nghị.\n" +
    "• Đại biểu HĐND: hỏi về kế hoạch, nhiệm vụ và thời hạn của HĐND phường.\n" +
    "Ông/Bà cứ nhắn nội dung cần phản ánh để bắt đầu.",
} as const;
