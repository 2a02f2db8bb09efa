/**
 * Vietnamese texts of the petition services: labels, notifications to voters and staff,
 * report headers. Kept in one place so wording can be reviewed without reading code.
 */

/** Status labels shown to voters and staff. */
export const STATUS_LABELS_VI = {
  received: "Đã tiếp nhận",
  needs_review: "Đang chờ cán bộ xem xét",
  classified: "Đã phân loại",
  assigned: "Đã chuyển đơn vị xử lý",
  in_progress: "Đang xử lý",
  resolved: "Đã giải quyết",
  closed: "Đã hoàn tất",
  rejected: "Không tiếp nhận",
  duplicate: "Trùng với kiến nghị đã có",
  referred: "Đã chuyển cơ quan có thẩm quyền",
  closed_unresolved: "Đã khép lại, chưa giải quyết được",
} as const;

/** Category labels, identical to corpus/taxonomy/petition-categories.json. */
export const CATEGORY_LABELS_VI: Record<string, string> = {
  ha_tang: "Hạ tầng, giao thông, điện, nước",
  moi_truong: "Môi trường, vệ sinh",
  dat_dai_xay_dung: "Đất đai, xây dựng, trật tự đô thị",
  an_ninh_trat_tu: "An ninh, trật tự, an toàn giao thông",
  an_sinh_xa_hoi: "An sinh xã hội, chính sách, việc làm",
  y_te: "Y tế, bảo hiểm y tế, an toàn thực phẩm",
  giao_duc: "Giáo dục, đào tạo",
  hanh_chinh: "Thủ tục hành chính, cán bộ, dịch vụ công",
  kinh_te_ngan_sach: "Kinh tế, ngân sách, đầu tư công",
  van_hoa_xa_hoi: "Văn hóa, thể thao, thông tin",
  khac: "Khác",
  chua_phan_loai: "Chưa phân loại",
};

export function categoryLabel(category: string | null | undefined): string {
  if (!category) return CATEGORY_LABELS_VI.chua_phan_loai!;
  return CATEGORY_LABELS_VI[category] ?? category;
}

/** Chat channels as staff read them. */
export const CHANNEL_LABELS_VI: Record<string, string> = {
  telegram: "Telegram",
  zalo: "Zalo (tài khoản cá nhân)",
  zalo_oa: "Zalo OA",
  zalo_bot: "Zalo Bot",
  console: "bảng điều khiển",
  open311: "Open311",
};

/** Why a notification could not be delivered (UndeliverableReason). */
export const UNDELIVERABLE_REASONS_VI: Record<string, string> = {
  outside_window: "cử tri không nhắn tin cho OA trong 7 ngày qua nên Zalo không cho gửi tin tư vấn",
  not_follower: "cử tri không (còn) quan tâm OA",
  refused: "kênh từ chối gửi tin tới người này",
};

/** Who made a change, as a voter may see it (staff identities stay internal). */
export const ACTOR_LABELS_VI = {
  voter: "Cử tri",
  staff: "Cán bộ",
  system: "Hệ thống",
} as const;

import { formatDateVi } from "../../lib/time.ts";
export { formatDateVi };

/** Appends " Lý do: …" / " Ghi chú: …" only when there is something to say. */
function withNote(prefix: string, note: string | null | undefined): string {
  const n = note?.trim();
  if (!n) return "";
  // The note is staff's words; close the sentence so the next one does not run into it.
  return ` ${prefix}: ${n}${/[.!?…]$/u.test(n) ? "" : "."}`;
}

