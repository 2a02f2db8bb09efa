/**
 * The local chat: one person at a time talks to the conversation core from a terminal, or
 * a file of lines is replayed (`npm start < session.txt`). Switching speaker and role,
 * pressing buttons and leaving are handled here, never sent to the core.
 */
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ConversationCore, IncomingMessage, OutboundNotification, Reply, ReplyDocument, ReplySink, Role } from "../../core/types.ts";
import { ChoiceBook, describeError, flattenButtons, silentLogger, type Logger, type NumberedChoice } from "../common.ts";
import { transportTexts } from "../text.vi.ts";
import { foldVietnamese } from "../../../rag/text/vietnamese.ts";

export interface ConsoleOptions {
  core: ConversationCore;
  input: Readable;
  output: Writable;
  /** Interactive terminal: prompt and colours. Otherwise one message per line, plain text. */
  isTTY: boolean;
  defaultUser: string;
  /** Role shown for users whose role this console has not set (default voter). */
  defaultRole?: Role;
  /** Grants a role (the app writes the RoleGrant); without it /vai is refused. */
  setRole?: (userId: string, role: Role) => Promise<void> | void;
  /** Looks up a user's current role for the prompt after /user. */
  getRole?: (userId: string) => Promise<Role> | Role;
  /** Distinguishes this run's externalIds from earlier runs; random by default. */
  runId?: string;
  /** Non-TTY: repeat each input line before the replies, for readable transcripts. */
  echo?: boolean;
  /**
   * Moves the app's clock forward by `ms` and runs what has become due (the periodic sweep,
   * the outbox); resolves with the new time as shown to the user. `/cho` is refused without it.
   */
  advanceClock?: (ms: number) => Promise<string>;
  /** The app's clock (ms), which /cho moves: numbered choices expire on it. */
  now?: () => number;
  /** Where files sent with replies are saved (the /baocao workbook); without it they are not saved. */
  filesDir?: string;
  /**
   * Non-TTY: awaited after each line, before the next is read (the app's background work and
   * notifications), so a scripted transcript reads in the order a person would see it.
   */
  afterLine?: () => Promise<void>;
  logger?: Logger;
}

export interface ConsoleChannel {
  /** Prints an outbox notification addressed to a console user. */
  deliver(n: OutboundNotification): Promise<void>;
  /** Resolves when the input ends or the user leaves with /thoat. */
  done: Promise<void>;
  close(): void;
  readonly currentUser: string;
}

const ROLE_ALIASES: Record<string, Role> = {
  cutri: "voter",
  voter: "voter",
  daibieu: "delegate",
  delegate: "delegate",
  canbo: "staff",
  staff: "staff",
  quantri: "admin",
  admin: "admin",
};

/** "cử tri", "Cu-Tri", "đại biểu" → the alias keys above. */
function roleFromWord(word: string): Role | undefined {
  return ROLE_ALIASES[foldVietnamese(word).replace(/[\s_-]+/g, "")];
}

const ansi = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;

