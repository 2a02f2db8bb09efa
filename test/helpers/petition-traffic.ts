/**
 * Synthetic petition traffic for the crash test, the load benchmark and the fault tests:
 * seeded, varied Vietnamese petitions that always name a place and are long enough that
 * the conversation core files each one as a new petition (never as the answer to a
 * "where is it?" question), and helpers to read the recorded Bot API traffic back.
 */
import type { RecordedRequest } from "./fake-telegram.ts";

/** mulberry32: small deterministic PRNG (runs are reproducible with --seed). */
export { mulberry32 as seededRandom } from "../../bot/util/random.ts";

const PROBLEMS = [
  "đèn chiếu sáng công cộng bị hỏng đã hơn hai tuần, buổi tối rất tối, người dân đi lại nguy hiểm",
  "mặt đường bị sụt lún và có nhiều ổ gà lớn, xe máy đi qua thường xuyên bị ngã",
  "rác thải sinh hoạt tập kết bừa bãi không được thu gom nhiều ngày, bốc mùi hôi thối",
  "cống thoát nước bị tắc, mỗi khi mưa to nước ngập sâu vào nhà dân",
  "nắp hố ga bị vỡ chưa được thay, rất nguy hiểm cho trẻ em và người đi bộ",
  "một số hộ kinh doanh lấn chiếm vỉa hè để bán hàng và để xe, người đi bộ phải đi xuống lòng đường",
  "quán karaoke hát to sau 23 giờ đêm gây mất trật tự, ảnh hưởng giấc ngủ của người dân",
  "cây xanh bị sâu mục, cành lớn có nguy cơ gãy đổ vào nhà dân khi có gió bão",
  "công trình xây dựng để vật liệu tràn ra đường và không che chắn, bụi bẩn rất nhiều",
  "nước thải từ cơ sở sản xuất xả thẳng ra mương gây ô nhiễm và bốc mùi khó chịu",
  "đường ống nước sạch bị vỡ, nước chảy lênh láng ra đường nhiều ngày chưa được sửa",
  "biển báo giao thông bị đổ và che khuất tại ngã ba, nhiều vụ va chạm đã xảy ra",
];

const STREETS = ["Hoa Lâm", "Phúc Lợi", "Lâm Du", "Thạch Bàn", "Việt Hưng", "Long Biên", "Ngọc Thụy", "Gia Quất", "Đức Giang", "Sài Đồng", "Bồ Đề", "Nguyễn Văn Cừ"];

/** One petition text: problem + a precise place (ngõ, phố, tổ dân phố) + a request. */
export function petitionText(rand: () => number, tag?: string): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lane = 1 + Math.floor(rand() * 400);
  const group = 1 + Math.floor(rand() * 40);
  const place = `ngõ ${lane} phố ${pick(STREETS)}, tổ dân phố ${group}`;
  const suffix = tag ? ` (${tag})` : "";
  return `Kính gửi HĐND phường, tại ${place}, ${pick(PROBLEMS)}. Đề nghị phường kiểm tra và xử lý sớm${suffix}.`;
}

/** `n` distinct picks from `xs` (all of them, shuffled, when n ≥ its length; then repeats). */
function distinct<T>(rand: () => number, xs: readonly T[], n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const pool = [...xs];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    out.push(...pool.slice(0, n - out.length));
  }
  return out;
}

/**
 * One voter's `n` petitions, each a problem of its own as real distinct petitions are: a
 * different kind where possible, and always a different place (street, lane and group
 * numbers none of the voter's other places share). Consecutive messages about the same
 * kind at the same place would rightly be read as a supplement, or asked about
 * ("Bổ sung cho KN-… hay kiến nghị mới?"), which is not what a load test of filing means.
 */
export function voterPetitionTexts(rand: () => number, n: number, tag?: (i: number) => string): string[] {
  const problems = distinct(rand, PROBLEMS, n);
  const streets = distinct(rand, STREETS, n);
  // Lane and group numbers are drawn from disjoint ranges, so no number repeats across places.
  const lanes = distinct(rand, Array.from({ length: 400 }, (_, i) => i + 41), n);
  const groups = distinct(rand, Array.from({ length: 40 }, (_, i) => i + 1), n);
  return problems.map((problem, i) => {
    const place = `ngõ ${lanes[i]} phố ${streets[i]}, tổ dân phố ${groups[i]}`;
    const suffix = tag ? ` (${tag(i)})` : "";
    return `Kính gửi HĐND phường, tại ${place}, ${problem}. Đề nghị phường kiểm tra và xử lý sớm${suffix}.`;
  });
}

/** Text of a sendMessage request ("" for other methods). */
export function sentText(r: RecordedRequest): string {
  return typeof r.body.text === "string" ? r.body.text : "";
}

export const CODE_RE = /KN-\d{4}-\d{6,}/;

/** The acknowledgement the conversation core sends right after filing (petitionTexts.received). */
export function isAckText(text: string): boolean {
  return text.startsWith("Đã tiếp nhận kiến nghị") && CODE_RE.test(text);
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A text message in a private chat, as Telegram posts it to a webhook. */
export interface TextUpdate {
  update_id: number;
  message: Record<string, unknown>;
}

export function privateTextUpdate(ids: { updateId: number; messageId: number }, chatId: number, firstName: string, text: string): TextUpdate {
  const person = { first_name: firstName };
  return {
    update_id: ids.updateId,
    message: {
      message_id: ids.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", ...person },
      from: { id: chatId, is_bot: false, ...person },
      text,
    },
  };
}

/** Posts `update` to a bot's webhook (with Telegram's secret-token header); resolves with the HTTP status. */
export async function postWebhook(url: string, secret: string, update: TextUpdate): Promise<number> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await r.arrayBuffer();
  return r.status;
}
