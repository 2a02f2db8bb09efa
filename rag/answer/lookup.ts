/**
 * Questions answered by lookup rather than by passage: who signed a document, who holds a
 * named office (from the signature blocks), and a document's own number and date (from its
 * card, so a date quoted in its preamble — another document's — is never taken for it).
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Signature } from "../knowledge/outline.ts";
import { cite, notFoundAnswer, titleOf } from "./compose.ts";
import type { Asks } from "./asks.ts";
import { phrase } from "./asks.ts";
import type { Routed } from "./routed.ts";
import { namedNumbers, numberKey, type ScopeDoc } from "./scope.ts";

const BODY_OF_ORG: Array<[RegExp, RegExp]> = [
  [/ (hdnd|hoi dong nhan dan|thuong truc) /, /hdnd|hoi dong nhan dan|thuong truc/],
  [/ (ubnd|uy ban nhan dan) /, /uy ban nhan dan|ubnd/],
  [/ (dang uy|dang bo|ban chap hanh|ban thuong vu) /, /ban chap hanh|dang uy|dang bo|ban thuong vu/],
];

function signatureCitation(kb: KnowledgeBase, s: Signature) {
  return cite(s.doc, "Nơi nhận", `${s.onBehalfOf ? `KT. ${s.onBehalfOf} ` : ""}${s.role} ${s.name}`);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "THƯỜNG TRỰC HĐND" → "Thường trực HĐND" (acronyms kept). */
const orgLabel = (org: string) => capitalize(org.split(/\s+/).map((w) => (/^(HĐND|UBND|MTTQ|UBMTTQ)$/u.test(w) ? w : w.toLowerCase())).join(" "));

function signedLine(kb: KnowledgeBase, s: Signature): string {
  return `${s.name} (${capitalize(s.role.toLowerCase())}${s.onBehalfOf ? `, ký thay ${s.onBehalfOf.toLowerCase()}` : ""}, ${orgLabel(s.org)}) ký ${titleOf(kb, s.doc)}.`;
}

const fullyAnswered = (answer: Routed["answer"]): Routed => ({ answer, items: [], focus: null, evidence: [], llm: false });

/** "Chủ tịch HĐND phường X là ai", "ai là Bí thư Đảng ủy": the signer who holds that office. */
export function roleHolderRoute(kb: KnowledgeBase, asks: Asks, scope: readonly ScopeDoc[]): Routed | null {
  if (!asks.roleHolder) return null;
  const role = asks.roleHolder.role;
  const body = ` ${asks.roleHolder.body} `;
  const orgRule = BODY_OF_ORG.find(([q]) => q.test(body));
  const inScope = kb.outline.signatures.filter((s) => scope.some((d) => d.file === s.doc));
  const holder = inScope.find((s) => phrase(s.role).trim() === role && (!orgRule || orgRule[1].test(phrase(s.org))));
  if (holder) {
    const d = scope.find((x) => x.file === holder.doc)!;
    return fullyAnswered({
      answer: `${capitalize(roleLabel(role))} ${orgLabel(holder.org)} ${d.unitType} ${d.ward}: ${holder.name}.\n(Theo chữ ký ở cuối ${titleOf(kb, holder.doc)}.)`,
      found: true,
      citations: [signatureCitation(kb, holder)],
    });
  }
  // Not a signer: the name may still be written elsewhere (a recipient list); passages decide.
  return null;
}

/** The refusal for an office no passage names a holder of, pointing to who signed instead. */
export function roleHolderRefusal(kb: KnowledgeBase, asks: Asks, scope: readonly ScopeDoc[]): Routed | null {
  if (!asks.roleHolder) return null;
  const what = `tên người giữ chức ${roleLabel(asks.roleHolder.role)}${asks.roleHolder.body ? ` ${asks.roleHolder.body}` : ""}`;
  const inScope = kb.outline.signatures.filter((s) => scope.some((d) => d.file === s.doc));
  const related = inScope.slice(0, 2).map((s) => ({ text: signedLine(kb, s), doc: s.doc, section: "Nơi nhận", task: null, itemId: null, score: 0, rank: 0, fits: false, topicOnly: true }));
  return fullyAnswered(notFoundAnswer(kb, what, related));
}

