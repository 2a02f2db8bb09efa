/**
 * Vietnamese texts of the conversation core (guides, prompts, staff review). Petition
 * notifications live in petitions.vi.ts; both are plain data so wording can be reviewed.
 */
import type { Role } from "../core/types.ts";

export const conversationTexts = {
  welcome: (role: Role) =>
    [
      "Xin chào! Tôi là Trợ lý HĐND phường.",
      "• Gửi kiến nghị, phản ánh: Ông/Bà cứ nhắn nội dung và địa điểm, ví dụ “Đèn đường ngõ 12 phố Hoa Lâm hỏng 1 tuần nay”.",
      "• Hỏi tình trạng: /trangthai KN-2026-000123 hoặc nhắn “kiến nghị của tôi thế nào rồi?”.",
      "• Hỏi về kế hoạch, chương trình công tác của HĐND: ví dụ “ai chủ trì giám sát đất đai?”.",
      role === "delegate" || role === "staff" || role === "admin"
        ? "• Đại biểu: /viecquynay, /viecthangnay (việc đến hạn), /quahan (việc quá hạn), /tiendo (cập nhật tiến độ), /kiennghi (ghi kiến nghị thay cử tri), /tonghop."
        : null,
      role === "staff" || role === "admin"
        ? "• Cán bộ: /hangdoi (kiến nghị chờ xem xét), /capnhat KN-… <trạng thái> <trả lời>, /phancong KN-… <đơn vị>, /baocao [từ ngày] [đến ngày]."
        : null,
      "Gõ /giup để xem đủ các lệnh.",
    ]
      .filter(Boolean)
      .join("\n"),

  offTopic:
    "Tôi chưa hiểu ý Ông/Bà. Tôi có thể tiếp nhận kiến nghị, phản ánh (hãy nêu vấn đề và địa điểm), tra cứu tình trạng kiến nghị (gửi mã KN-…), và trả lời câu hỏi về kế hoạch của HĐND. Gõ /giup để xem hướng dẫn.",
  thanks: "Dạ, cảm ơn Ông/Bà. Khi cần, Ông/Bà cứ nhắn cho Trợ lý HĐND.",
  empty: "Tin nhắn chưa có nội dung chữ. Ông/Bà vui lòng nhập nội dung kiến nghị hoặc câu hỏi.",
  stickerOnly: "Cảm ơn Ông/Bà! Nếu có kiến nghị, Ông/Bà vui lòng nhắn nội dung bằng chữ (có thể kèm ảnh).",
  voiceOnly: "Cảm ơn Ông/Bà. Trợ lý chưa nghe được tin nhắn thoại; Ông/Bà vui lòng nhắn nội dung bằng chữ (có thể kèm ảnh) để tôi ghi nhận.",
  /** A refused status move: what is allowed from here; a petition without a unit is given one first. */
  invalidTransition: (v: { message: string; code: string | null; from: string; next: string[]; needsUnit: boolean }) =>
    v.needsUnit
      ? `${v.code ?? "Kiến nghị này"} chưa được giao đơn vị xử lý (hiện: ${v.from}). Hãy giao đơn vị trước — /phancong ${v.code ?? "<mã>"} <tên đơn vị> hoặc nút “Giao đơn vị” — rồi cập nhật trạng thái.`
      : `${v.message} Trạng thái hiện tại: ${v.from}.${v.next.length ? ` Có thể chuyển sang: ${v.next.join(", ")}.` : ""}`,
  photoHowTo:
    "Ông/Bà bấm biểu tượng ảnh (hoặc kẹp giấy) cạnh ô nhập tin trong khung chat, chọn ảnh rồi gửi. Ảnh gửi ngay sau kiến nghị được đính kèm vào kiến nghị đó; ảnh gửi trước thì đính kèm vào kiến nghị Ông/Bà nhắn tiếp theo.",
  photoNeedsText: "Đã nhận ảnh. Ông/Bà vui lòng nhắn thêm nội dung phản ánh và địa điểm để tôi tạo kiến nghị (ảnh sẽ được đính kèm).",
  tooLong: (max: number) =>
    `Tin nhắn dài quá ${max} ký tự nên chưa thể tạo kiến nghị. Tin nhắn đã được lưu lại; Ông/Bà vui lòng tóm tắt nội dung chính và gửi lại.`,
  rateLimited: "Ông/Bà đang gửi nhiều tin nhắn liên tiếp. Vui lòng chờ một chút rồi gửi tiếp, các tin đã gửi vẫn được lưu lại.",
  unknownCommand: "Lệnh không có trong danh sách. Gõ /giup để xem các lệnh.",
  foreignButton: "Nút bấm này không dành cho tài khoản của Ông/Bà hoặc đã hết hiệu lực, nên không được thực hiện. Ông/Bà có thể nhắn nội dung bằng chữ.",
  notAllowed: "Chức năng này chỉ dành cho đại biểu hoặc cán bộ được cấp quyền.",
  needsRole: (role: string) => `Lệnh này chỉ dành cho ${role}. Nếu Ông/Bà là ${role}, xin liên hệ Văn phòng HĐND&UBND để được cấp quyền.`,
  urgentAck: "Nội dung có dấu hiệu khẩn cấp; cán bộ trực đã được báo ngay. Nếu có nguy hiểm trực tiếp, xin gọi 113/114/115.",
  // No staff account or staff group exists yet (a new set-up): the petition is still urgent.
  urgentAckNoStaff: "Nội dung có dấu hiệu khẩn cấp; kiến nghị được đánh dấu khẩn và xếp đầu hàng chờ xử lý. Nếu có nguy hiểm trực tiếp, xin gọi ngay 113/114/115.",
  internalError: "Xin lỗi, hệ thống đang gặp sự cố khi xử lý tin nhắn này. Tin nhắn đã được lưu lại và sẽ được xử lý; Ông/Bà không cần gửi lại.",

  noPetitions: "Ông/Bà chưa gửi kiến nghị nào. Ông/Bà có thể nhắn nội dung kiến nghị để gửi.",
  askCodeFormat: "Mã kiến nghị có dạng KN-2026-000123. Ông/Bà vui lòng kiểm tra lại.",
  myPetitionsHeader: "Các kiến nghị gần đây của Ông/Bà:",
  locationThanksUnknown: "Cảm ơn Ông/Bà.",
  notFixedNoPetition: "Ông/Bà vui lòng gửi kèm mã kiến nghị (KN-…) chưa được giải quyết để cán bộ mở lại xử lý.",
  classifiedFollowUp: (code: string, categoryLabel: string) => `Kiến nghị ${code} thuộc lĩnh vực: ${categoryLabel}.`,
  ackWithCategory: (ack: string, categoryLabel: string) => `${ack}\nLĩnh vực: ${categoryLabel}.`,

  // Delegates.
  digestHeader: (days: number, total: number) => `Kiến nghị mới trong ${days} ngày qua: ${total}.`,
  digestEmpty: (days: number) => `Không có kiến nghị mới trong ${days} ngày qua.`,

  // Staff.
  queueEmpty: "Không có kiến nghị nào đang chờ xem xét.",
  queueHeader: (total: number, page = 1, pages = 1) =>
    `Có ${total} kiến nghị chờ xem xét (khẩn cấp trước, rồi cũ trước)${pages > 1 ? ` — trang ${page}/${pages}` : ""}:`,
  progressHint: "Cập nhật tiến độ: /tiendo <số> hoan thanh | dang thuc hien | chua bat dau [ghi chú]",
  reviewCard: (v: { code: string; text: string; category: string; confidence: number; source: string; location: string | null; urgent: boolean; suggestedUnit: string | null }) =>
    [
      `${v.urgent ? "🚨 KHẨN — " : ""}Kiến nghị ${v.code}`,
      `Nội dung: ${v.text}`,
      v.source === "staff"
        ? `Lĩnh vực: ${v.category} — cán bộ đã xác nhận`
        : `Lĩnh vực (tự động): ${v.category} — độ tin cậy ${(v.confidence * 100).toFixed(0)}% (${v.source === "llm" ? "LLM" : v.source === "offline" ? "bộ phân loại nội bộ" : v.source})`,
      `Địa điểm: ${v.location ?? "chưa rõ"}`,
      v.suggestedUnit ? `Đơn vị đề xuất: ${v.suggestedUnit}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
  chooseCategory: (code: string) => `Chọn lĩnh vực đúng cho ${code}:`,
  chooseUnit: (code: string) => `Chọn đơn vị xử lý ${code}:`,
  askRejectReason: (code: string) => `Nhập lý do không tiếp nhận ${code} (tin nhắn tiếp theo của anh/chị):`,
  askDuplicateOf: (code: string) => `Nhập mã kiến nghị gốc mà ${code} trùng (ví dụ KN-2026-000012):`,
  publicProgress: (url: string) => `Theo dõi tiến độ công khai: ${url}`,
  voterNotInPlans:
    "Các kế hoạch, chương trình của phường đã nạp không có thông tin trả lời câu hỏi này. Ông/Bà có thể hỏi trực tiếp tại bộ phận Một cửa của phường hoặc Văn phòng HĐND&UBND. Nếu đây là một vấn đề cần phản ánh, Ông/Bà nhắn nội dung và địa điểm để tôi ghi thành kiến nghị.",
  staffDone: (what: string) => `Đã cập nhật: ${what}`,
  duplicateDone: (code: string, original: string) => `${code} — trùng với ${original}; cử tri đã được báo mã kiến nghị gốc.`,
  confirmExpired: "Câu trả lời chờ xác nhận không còn; gõ lại lệnh /capnhat.",
  capnhatUsage:
    "Cách dùng: /capnhat KN-2026-000123 <trạng thái> <trả lời cử tri>. Trạng thái (có dấu hoặc không): đang xử lý, đã giải quyết (hoặc xong), hoàn tất, không tiếp nhận, chuyển cơ quan khác, không giải quyết được. Ví dụ: /capnhat KN-2026-000123 đã giải quyết Ngày 24/11 đã thay bóng đèn.",
  phancongUsage: "Cách dùng: /phancong KN-2026-000123 <tên đơn vị, không dấu cũng được>. Ví dụ: /phancong KN-2026-000123 phong kinh te.",
  reportUsage: "Cách dùng: /baocao [từ ngày YYYY-MM-DD] [đến ngày YYYY-MM-DD]",
  newForReview: (card: string) => `Kiến nghị mới cần xem xét:\n${card}`,
  buttons: {
    confirm: "✅ Xác nhận",
    changeCategory: "✏️ Đổi lĩnh vực",
    assign: "🏢 Giao đơn vị",
    reject: "⛔ Không tiếp nhận",
    duplicate: "🔁 Trùng",
  },
} as const;

/** Staff status words (Vietnamese, folded) → workflow statuses. */
export const STATUS_WORDS: Record<string, string> = {
  dang_xu_ly: "in_progress",
  xu_ly: "in_progress",
  da_giai_quyet: "resolved",
  giai_quyet: "resolved",
  hoan_tat: "closed",
  dong: "closed",
  khong_tiep_nhan: "rejected",
  tu_choi: "rejected",
  trung: "duplicate",
  chuyen_co_quan_khac: "referred",
  chuyen: "referred",
  khong_giai_quyet_duoc: "closed_unresolved",
  da_phan_loai: "classified",
  da_giao: "assigned",
};