export const petitionTexts = {
  /** Reply right after filing: the code is what the voter keeps. */
  received: (code: string) =>
    `Đã tiếp nhận kiến nghị của Ông/Bà. Mã theo dõi: ${code}. Ông/Bà có thể gửi mã này để hỏi tình trạng xử lý.`,

  askLocation: (code: string) =>
    `Để chuyển kiến nghị ${code} đúng nơi xử lý, Ông/Bà vui lòng cho biết địa điểm cụ thể (số nhà, tên đường, tổ dân phố).`,

  locationSaved: (code: string, location: string) => `Đã ghi nhận địa điểm “${location}” cho kiến nghị ${code}. Xin cảm ơn Ông/Bà.`,

  classified: (code: string, category: string, dueAt: Date | null) =>
    `Kiến nghị ${code} đã được xếp vào lĩnh vực “${categoryLabel(category)}” và sẽ được chuyển đến đơn vị phụ trách.` +
    (dueAt ? ` Hạn xử lý dự kiến: ${formatDateVi(dueAt)}.` : ""),

  needsReview: (code: string) =>
    `Kiến nghị ${code} đang được cán bộ xem xét để chuyển đúng nơi xử lý. Chúng tôi sẽ báo lại Ông/Bà sớm.`,

  categoryChanged: (code: string, category: string) =>
    `Kiến nghị ${code} đã được cán bộ điều chỉnh sang lĩnh vực “${categoryLabel(category)}”.`,

  assigned: (code: string, unitName: string, dueAt: Date | null) =>
    `Kiến nghị ${code} đã được chuyển đến ${unitName} để xử lý.` + (dueAt ? ` Hạn xử lý: ${formatDateVi(dueAt)}.` : ""),

  unitChanged: (code: string, unitName: string) => `Kiến nghị ${code} đã được chuyển sang ${unitName} tiếp tục xử lý.`,

  inProgress: (code: string, unitName: string | null, note: string | null) =>
    `Kiến nghị ${code} đang được ${unitName ?? "đơn vị phụ trách"} xử lý.` + withNote("Ghi chú", note),

  reopened: (code: string) => `Kiến nghị ${code} đã được mở lại và tiếp tục xử lý. Chúng tôi sẽ báo kết quả cho Ông/Bà.`,

  resolved: (code: string, note: string | null) =>
    `Kiến nghị ${code} đã được giải quyết.` +
    withNote("Kết quả", note) +
    ` Ông/Bà vui lòng đánh giá mức độ hài lòng từ 1 (không hài lòng) đến 5 (rất hài lòng). Nếu vấn đề chưa được khắc phục, xin nhắn “chưa xong”.`,

  closed: (code: string) => `Kiến nghị ${code} đã hoàn tất. Cảm ơn Ông/Bà đã đồng hành cùng chính quyền phường.`,

  rejected: (code: string, reason: string | null) =>
    `Rất tiếc, kiến nghị ${code} không được tiếp nhận.` + withNote("Lý do", reason),

  duplicate: (code: string, originalCode: string, originalStatus?: string) =>
    `Nội dung kiến nghị ${code} trùng với kiến nghị ${originalCode} đã được tiếp nhận trước đó` +
    (originalStatus ? ` (hiện ở trạng thái “${originalStatus}”)` : "") +
    `, nên được xử lý cùng kiến nghị đó. Chúng tôi sẽ thông báo cho Ông/Bà khi có kết quả.`,

  referred: (code: string, reason: string | null) =>
    `Kiến nghị ${code} thuộc thẩm quyền của cơ quan khác và đã được chuyển đến nơi có thẩm quyền.` + withNote("Ghi chú", reason),

  closedUnresolved: (code: string, reason: string | null) =>
    `Kiến nghị ${code} đã được khép lại nhưng chưa thể giải quyết.` + withNote("Lý do", reason),

  /** Sent to voters whose petition was linked to `code` as a duplicate. */
  originalUpdated: (ownCode: string, originalCode: string, statusLabel: string, note: string | null) =>
    `Cập nhật cho kiến nghị ${ownCode}: kiến nghị cùng nội dung ${originalCode} hiện ở trạng thái “${statusLabel}”.` +
    withNote("Ghi chú", note),

  ratingThanks: (score: number) =>
    score >= 4 ? "Cảm ơn Ông/Bà đã đánh giá. Ý kiến của Ông/Bà giúp chính quyền phục vụ tốt hơn." : "Cảm ơn Ông/Bà đã đánh giá.",

  ratingReopened: (code: string) =>
    `Cảm ơn Ông/Bà đã phản hồi. Kiến nghị ${code} đã được mở lại và chuyển cán bộ tiếp tục xử lý.`,

  /** To staff (channel "staff") when a voter says the issue is not fixed. */
  staffReopened: (code: string, score: number | null, comment: string | null) =>
    `Kiến nghị ${code} được mở lại: cử tri phản hồi chưa được giải quyết` +
    (score !== null ? ` (đánh giá ${score}/5)` : "") +
    "." +
    withNote("Ý kiến", comment),

  /** To staff when a voter adds to a petition already being handled. */
  staffSupplement: (code: string, text: string) => `Cử tri bổ sung cho kiến nghị ${code}: ${text.length > 400 ? `${text.slice(0, 397)}…` : text}\nXem: /trangthai ${code}`,

  /** To every staff account and the staff group the moment an urgent petition is filed. */
  staffUrgent: (code: string, text: string, location: string | null) =>
    `🚨 KHẨN CẤP — kiến nghị ${code} cần xử lý ngay.\nNội dung: ${text.length > 400 ? `${text.slice(0, 397)}…` : text}` +
    (location ? `\nĐịa điểm: ${location}` : "\nĐịa điểm: chưa rõ (đã hỏi cử tri)") +
    `\nXem: /trangthai ${code}`,

  /**
   * To staff when a notification to a petition's voter cannot be delivered (Zalo OA outside
   * the 7-day window, unfollowed): which petition, why, what the voter missed, and where the
   * voter can still follow it.
   */
  staffUndeliverable: (code: string, channel: string, reason: string, text: string, publicUrl: string | null) =>
    `⚠️ Không gửi được thông báo tới cử tri của kiến nghị ${code} qua ${CHANNEL_LABELS_VI[channel] ?? channel}: ${UNDELIVERABLE_REASONS_VI[reason] ?? reason}.` +
    `\nNội dung chưa gửi được: ${text.length > 300 ? `${text.slice(0, 297)}…` : text}` +
    `\nCử tri vẫn tra cứu được bằng mã ${code}` +
    (publicUrl ? ` hoặc tại trang công khai ${publicUrl}` : " hoặc trên trang công khai") +
    "; nếu cần, xin liên hệ cử tri bằng cách khác." +
    `\nXem: /trangthai ${code}`,

  ratingButtons: ["1", "2", "3", "4", "5"] as const,

  /** Answer to "kiến nghị của tôi thế nào rồi?". */
  statusReply: (v: {
    code: string;
    statusLabel: string;
    categoryLabel: string;
    unitName: string | null;
    dueAt: Date | null;
    duplicateOfCode: string | null;
  }) =>
    [
      `Kiến nghị ${v.code}: ${v.statusLabel}.`,
      `Lĩnh vực: ${v.categoryLabel}.`,
      v.duplicateOfCode ? `Đang được xử lý cùng kiến nghị ${v.duplicateOfCode}.` : null,
      v.unitName ? `Đơn vị xử lý: ${v.unitName}.` : null,
      v.dueAt && !v.duplicateOfCode ? `Hạn xử lý: ${formatDateVi(v.dueAt)}.` : null,
    ]
      .filter(Boolean)
      .join("\n"),

  noPetitionYet: "Ông/Bà chưa gửi kiến nghị nào. Ông/Bà có thể nhắn nội dung kiến nghị để chúng tôi tiếp nhận.",
};