const ROLE_LABELS: Record<string, string> = { "chu tich": "chủ tịch", "pho chu tich": "phó chủ tịch", "bi thu": "bí thư", "pho bi thu": "phó bí thư", "truong ban": "trưởng ban", "pho truong ban": "phó trưởng ban", "truong phong": "trưởng phòng", "chanh van phong": "chánh văn phòng" };
const roleLabel = (folded: string) => ROLE_LABELS[folded] ?? folded;

/** Documents a question points at: by number, by title, or the only one in scope. */
function targetDocs(question: string, scope: readonly ScopeDoc[], titled: readonly string[]): { docs: ScopeDoc[]; foreignNumber: string | null } {
  const numbers = namedNumbers(question);
  const byNumber = scope.filter((d) => d.number && numbers.some((n) => numberKey(n) === numberKey(d.number!)));
  const foreign = numbers.find((n) => !scope.some((d) => d.number && numberKey(d.number) === numberKey(n))) ?? null;
  if (byNumber.length > 0) return { docs: byNumber, foreignNumber: null };
  if (titled.length > 0) return { docs: scope.filter((d) => titled.includes(d.file)), foreignNumber: foreign };
  return { docs: scope.length === 1 ? [...scope] : [], foreignNumber: foreign };
}

/** "Ai ký kế hoạch …": the signature block of the document asked about. */
export function signerRoute(kb: KnowledgeBase, asks: Asks, question: string, scope: readonly ScopeDoc[], titled: readonly string[], wardsNamed: number): Routed | null {
  if (!asks.signer || asks.roleHolder) return null;
  const { docs, foreignNumber } = targetDocs(question, scope, titled);
  // "Người ký Quyết định 1155-QĐ/TU": a document that is only mentioned, never held. (Not "ký
  // kế hoạch triển khai Nghị quyết 82/NQ-HĐND", where the plan is the one signed.)
  const signedIsForeign = foreignNumber !== null && !/ (ke hoach|chuong trinh) /.test(phrase(question.slice(0, question.indexOf(/^\d+/.exec(foreignNumber)![0]))));
  if (foreignNumber && (docs.length === 0 || signedIsForeign)) return fullyAnswered(notFoundAnswer(kb, `người ký văn bản số ${foreignNumber} (văn bản này chỉ được nhắc tới, không có trong kho văn bản)`));
  const candidates = docs.length > 0 ? docs : scope;
  const sigs = kb.outline.signatures.filter((s) => candidates.some((d) => d.file === s.doc));
  // Several documents and nothing to choose between them: only when the question named their wards.
  if (sigs.length === 0 || (docs.length === 0 && sigs.length > 1 && wardsNamed === 0)) return null;
  return fullyAnswered({ answer: sigs.map((s) => signedLine(kb, s)).join("\n"), found: true, citations: sigs.map((s) => signatureCitation(kb, s)) });
}

/** "có số hiệu gì", and "văn bản này số mấy" with the number last. */
const ASKS_NUMBER = / (so hieu|so van ban|ky hieu|so ke hoach|mang so|co so (la )?(gi|bao nhieu)) | (ke hoach|chuong trinh|van ban)( [a-z]+){0,2} so (may|bao nhieu|gi|la gi)( a| vay| the)? $/;
/** Issued, signed or dated ("đề ngày"): "ký" only with its marks or next to "ngày"/"ban hành" ("kỳ họp", "nhiệm kỳ" fold alike). */
const ASKS_ISSUED = /ban hành|ra đời|(?<!\p{L})ký(?!\p{L})|(?<!\p{L})(?:đề|ghi|ra) ngày|ban hanh|ngay ky|ky ngay|duoc ky|ky ban hanh|(?<!\p{L})(?:de|ghi) ngay/iu;
const ASKS_TERM = / (giai doan|nhiem ky|thoi ky) (nao|bao nhieu|gi)| ap dung (cho |trong |den |tu )?(nhung )?(giai doan|nhiem ky|thoi gian|nam)| thoi han (cua|ap dung) /;
const ASKS_ISSUER = / (co quan|don vi|ai) (nao )?ban hanh| do (co quan|don vi|ai) (nao )?ban hanh| ban hanh boi /;
/** The question is about the document itself, not something it mentions. */
const ABOUT_DOCUMENT = / (ke hoach|chuong trinh|van ban) (nay|do|ay|cua|ap dung|co hieu luc|duoc ban hanh|ban hanh|duoc ky)/;

