/**
 * What exactly a question asks for: a column of a plan row (who leads, who partners, which
 * leader, when, what output), a kind of fact (an amount, a count, a percentage, a day, a
 * contact, a place, an outcome, a person's name, a maker or supplier), a whole list, a count of list items, or a
 * comparison. Answers check the evidence against this before saying `found: true`.
 */
import { foldVietnamese } from "../text/vietnamese.ts";

export type Column = "lead" | "partners" | "leader" | "when" | "output";

export type FactKind = "amount" | "count" | "percent" | "day" | "contact" | "place" | "outcome" | "name" | "person" | "vendor";

export interface Asks {
  /** Row columns asked for, in the order the question names them. */
  columns: Column[];
  /** The kind of fact the answer must contain, when the question asks a specific one. */
  fact: FactKind | null;
  /** Syllables of the counted noun ("bao nhiêu cuộc giám sát" → ["cuoc"]). */
  countNoun: string[];
  /** Wants every matching item ("những nhiệm vụ nào", "gồm những gì", "trách nhiệm gì"). */
  list: boolean;
  /** Wants the number of items of a list ("có bao nhiêu nhiệm vụ"). */
  countItems: boolean;
  /** Compares documents or wards ("so sánh", "hai kế hoạch", "mỗi nơi"). */
  compare: boolean;
  /** Asks who holds a named office ("Chủ tịch HĐND phường … là ai"). */
  roleHolder: { role: string; body: string } | null;
  /** Asks who signed a document. */
  signer: boolean;
  /** Asks for bodies/units ("những cơ quan, phòng ban nào"). */
  entities: boolean;
  /** Asks for the parts of something ("gồm những phần, nhóm, mục nào"): its sub-sections. */
  parts: boolean;
  /** Years the question is about (not plan terms such as "2025 - 2030"). */
  years: number[];
  /** Refers back to something said before ("việc đó", "nhiệm vụ này"). */
  anaphora: boolean;
  /** "mục 2", "việc thứ ba": a position in the last list. */
  itemRef: number | null;
}

/** Folded, punctuation-free, padded with spaces so patterns can anchor on word edges. */
export const phrase = (s: string) => ` ${foldVietnamese(s).replace(/[^a-z0-9%/]+/g, " ").replace(/\s+/g, " ").trim()} `;