/** Notes written into the status history. */
export const historyNotes = {
  filed: "Tiếp nhận kiến nghị",
  collected: "Đại biểu tiếp nhận tại buổi tiếp xúc cử tri",
  classified: (source: string, confidence: number, suggestedUnit: string | null) =>
    `Phân loại tự động (${source}, độ tin cậy ${confidence.toFixed(2)})` + (suggestedUnit ? `; đơn vị đề xuất: ${suggestedUnit}` : ""),
  lowConfidence: "Cần cán bộ xem xét: độ tin cậy thấp hoặc chưa rõ lĩnh vực",
  duplicateOf: (originalCode: string, score: number) => `Trùng với kiến nghị ${originalCode} (độ tương đồng ${score.toFixed(2)})`,
  possibleDuplicate: (originalCode: string) => `Có thể trùng với kiến nghị ${originalCode}`,
  duplicateManual: (originalCode: string) => `Trùng với kiến nghị ${originalCode}`,
  categoryConfirmed: (category: string) => `Xác nhận lĩnh vực “${categoryLabel(category)}”`,
  categoryCorrected: (from: string, to: string) => `Điều chỉnh lĩnh vực từ “${categoryLabel(from)}” sang “${categoryLabel(to)}”`,
  unitAssigned: (unitName: string) => `Giao ${unitName} xử lý`,
  locationSet: (location: string) => `Cử tri bổ sung địa điểm: ${location}`,
  supplemented: (kind: string, text: string) =>
    `${kind === "follow_up" ? "Cử tri phản ánh tiếp" : kind === "photo" ? "Cử tri gửi thêm ảnh" : "Cử tri bổ sung"}: ${text.length > 300 ? `${text.slice(0, 297)}…` : text}`,
  mergedByVoter: (code: string) => `Cử tri cho biết cùng một vấn đề với kiến nghị ${code}`,
  ratedReopen: (score: number | null, comment: string | null) =>
    "Cử tri phản hồi chưa được giải quyết" + (score !== null ? ` (đánh giá ${score}/5)` : "") + (comment ? `: ${comment}` : ""),
  ratedClose: (score: number) => `Cử tri đánh giá ${score}/5`,
};

