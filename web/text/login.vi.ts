/** Signing in to the staff console with a code sent through the chat. */
export const loginTexts = {
  title: "Đăng nhập cán bộ, đại biểu",
  intro:
    "Không cần mật khẩu. Nhập mã tài khoản chat của Ông/Bà (Telegram: số ID; Zalo: mã người dùng; bảng điều khiển: tên người dùng). Trợ lý sẽ gửi mã đăng nhập vào chính cuộc trò chuyện đó.",
  channel: "Kênh chat",
  channels: { telegram: "Telegram", zalo: "Zalo", console: "Bảng điều khiển (máy chủ)" } as Record<string, string>,
  userId: "Mã tài khoản chat",
  userIdHint: "Ví dụ: 123456789",
  send: "Gửi mã đăng nhập",
  codeTitle: "Nhập mã đăng nhập",
  codeIntro: "Nếu tài khoản có quyền truy cập, Trợ lý vừa gửi một mã gồm 6 chữ số vào cuộc trò chuyện của Ông/Bà. Mã có hiệu lực trong ít phút và chỉ dùng được một lần.",
  code: "Mã đăng nhập",
  codeHint: "6 chữ số",
  verify: "Đăng nhập",
  again: "Gửi lại mã",
  wrongCode: (left: number) => (left > 0 ? `Mã không đúng. Ông/Bà còn ${left} lần thử.` : "Mã không đúng và đã hết lượt thử. Vui lòng yêu cầu mã mới."),
  expired: "Mã đăng nhập đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu mã mới.",
  linkTitle: "Xác nhận đăng nhập",
  linkIntro: "Bấm nút dưới đây để đăng nhập vào trang cán bộ trên trình duyệt này.",
  linkButton: "Đăng nhập",
  linkInvalid: "Liên kết đăng nhập không hợp lệ, đã hết hạn hoặc đã được dùng.",
  required: "Vui lòng nhập mã tài khoản chat.",
  codeRequired: "Vui lòng nhập mã đăng nhập gồm 6 chữ số.",
  errorSummary: "Có lỗi cần sửa",
  /** Sent to the user's own chat through the outbox. */
  chatMessage: (code: string, minutes: number, link: string) =>
    `Mã đăng nhập trang cán bộ Trợ lý HĐND: ${code}\nMã có hiệu lực ${minutes} phút, chỉ dùng một lần. Hoặc mở liên kết: ${link}\nNếu Ông/Bà không yêu cầu đăng nhập, xin bỏ qua tin này.`,
  signOut: "Đăng xuất",
  signedInAs: (who: string, role: string) => `${who} (${role})`,
};
