/**
 * Tasks due in a period, or undated ongoing tasks.
 *   npm run --silent due -- --period 2026-Q2 [--ward "Phúc Lợi"] [--issuer hdnd|ubnd|dang_uy] --json
 *   npm run --silent due -- --ongoing --json
 * --period takes 2026-Q2, 2026-05, 2026-H2, 2026, or a Vietnamese phrase ("quý này") resolved
 * against --date (default: today in Asia/Ho_Chi_Minh).
 */
import { parseArgs } from "node:util";
import { dateFromIso, parsePeriodId, resolvePeriodPhrase } from "../rag/dates/period.ts";
import { toDueItem } from "../rag/answer/due-answer.ts";
import { answerDueList } from "../rag/answer/due-answer.ts";
import { foldVietnamese } from "../rag/text/vietnamese.ts";
import { configOrExit, fail, knowledgeOf } from "./cli.ts";

const USAGE = 'Cách dùng: npm run --silent due -- (--period 2026-Q2 | --ongoing) [--ward "Phúc Lợi"] [--issuer hdnd] [--date 2026-05-10] [--json]';

let args;
try {
  args = parseArgs({
    options: {
      period: { type: "string" },
      ongoing: { type: "boolean", default: false },
      ward: { type: "string" },
      issuer: { type: "string" },
      date: { type: "string" },
      json: { type: "boolean", default: false },
    },
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (!args.period && !args.ongoing) fail(`cần --period hoặc --ongoing.\n${USAGE}`);
if (args.period && args.ongoing) fail(`chỉ dùng một trong hai: --period hoặc --ongoing.\n${USAGE}`);
if (args.issuer && !["hdnd", "ubnd", "dang_uy", "other"].includes(args.issuer)) fail(`--issuer phải là hdnd, ubnd, dang_uy hoặc other.`);
const now = args.date ? (dateFromIso(args.date) ?? fail(`--date "${args.date}" không phải một ngày có thật (dạng YYYY-MM-DD).`)) : new Date();
const period = args.period ? (parsePeriodId(args.period) ?? resolvePeriodPhrase(args.period, now)) : null;
if (args.period && !period) fail(`không hiểu kỳ "${args.period}". Dùng 2026-Q2, 2026-05, 2026-H2, 2026 hoặc "quý này".`);

const config = configOrExit();
const { db, kb } = await knowledgeOf(config);
try {
  // "Phuc Loi" names Phúc Lợi: wards are matched without diacritics, as voters type them.
  const wards = [...new Set(kb.documents.map((d) => d.ward))];
  const ward = args.ward ? (wards.find((w) => foldVietnamese(w) === foldVietnamese(args.ward!)) ?? null) : null;
  if (args.ward && !ward) fail(`không có văn bản nào của "${args.ward}". Các phường/xã có văn bản: ${wards.join(", ")}.`, 1);
  const filter = { ward, issuerBody: args.issuer ?? null };
  const tasks = period ? kb.due(period, filter) : kb.ongoing(filter);
  if (args.json) {
    process.stdout.write(`${JSON.stringify(tasks.map(toDueItem), null, 2)}\n`);
  } else {
    const a = answerDueList(tasks, { period, ongoing: !period, ward });
    process.stdout.write(`${a.answer}\n`);
  }
} finally {
  await db.close();
}