/** CSV column headers of the petition report. */
export const REPORT_HEADERS_VI = [
  "Mã kiến nghị",
  "Ngày nhận",
  "Lĩnh vực",
  "Trạng thái",
  "Đơn vị xử lý",
  "Hạn xử lý",
  "Quá hạn",
  "Đánh giá",
  "Khẩn cấp",
  "Địa điểm",
  "Tóm tắt",
] as const;

export const reportTexts = {
  yes: "Có",
  no: "Không",
  noUnit: "Chưa giao",
  title: (from: string, to: string) => `BÁO CÁO KIẾN NGHỊ CỬ TRI từ ${from} đến ${to}`,
  total: (n: number) => `Tổng số kiến nghị tiếp nhận: ${n}`,
  byCategory: "Theo lĩnh vực:",
  byStatus: "Theo trạng thái:",
  byUnit: "Theo đơn vị xử lý:",
  byMonth: "Theo tháng:",
  overdueLine: (code: string, status: string, unitName: string | null, due: string | null) =>
    `${code}: ${status}` + (unitName ? `, ${unitName}` : "") + (due ? `, hạn ${due}` : ""),
  overdue: (n: number) => `Kiến nghị quá hạn hoặc lâu chưa có tiến triển: ${n}`,
  satisfaction: (avg: number | null, n: number) =>
    avg === null ? "Mức độ hài lòng: chưa có đánh giá" : `Mức độ hài lòng trung bình: ${avg.toFixed(2)}/5 (${n} lượt đánh giá)`,
  csvWritten: (file: string, n: number) => `Đã ghi ${n} dòng ra tệp ${file}`,
  csvFolderMissing: (dir: string) => `Lỗi: thư mục "${dir}" không tồn tại; hãy tạo thư mục hoặc chọn đường dẫn khác cho --csv.`,
  csvNotWritten: (file: string, reason: string) => `Lỗi: không ghi được tệp ${file} (${reason}).`,
  usage: "Cách dùng: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--csv tep.csv]",
};