const NUMBER_WORDS: Record<string, number> = { mot: 1, nhat: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

const COLUMN_RULES: Array<[Column, RegExp]> = [
  ["lead", / (ai|don vi nao|co quan nao|bo phan nao|ban nao|phong nao|noi nao) (se |dang |la nguoi )?(chu tri|tham muu|chuan bi|dam nhiem|dam nhan)| (chu tri|tham muu|chuan bi)( viec (nay|do|ay))? (la |boi )?(ai|don vi nao|co quan nao|ban nao)| don vi (chu tri|tham muu)| do (ai|don vi nao|co quan nao|ban nao|phong nao) (chu tri|tham muu|chuan bi|thuc hien|dam nhiem)| (ai|don vi nao|co quan nao) (lam|thuc hien)( viec (nay|do))? /],
  ["partners", / phoi hop (voi )?(ai|nhung ai|don vi nao|nhung don vi|co quan nao|cac don vi nao|voi nhung)| (don vi|co quan|ai) (nao )?phoi hop| phoi hop la /],
  ["leader", / (lanh dao|ai|dong chi nao|nguoi nao|lanh dao nao|chuc danh nao) (nao )?(phu trach|chi dao|truc tiep phu trach)| phu trach (la |boi )?(ai|lanh dao nao)| do (ai|lanh dao nao) phu trach /],
  ["when", / (khi nao|bao gio|luc nao|thoi gian|thoi han|han chot|thoi diem|quy may|quy nao|thang may|thang nao|nam nao|ngay nao|ngay may|dip nao|bat dau tu|den khi nao|may gio) /],
  ["output", / (ket qua|san pham)( san pham)? (la gi|gi|can dat|phai dat|la nhung gi|mong doi)| (san pham|ket qua dau ra) /],
];

const LIST = / (nhung|cac) ([a-z0-9%]+ ){0,4}(nao|gi)( |$)| nhung ai | gom (nhung |co )?(gi|nhung gi|nhung|cac)| bao gom| liet ke| ke ten| ke ra| co nhung | nhung gi | (trach nhiem|nhiem vu|viec|cong viec|noi dung) gi |(?<!( de| nham)) lam (nhung )?gi | duoc giao (nhung )?(viec|nhiem vu)| tung (don vi|nhiem vu|viec|noi dung)| moi (don vi|co quan|ban) /;
const COUNT_ITEMS_NOUN = /^(nhiem vu|viec|cong viec|noi dung|chi tieu|chuyen de|muc|nhom|nghi quyet|hoat dong|giai phap|yeu cau)$/;
const COMPARE = / so sanh | khac nhau | giong nhau | khac gi | hai (ke hoach|van ban|chuong trinh|noi|phuong|xa|ben)| ca hai | moi (ke hoach|noi|ben|van ban|phuong|xa|dia phuong) | lan luot /;
const ENTITIES = / (nhung|cac) (co quan|don vi|phong|ban|bo phan|to chuc|phong ban)( [a-z]+){0,3} nao /;
const PARTS = / (nhung|cac|may|bao nhieu) (phan|nhom|muc|muc lon|chuong trinh|nhom nhiem vu|nhom viec|phan lon) (nao|gi|lon|chinh)| chia ([a-z]+ ){0,3}(thanh|theo) (nhung |cac |may )?(phan|nhom|chuong trinh|muc)/;
const ANAPHORA = / (viec|nhiem vu|noi dung|cai|hoi nghi|ky hop|hoat dong) (nay|ay|kia|tren|vua roi|vua neu|vua roi do)( |$)| (viec|nhiem vu|cai|noi dung) do( ?$| (thi|la|vay|a|nhi|the|co|do|duoc|khi|ai|bao|phoi|ket))| no (do|la|bat dau|ket thuc|duoc)/;
const ITEM_REF = / (muc|so|dong|viec|nhiem vu|y|cai) (thu |so )?([0-9]{1,2}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)( |$)/;

const ROLE = "chu tich|pho chu tich|bi thu|pho bi thu|truong ban|pho truong ban|truong phong|pho truong phong|chanh van phong|pho chanh van phong|giam doc|truong cong an|chi huy truong|to truong|truong thon|uy vien|truong tram";
const ROLE_HOLDER = new RegExp(` (${ROLE})( [a-z0-9 ]{0,60}?)? (la ai|ten (la )?gi|ten la|la nguoi nao|la dong chi nao|ten gi|ho ten)|(ai|nguoi nao|dong chi nao|ong nao|ba nao) (la|lam|dang la|dang giu chuc|giu chuc) (${ROLE})( [a-z0-9 ]{0,60})?`);
const SIGNER = / (ai|nguoi nao|lanh dao nao) (da )?ky| nguoi ky | ky boi | do ai ky | ky ban hanh (la )?ai /;

const FACTS: Array<[FactKind, RegExp]> = [
  ["contact", / (so dien thoai|sdt|dien thoai|hotline|duong day nong|email|thu dien tu|website|trang web|dia chi (trang|web|email|website)|so zalo|so fax) ([a-z0-9]+ ){0,14}(la gi|la bao nhieu|bao nhieu|la so nao|nao|o dau|gi)| (xin|cho xin|cho hoi|hoi) (so dien thoai|sdt|dien thoai|hotline|email|dia chi email|website|so zalo|so fax) /],
  ["amount", / (kinh phi|chi phi|so tien|tien|ty dong|trieu dong|phu cap|muc luong|muc ho tro|muc thu|muc chi|muc dong|tong von|tong muc|von dau tu|du chi) ([a-z0-9/%]+ ){0,24}(bao nhieu|may)|(bao nhieu|may) (tien|trieu|ty|nghin|ngan|dong|vnd)| (ton|het) (bao nhieu|may)/],
  ["percent", / (bao nhieu phan tram|phan tram|bao nhieu %|may %)| ty le ([a-z0-9/%]+ ){0,24}(bao nhieu|may)/],
  ["day", / (ngay nao|ngay may|ngay bao nhieu|hom nao|ngay thang nao|ngay gio nao|ngay cu the)/],
  ["outcome", / ket qua ([a-z0-9/%]+ ){0,24}(ra sao|the nao|nhu the nao|den dau|dat duoc|dat bao nhieu)| da dat (duoc )?| da hoan thanh duoc | (tien do|ket qua) thuc te /],
  ["place", / (o dau|tai dau|dia diem|cho nao|noi nao|o cho nao|(hoi truong|phong hop|dia diem|tru so) nao) /],
  ["vendor", / (hang|nha cung cap|cong ty|doanh nghiep|nha thau|thuong hieu|nhan hieu|don vi cung cap|don vi cung ung|tap doan) (nao|gi)( |$)/],
  ["name", / ten (goi )?(la )?gi | ten cua ([a-z]+ ){1,6}la gi | co ten | (thon|xom|to dan pho|khu dan cu|duong|pho|ngo|truong|cho|khu pho) nao /],
];

/** Years named for themselves: not plan terms ("2025 - 2030", "nhiệm kỳ 2025"), dates or document numbers. */
export function askedYears(question: string): number[] {
  const t = foldVietnamese(question)
    .replace(/\b(?:19|20)\d{2}(?:\s*[-–—]\s*|\s+)(?:19|20)\d{2}\b/g, " ")
    .replace(/\b(nhiem ky|giai doan|khoa|nam hoc)\s+(?:19|20)\d{2}/g, " ")
    .replace(/\b\d{1,2}\/\d{1,2}\/(?:19|20)\d{2}\b/g, " ")
    .replace(/\b\d+\/(?:19|20)\d{2}\/[a-z]/gi, " ");
  return [...new Set([...t.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => Number(m[1])))];
}

/** Words after "may" that make it "máy" (a machine), not "mấy" (how many), in text typed without marks. */
const MACHINE = /^(tinh|moc|bay|in|chieu|lanh|phat|quay|anh|chu|mac|xuc|ui|cay|giat|bom|do|no|man|va|ao|may|han|cat|xay)$/;

/** "bao nhiêu", "mấy", "số lượng": asks how many. "Máy tính" is a machine, typed with or without marks. */
function asksHowMany(question: string): boolean {
  const tokens = question.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const plain = tokens.map((t) => foldVietnamese(t));
  return tokens.some((t, i) => {
    if (plain[i] === "bao" && plain[i + 1] === "nhieu") return true;
    if ((plain[i] === "so" && plain[i + 1] === "luong") || (plain[i] === "tong" && plain[i + 1] === "so")) return true;
    if (t === "mấy") return true;
    return t === "may" && !MACHINE.test(plain[i + 1] ?? "");
  });
}

function countNounOf(q: string): string[] {
  const m = / (?:bao nhieu|may|so luong|tong so) ((?:[a-z0-9]+ ){1,3})/.exec(q);
  if (!m) return [];
  const stop = /^(la|duoc|trong|cua|moi|mot|hang|o|tai|de|thi|vay|a|nhi|nam|thang|quy|lan|ngay|va|da|se|can|phai|co|cho|voi|ve|khong)$/;
  const words = m[1]!.trim().split(" ").filter((w) => w !== "cai" && w !== "con");
  const out: string[] = [];
  for (const w of words) {
    if (stop.test(w) && !(out.length === 0 && (w === "lan" || w === "ngay" || w === "nam"))) break;
    out.push(w);
    if (out.length === 4) break;
  }
  return out;
}

function itemRefOf(q: string): number | null {
  const m = ITEM_REF.exec(q);
  if (!m) return null;
  const n = /^\d+$/.test(m[3]!) ? Number(m[3]) : NUMBER_WORDS[m[3]!];
  return n !== undefined && n >= 1 && n <= 99 ? n : null;
}

/** Every alternative must end on a word boundary: "kết quả gì" is not "kết quả giải quyết". */
const wordEnd = (re: RegExp) => new RegExp(`(?:${re.source})(?:(?<= )|(?= ))`);
const COLUMN_RULES_BOUNDED = COLUMN_RULES.map(([c, re]) => [c, wordEnd(re)] as const);
const FACTS_BOUNDED = FACTS.map(([k, re]) => [k, wordEnd(re)] as const);

export function analyzeAsks(question: string): Asks {
  const q = phrase(question);
  const columns = COLUMN_RULES_BOUNDED.filter(([, re]) => re.test(q))
    .map(([c, re]) => ({ c, at: re.exec(q)!.index }))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.c);
  let fact: FactKind | null = null;
  // A question that carries the asker's own number or e-mail gives a contact, it does not ask for one.
  const givesContact = /\d{3}[ .-]?\d{3}[ .-]?\d{3}|@/.test(question);
  for (const [kind, re] of FACTS_BOUNDED) {
    if (kind === "contact" && givesContact) continue;
    // "Gửi tới những nơi nào", "gửi báo cáo về đâu": recipients, not a venue.
    if (kind === "place" && / (gui|nop|chuyen (den|toi|ve|cho)) /.test(q)) continue;
    if (re.test(q)) {
      fact = kind;
      break;
    }
  }
  const countNoun = countNounOf(q);
  const quantity = asksHowMany(question) && !/ (quy|thang|ngay|nam|gio|lan thu|thu) may /.test(q);
  if (!fact && quantity) fact = "count";
  const countItems = fact === "count" && countNoun.length > 0 && COUNT_ITEMS_NOUN.test(countNoun.join(" ")) && / co (tat ca |tong cong )?(bao nhieu|may) /.test(q);
  const roleMatch = ROLE_HOLDER.exec(q);
  const roleHolder = roleMatch
    ? { role: (roleMatch[1] ?? roleMatch[7] ?? "").trim(), body: (roleMatch[2] ?? roleMatch[8] ?? "").trim() }
    : null;
  // "Kỳ họp thứ hai" is an event, "năm 2027" a year: neither is a list position.
  const itemRef = / (ky hop|hoi nghi|lan|dai hoi|khoa) thu /.test(q) ? null : itemRefOf(q);
  // "Kết quả … thế nào?" asks what happened only when it points at a time that has passed
  // or at achievement ("đã", "đạt", a year, a quarter); otherwise it asks the planned result.
  // With marks "đã"/"đạt" are told from "đa dạng"/"đất đai"; typed without, only in set phrases.
  const achieved = /(?<!\p{L})(đã|đạt|thực tế|vừa qua|vừa rồi|năm nay|năm ngoái)(?!\p{L})/iu.test(question.normalize("NFC")) || / (da dat|da hoan thanh|da xong|thuc te|vua qua|vua roi|nam ngoai)( |$)/.test(q);
  if (fact === "outcome" && !achieved && !/ (quy|thang|nam) [0-9ivx]/.test(q)) {
    fact = null;
    if (!columns.includes("output")) columns.push("output");
  }
  return {
    // "Kết quả … ra sao?" asks what happened, not the planned output column.
    columns: fact === "outcome" ? columns.filter((c) => c !== "output") : columns,
    // Who holds an office: a person's name must be in the passage.
    fact: roleHolder ? "person" : fact,
    countNoun,
    list: LIST.test(q) || countItems,
    countItems,
    compare: COMPARE.test(q),
    roleHolder,
    signer: SIGNER.test(q),
    entities: ENTITIES.test(q),
    parts: PARTS.test(q),
    years: askedYears(question),
    anaphora: ANAPHORA.test(q),
    itemRef,
  };
}
