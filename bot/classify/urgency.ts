/** Urgency of a petition: an explicit rule beside the offline classifier's learned models. */
import { normalizeText } from "./features.ts";

/**
 * Hazards that need someone on site today, matched on normalised folded text.
 * Kept explicit and small so staff can read and extend it.
 */
const URGENT_PATTERNS: RegExp[] = [
  /\bcay\b.{0,30}\b(do|gay|bat goc|nga|sap do|nghieng|de len|de xuong)\b/,
  /\b(canh cay|canh)\b.{0,10}\b(gay|roi)\b/,
  /\bday dien\b.{0,30}\b(dut|roi|ho|toe lua|chap|chay|vong|sat dau|lo)\b/,
  /\b(dien giat|giat dien|toe lua|chap dien|chay no|no binh|ro ri gas|ro gas|mui gas)\b/,
  /\btu dien\b.{0,30}\b(ho|mo|ngam)\b/,
  /\bcot dien\b.{0,30}\b(gay|do|nghieng|nut)\b/,
  /\b(nap cong|nap ho ga|ho ga|nap)\b.{0,25}\b(mat|vo|ho|khong co|bi lay|sut)\b/,
  /\b(khong co nap|mat nap|lo ho|ho sau)\b/,
  /\b(chay nha|dang chay|boc chay|nghi chay|khoi boc|dam chay|hoa hoan|chay lon|chay to|lua boc|cuu hoa)\b/,
  /\b(mac ket|ngat khoi|nguoi bi nan|bi thuong nang|tai nan (nghiem trong|giao thong)|dien giat)\b/,
  /\bnguy co chay\b/,
  /\bngap\b.{0,40}\b(dang len|van dang|nuoc len nhanh|len nhanh|den dau goi|ngang nguc|vao nha)\b/,
  /\b(dang len rat nhanh|so tan|lu quet|sat lo|sap do|sap xuong|sap nha|nut toac)\b/,
  /\b(cam dao|hung khi|dam nguoi|ngao da|de doa)\b/,
  /\b(ngo doc|duoi nuoc|cap cuu|co giat|hon me)\b/,
  /\b(khan cap|cuu voi|cuu cuu|nguy hiem den tinh mang|ngay lap tuc)\b/,
];

/** True when the message describes a hazard that needs action today. */
export function detectUrgency(text: string): boolean {
  const t = normalizeText(text);
  return URGENT_PATTERNS.some((re) => re.test(t));
}
