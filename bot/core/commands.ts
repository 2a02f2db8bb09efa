/**
 * Slash commands: one table saying who may use each, what it does (for /giup) and how.
 * A command the caller's role does not allow is refused naming the role it needs; a
 * mistyped one gets a "did you mean". Every handler checks the role before anything else.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { ROLE_RANK, type Role } from "../petitions/roles.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { commandTexts as C } from "../text/commands.vi.ts";
import { collectCommand, digestCommand, dueCommand, reportCommand } from "./commands/delegate.ts";
import { assignCommand, queueCommand, updateCommand } from "./commands/staff.ts";
import { overdueTasksTurn, progressCommand } from "./dialogue/plan-progress.ts";
import { ROLE_LABEL } from "./roles.ts";
import type { Turn } from "./turn.ts";

interface CommandHelpers {
  showStatus(code: string | null): Promise<void>;
}

interface Command {
  names: readonly string[];
  role: Role;
  /** One line for /giup (Vietnamese). */
  help: string;
  run(turn: Turn, args: string[], h: CommandHelpers): Promise<void>;
}

const COMMANDS: readonly Command[] = [
  { names: ["giup", "help", "start", "huongdan"], role: "voter", help: C.help.giup, run: (turn) => turn.sink.send({ text: helpText(turn.role) }) },
  { names: ["trangthai", "status", "tinhtrang"], role: "voter", help: C.help.trangthai, run: (_t, args, h) => h.showStatus(args[0] ?? null) },
  { names: ["cuatoi"], role: "voter", help: C.help.cuatoi, run: (_t, _a, h) => h.showStatus(null) },
  { names: ["viecquynay"], role: "delegate", help: C.help.viecquynay, run: (turn) => dueCommand(turn, "quarter") },
  { names: ["viecthangnay"], role: "delegate", help: C.help.viecthangnay, run: (turn) => dueCommand(turn, "month") },
  { names: ["quahan", "viecquahan"], role: "delegate", help: C.help.quahan, run: (turn) => overdueTasksTurn(turn) },
  { names: ["tiendo"], role: "delegate", help: C.help.tiendo, run: (turn, args) => progressCommand(turn, args) },
  { names: ["tonghop", "digest"], role: "delegate", help: C.help.tonghop, run: (turn, args) => digestCommand(turn, args) },
  { names: ["kiennghi", "thaycutri", "tiepxuc"], role: "delegate", help: C.help.kiennghi, run: (turn, args) => collectCommand(turn, args) },
  { names: ["hangdoi", "queue"], role: "staff", help: C.help.hangdoi, run: (turn, args) => queueCommand(turn, args) },
  { names: ["capnhat", "update"], role: "staff", help: C.help.capnhat, run: (turn, args) => updateCommand(turn, args) },
  { names: ["phancong", "giao"], role: "staff", help: C.help.phancong, run: (turn, args) => assignCommand(turn, args) },
  { names: ["baocao", "report"], role: "staff", help: C.help.baocao, run: (turn, args) => reportCommand(turn, args) },
];

const byName = new Map(COMMANDS.flatMap((c) => c.names.map((n) => [n, c] as const)));

/** The commands a role may use, one per line. */
export function helpText(role: Role): string {
  const mine = COMMANDS.filter((c) => ROLE_RANK[role] >= ROLE_RANK[c.role]);
  return [C.helpHeader(ROLE_LABEL[role]), ...mine.map((c) => `/${c.names[0]} — ${c.help}`), C.helpFooter(role)].join("\n");
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function closest(name: string, role: Role): string | null {
  let best: { name: string; d: number } | null = null;
  for (const c of COMMANDS) {
    if (ROLE_RANK[role] < ROLE_RANK[c.role]) continue;
    for (const n of c.names) {
      const d = distance(name, n);
      if (d <= Math.max(1, Math.floor(n.length / 4)) && (!best || d < best.d)) best = { name: c.names[0]!, d };
    }
  }
  return best?.name ?? null;
}

export async function handleCommand(turn: Turn, text: string, h: CommandHelpers): Promise<void> {
  const [head = "", ...args] = text.trim().split(/\s+/);
  // "/trangthai@MyBot" in Telegram groups; "/trang_thai", "/Trạng-thái" typed by hand.
  const name = foldVietnamese(head.slice(1).split("@")[0] ?? "").replace(/[^a-z0-9]/g, "");
  const command = byName.get(name);
  if (!command) {
    const guess = closest(name, turn.role);
    return turn.sink.send({ text: guess ? C.didYouMean(head, guess) : T.unknownCommand });
  }
  if (ROLE_RANK[turn.role] < ROLE_RANK[command.role]) return turn.sink.send({ text: T.needsRole(ROLE_LABEL[command.role]) });
  return command.run(turn, args, h);
}