export function runConsole(options: ConsoleOptions): ConsoleChannel {
  const { core, input, output, isTTY } = options;
  const logger = options.logger ?? silentLogger;
  const runId = options.runId ?? `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const colour = isTTY
    ? { prompt: ansi("36"), bot: (s: string) => s, note: ansi("2"), bell: ansi("33") }
    : { prompt: (s: string) => s, bot: (s: string) => s, note: (s: string) => s, bell: (s: string) => s };

  let currentUser = options.defaultUser;
  let counter = 0;
  let prompting = false;
  const roles = new Map<string, Role>();
  // Numbers unique across all the replies of one turn (and the notifications between turns),
  // so "/7" after five review cards means one button of one card.
  const choices = new ChoiceBook(options.now ? { now: options.now } : {});

  const rl = readline.createInterface(isTTY ? { input, output, terminal: true } : { input, terminal: false });

  const roleLabel = (user: string) => transportTexts.roleLabels[roles.get(user) ?? options.defaultRole ?? "voter"];
  const promptText = () => colour.prompt(`[${roleLabel(currentUser)}:${currentUser}] > `);

  function print(text: string): void {
    if (isTTY && prompting) {
      // A notification while the prompt is shown: clear the line, print, prompt again.
      readline.clearLine(output, 0);
      readline.cursorTo(output, 0);
    }
    output.write(`${text}\n`);
    if (isTTY && prompting) rl.prompt(true);
  }

  function renderButtons(numbered: readonly NumberedChoice[]): string {
    return numbered.map((c) => `[${c.n}] ${c.button.label}`).join("  ");
  }

  function printReply(chat: string, reply: Pick<Reply, "text" | "buttons" | "editKey">, prefix: string): void {
    const edited = reply.editKey ? `${transportTexts.consoleEdited} ` : "";
    const lines = [`${prefix}${edited}${colour.bot(reply.text)}`];
    const numbered = choices.assign(chat, flattenButtons(reply.buttons));
    if (numbered.length > 0) lines.push(`   ${renderButtons(numbered)}`);
    print(lines.join("\n"));
  }

  function createSink(user: string): ReplySink {
    return {
      async send(reply) {
        printReply(user, reply, "🤖 ");
        if (reply.document) print(colour.note(saveDocument(reply.document)));
      },
    };
  }

  /** A file sent with a reply is saved under filesDir; the transcript shows where. */
  function saveDocument(doc: ReplyDocument): string {
    if (!options.filesDir) return transportTexts.consoleFileNotSaved(doc.filename);
    mkdirSync(options.filesDir, { recursive: true });
    const file = path.join(options.filesDir, path.basename(doc.filename));
    writeFileSync(file, doc.data);
    return transportTexts.consoleFileSaved(path.relative(process.cwd(), file) || file);
  }

  async function toCore(parts: Pick<IncomingMessage, "text" | "callbackData">): Promise<void> {
    choices.startTurn(currentUser);
    const msg: IncomingMessage = {
      channel: "console",
      externalId: `console:${runId}:${++counter}`,
      chatId: currentUser,
      userId: currentUser,
      displayName: null,
      text: parts.text,
      callbackData: parts.callbackData,
      attachments: [],
      isGroup: false,
      receivedAt: new Date(),
    };
    try {
      await core.handle(msg, createSink(currentUser));
    } catch (err) {
      logger.error("console: handling a line failed", { externalId: msg.externalId, error: describeError(err) });
      print(`🤖 ${transportTexts.apology}`);
    }
  }

  /** Console commands; returns false when the line is not one. */
  async function consoleCommand(line: string): Promise<boolean | "quit"> {
    const [head = "", ...rest] = line.split(/\s+/);
    const arg = rest.join(" ").trim();
    const button = /^[/#](\d{1,2})$/.exec(head);
    if (button && rest.length === 0) {
      const chosen = choices.resolve(currentUser, head);
      if (!chosen) print(colour.note(transportTexts.consoleNoButton(Number(button[1]))));
      else await toCore({ text: "", callbackData: chosen.data });
      return true;
    }
    switch (head.toLowerCase()) {
      case "/user": {
        if (!arg) {
          print(colour.note(transportTexts.consoleUserMissing));
          return true;
        }
        currentUser = arg;
        if (options.getRole && !roles.has(arg)) roles.set(arg, await options.getRole(arg));
        print(colour.note(transportTexts.consoleUserSwitched(currentUser, roleLabel(currentUser))));
        return true;
      }
      case "/vai":
      case "/role": {
        const role = roleFromWord(arg);
        if (!role) print(colour.note(transportTexts.consoleRoleUnknown));
        else if (!options.setRole) print(colour.note(transportTexts.consoleRoleUnsupported));
        else {
          await options.setRole(currentUser, role);
          roles.set(currentUser, role);
          print(colour.note(transportTexts.consoleRoleSet(currentUser, roleLabel(currentUser))));
        }
        return true;
      }
      case "/lenh":
        print(colour.note(transportTexts.consoleHelp));
        return true;
      case "/cho": {
        const ms = parseWait(arg);
        if (!options.advanceClock) print(colour.note(transportTexts.consoleWaitUnsupported));
        else if (ms === null) print(colour.note(transportTexts.consoleWaitUsage));
        else print(colour.note(transportTexts.consoleWaited(arg.replace(/\s+/g, ""), await options.advanceClock(ms))));
        return true;
      }
      case "/thoat":
      case "/quit":
        print(colour.note(transportTexts.consoleBye));
        return "quit";
      default:
        return false;
    }
  }

  async function loop(): Promise<void> {
    if (isTTY) {
      rl.setPrompt(promptText());
      rl.prompt();
      prompting = true;
    }
    for await (const raw of rl) {
      prompting = false;
      const line = raw.trim();
      // Comments keep session files readable; "#1" (no space) is a button press.
      const skip = line === "" || (!isTTY && /^#(\s|$)/.test(line));
      if (!skip) {
        if (!isTTY && options.echo) print(`${promptText()}${line}`);
        try {
          const handled = await consoleCommand(line);
          if (handled === "quit") break;
          if (!handled) await toCore({ text: line, callbackData: null });
          if (!isTTY) await options.afterLine?.();
        } catch (err) {
          logger.error("console: command failed", { error: describeError(err) });
          print(`🤖 ${transportTexts.apology}`);
        }
      }
      if (isTTY) {
        rl.setPrompt(promptText());
        rl.prompt();
        prompting = true;
      }
    }
    prompting = false;
    rl.close();
  }

  const done = loop();

  return {
    async deliver(n) {
      printReply(n.chatId, n, `🔔 ${transportTexts.consoleNotificationTo(n.chatId)} `);
    },
    done,
    close: () => rl.close(),
    get currentUser() {
      return currentUser;
    },
  };
}

const WAIT_UNITS: Record<string, number> = { p: 60_000, ph: 60_000, phut: 60_000, m: 60_000, h: 3_600_000, g: 3_600_000, gio: 3_600_000, d: 86_400_000, n: 86_400_000, ngay: 86_400_000 };

/** "10p", "2h", "3d", "2 ngày" → milliseconds; null when malformed or over 400 days. */
export function parseWait(arg: string): number | null {
  const folded = arg.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,5})([a-z]+)$/.exec(folded);
  const unit = m ? WAIT_UNITS[m[2]!] : undefined;
  if (!m || !unit) return null;
  const ms = Number(m[1]) * unit;
  return ms > 0 && ms <= 400 * 86_400_000 ? ms : null;
}
