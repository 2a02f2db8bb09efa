/** Texts every page shares: the site name, the footer, error pages. */
export const siteTexts = {
  siteName: "Trợ lý HĐND",
  wardTitle: (ward: string) => `HĐND – UBND phường ${ward}`,
  skipToContent: "Bỏ qua, đến nội dung chính",
  footer: "Thông tin kiến nghị được công khai theo Kế hoạch chuyển đổi số của phường. Thông tin cá nhân của cử tri đã được ẩn.",
  /** Staff pages show the voters' own words: the public footer's promise would be false there. */
  footerStaff: "Trang dành cho cán bộ, đại biểu HĐND phường. Nội dung có thể chứa thông tin cá nhân của cử tri: không chia sẻ ra ngoài.",
  notFoundTitle: "Không tìm thấy trang",
  notFound: "Không tìm thấy trang hoặc kiến nghị này. Kiến nghị có thể chưa được công khai.",
  forbiddenTitle: "Không có quyền truy cập",
  forbidden: "Tài khoản của Ông/Bà không có quyền thực hiện thao tác này.",
  csrfTitle: "Phiên làm việc đã hết hạn",
  csrf: "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
  errorTitle: "Đã có lỗi",
  error: "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.",
  tooManyTitle: "Quá nhiều yêu cầu",
  tooMany: "Ông/Bà đã gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.",
  back: "Quay lại",
  dateFormat: "dd/mm/yyyy",
  none: "—",
  yes: "Có",
  no: "Không",
};
