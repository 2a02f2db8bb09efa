/**
 * One catalogue of coded domain errors. Services throw `DomainError`; the chat layer
 * shows `message` (Vietnamese, safe for voters) and logs `code` and `details`.
 */

export const ERRORS = {
  PETITION_NOT_FOUND: "Không tìm thấy kiến nghị. Ông/Bà vui lòng kiểm tra lại mã kiến nghị (dạng KN-2026-000123).",
  INBOUND_NOT_FOUND: "Không tìm thấy tin nhắn gốc của kiến nghị.",
  FORBIDDEN: "Ông/Bà không có quyền thực hiện thao tác này.",
  INVALID_TRANSITION: "Không thể chuyển kiến nghị sang trạng thái này từ trạng thái hiện tại.",
  REASON_REQUIRED: "Vui lòng nêu lý do cho thao tác này.",
  INVALID_RATING: "Điểm đánh giá phải là số nguyên từ 1 đến 5.",
  RATING_NOT_ALLOWED: "Chỉ có thể đánh giá khi kiến nghị đã được giải quyết.",
  ALREADY_RATED: "Ông/Bà đã đánh giá kết quả giải quyết kiến nghị này. Xin cảm ơn.",
  REOPEN_NOT_ALLOWED: "Chỉ có thể phản hồi “chưa được giải quyết” khi kiến nghị đã có kết quả.",
  PETITION_CLOSED: "Kiến nghị này đã kết thúc xử lý nên không thể bổ sung thông tin.",
  INVALID_CATEGORY: "Lĩnh vực không hợp lệ.",
  UNIT_NOT_FOUND: "Không tìm thấy đơn vị xử lý.",
  UNIT_REQUIRED: "Cần giao đơn vị xử lý trước khi chuyển trạng thái này.",
  DUPLICATE_TARGET_REQUIRED: "Cần cho biết kiến nghị gốc mà kiến nghị này trùng lặp.",
  INVALID_MERGE: "Không thể gộp hai kiến nghị này.",
  EMPTY_TEXT: "Nội dung kiến nghị đang trống. Ông/Bà vui lòng nhập nội dung.",
  INVALID_LOCATION: "Địa điểm chưa hợp lệ. Ông/Bà vui lòng nêu số nhà, tên đường hoặc tổ dân phố.",
  INVALID_DATE_RANGE: "Khoảng thời gian không hợp lệ (định dạng YYYY-MM-DD, ngày bắt đầu không sau ngày kết thúc).",
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable context for logs; never shown to voters. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, details?: Record<string, unknown>, message: string = ERRORS[code]) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

/** Builds the catalogued error for `code`. */
export function domainError(code: ErrorCode, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, details);
}

export function isDomainError(err: unknown, code?: ErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}
