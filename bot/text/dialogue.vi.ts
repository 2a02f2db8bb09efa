/** Vietnamese texts of the voter dialogue: drafts, supplements, follow-ups, splits, ratings, floods. */
import { formatClockVi } from "../../lib/time.ts";

export const dialogueTexts = {
  /** A message with no problem in it: ask what the problem is (once per draft). */
  askProblem: (place: string | null) =>
    (place ? `Dạ, đã ghi nhận địa điểm “${place}”. ` : "Dạ, Trợ lý HĐND xin nghe. ") +
    "Ông/Bà vui lòng cho biết vấn đề cần phản ánh (ví dụ: đèn đường hỏng, cống tắc, rác tồn đọng…) để tôi ghi thành kiến nghị.",
  /** Later pieces of the same draft. */
  draftMore: (place: string | null) =>
    place ? `Dạ, đã ghi nhận địa điểm “${place}”. Ông/Bà nhắn tiếp nội dung cần phản ánh nhé.` : "Dạ, Ông/Bà cứ nhắn tiếp nội dung cần phản ánh nhé.",
  withdrawNoted: (code: string) =>
    `Đã ghi nhận đề nghị của Ông/Bà về kiến nghị ${code} và chuyển cán bộ phụ trách; cán bộ sẽ xác nhận và đóng kiến nghị nếu vấn đề đã được khắc phục.`,
  nothingToRate: "Hiện Ông/Bà không có kiến nghị nào đang chờ đánh giá. Khi kiến nghị được giải quyết, tôi sẽ mời Ông/Bà đánh giá từ 1 đến 5.",
  supplemented: (code: string, status: string) => `Đã bổ sung thông tin vào kiến nghị ${code} (hiện ${status.toLowerCase()}). Cảm ơn Ông/Bà.`,
  followedUp: (code: string, status: string) =>
    `Đã ghi nhận phản ánh tiếp của Ông/Bà vào kiến nghị ${code} (hiện ${status.toLowerCase()}) và báo cán bộ phụ trách. Ông/Bà không cần gửi kiến nghị mới.`,
  photoAdded: (code: string) => `Đã đính kèm ảnh vào kiến nghị ${code}. Cảm ơn Ông/Bà.`,
  attachOrNew: (code: string, what: string) => `Nội dung này là bổ sung cho kiến nghị ${code} (${what}) hay là một kiến nghị mới?`,
  attachButton: (code: string) => `Bổ sung cho ${code}`,
  newButton: "Kiến nghị mới",
  choiceExpired: "Lựa chọn này không còn hiệu lực. Ông/Bà vui lòng nhắn lại nội dung.",
  /** One message, two problems: both filed, with a way back. */
  splitFiled: (codes: string[], parts: string[]) =>
    `Tin nhắn của Ông/Bà nêu ${codes.length} vấn đề, đã ghi thành ${codes.length} kiến nghị riêng để chuyển đúng nơi xử lý:\n` +
    codes.map((c, i) => `• ${c}: ${parts[i]!.length > 90 ? `${parts[i]!.slice(0, 87)}…` : parts[i]}`).join("\n") +
    "\nNếu đây thực ra là một vấn đề, Ông/Bà bấm nút bên dưới để gộp lại.",
  mergeButton: "Gộp thành một kiến nghị",
  merged: (kept: string, merged: string) => `Đã gộp ${merged} vào ${kept}. Ông/Bà theo dõi kiến nghị ${kept}.`,
  /** The place prompt is still open, but this message was about something else. */
  placeStillNeeded: (code: string) => `(Khi tiện, Ông/Bà nhắn giúp địa điểm của kiến nghị ${code}.)`,
  /** Ratings. */
  ratingAgain: (code: string) => `Ông/Bà vui lòng chấm điểm kết quả giải quyết kiến nghị ${code}: bấm một số từ 1 (không hài lòng) đến 5 (rất hài lòng), hoặc nhắn “chưa xong” nếu vấn đề vẫn còn.`,
  /** The flood limit: the message is kept and handled when the window allows. */
  deferred: (at: Date) => `Ông/Bà đang gửi nhiều tin nhắn liên tiếp. Các tin đã được lưu lại và sẽ được xử lý lần lượt sau ${formatClockVi(at).slice(0, 5)}; Ông/Bà không cần gửi lại.`,
  /** Delegates and staff: free text is not filed. */
  notFiledForOfficials: "Tin nhắn của đại biểu/cán bộ không được ghi thành kiến nghị. Để ghi kiến nghị thay cử tri (ví dụ tại buổi tiếp xúc cử tri), dùng: /kiennghi <nội dung, địa điểm, tên và số điện thoại cử tri nếu cử tri đồng ý>.",
  collected: (code: string) => `Đã ghi kiến nghị thay cử tri. Mã theo dõi: ${code}. Thông báo về kiến nghị này sẽ được gửi cho anh/chị để chuyển lại cử tri.`,
  officialNoted: "Dạ. Anh/chị có thể hỏi về kế hoạch, chương trình công tác (ví dụ: “quý này có những việc gì?”), hoặc gõ /giup để xem các lệnh.",
  collectUsage: "Cách dùng: /kiennghi <nội dung kiến nghị của cử tri, địa điểm>",
} as const;