function isoDay(date: string | null | undefined): string | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? `ngày ${Number(m[3])} tháng ${Number(m[2])} năm ${m[1]}` : null;
}

/**
 * A document's own number, date, term or issuer, from its card: "kế hoạch … có số hiệu gì,
 * ký ngày nào", "hai kế hoạch áp dụng cho giai đoạn nào". Not when the question names another
 * document's number (that one is only quoted in a preamble).
 */
export function metadataRoute(kb: KnowledgeBase, asks: Asks, question: string, scope: readonly ScopeDoc[], titled: readonly string[]): Routed | null {
  const q = phrase(question);
  const wants = {
    number: ASKS_NUMBER.test(q),
    date: asks.fact === "day" && ASKS_ISSUED.test(question.normalize("NFC")),
    term: ASKS_TERM.test(q),
    issuer: ASKS_ISSUER.test(q),
  };
  if (!Object.values(wants).some(Boolean)) return null;
  // A number or issue date is asked of a plan ("kế hoạch … có số hiệu gì"); a term or issuer
  // only of the plan itself ("kế hoạch này áp dụng cho giai đoạn nào"), since plans also
  // mention other plans ("kế hoạch đầu tư công trung hạn giai đoạn nào").
  // A question that names another kind of document ("Nghị quyết 57 … ban hành ngày nào")
  // asks about that one, which only a passage can date.
  // The first kind of document the question names is its subject.
  const first = / (nghi quyet|quyet dinh|chi thi|ket luan|luat|nghi dinh|thong tu|thong tri|cong van|(?:ke hoach|chuong trinh) so|ke hoach|chuong trinh|van ban) /.exec(q);
  const otherDocument = first !== null && !/^(ke hoach|chuong trinh|van ban)$/.test(first[1]!);
  const aboutDocument = titled.length > 0 || ABOUT_DOCUMENT.test(q) || ((wants.number || wants.date) && !otherDocument && / (ke hoach|chuong trinh|van ban) /.test(q));
  if (!aboutDocument) return null;
  const target = targetDocs(question, scope, titled);
  if (target.foreignNumber) return null;
  // "Hai kế hoạch của phường …", "mỗi kế hoạch": every document in scope.
  const docs = target.docs.length > 0 && !asks.compare ? target.docs : asks.compare && scope.length <= 3 ? [...scope] : target.docs;
  if (docs.length === 0) return null;
  const lines: string[] = [];
  const citations = [];
  let missing = false;
  for (const d of docs) {
    const parts: string[] = [];
    const gaps: string[] = [];
    if (wants.number) (d.number ? parts.push(`số hiệu ${d.number}`) : gaps.push("số hiệu (văn bản để trống số)"));
    if (wants.date) {
      const day = isoDay(d.date);
      day ? parts.push(`ban hành ${day}`) : gaps.push("ngày ban hành (văn bản để trống ngày, tháng)");
    }
    if (wants.term) (d.termFrom ? parts.push(`giai đoạn ${d.termFrom}${d.termTo ? ` - ${d.termTo}` : " trở đi"}`) : gaps.push("giai đoạn áp dụng"));
    if (wants.issuer) parts.push(`cơ quan ban hành: ${kb.documents.find((x) => x.file === d.file)?.issuer ?? ""}`);
    missing ||= gaps.length > 0;
    const head = docs.length > 1 ? `- ${titleOf(kb, d.file)}: ` : `${titleOf(kb, d.file)}: `;
    lines.push(`${head}${parts.join("; ")}${gaps.length ? `${parts.length ? "; " : ""}không ghi ${gaps.join(", ")}` : ""}.`);
    const card = kb.chunk(`m:${d.file}`);
    if (card) citations.push(cite(d.file, card.section, card.text.split("\n").slice(-1)[0]!));
  }
  // A single document that leaves the asked field blank does not answer the question.
  const found = !(missing && docs.length === 1);
  return fullyAnswered({ answer: (docs.length > 1 ? `Theo thông tin của ${docs.length} văn bản:\n` : "") + lines.join("\n"), found, citations });
}
