/**
 * The local chat: one person at a time talks to the conversation core from a terminal, or
 * a file of lines is replayed (`npm start < session.txt`). Switching speaker and role,
 * pressing buttons and leaving are handled here, never sent to the core.
 */
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Button, ConversationCore, IncomingMessage, OutboundNotification, Reply, ReplySink, Role } from "../../core/types.ts";
import { describeError, flattenButtons, silentLogger, type Logger } from "../common.ts";
import { transportTexts } from "../text.vi.ts";

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
  const key = word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .replace(/[\s_-]+/g, "")
    .toLowerCase();
  return ROLE_ALIASES[key];
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
  const lastButtons = new Map<string, Button[]>();

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

  function renderButtons(buttons: Button[]): string {
    return buttons.map((b, i) => `[${i + 1}] ${b.label}`).join("  ");
  }

  function printReply(reply: Pick<Reply, "text" | "buttons" | "editKey">, prefix: string): void {
    const edited = reply.editKey ? `${transportTexts.consoleEdited} ` : "";
    const lines = [`${prefix}${edited}${colour.bot(reply.text)}`];
    const buttons = flattenButtons(reply.buttons);
    if (buttons.length > 0) lines.push(`   ${renderButtons(buttons)}`);
    print(lines.join("\n"));
  }

  /** Sink for one line: the first reply replaces the user's buttons (as on Zalo). */
  function createSink(user: string): ReplySink {
    let first = true;
    return {
      async send(reply) {
        printReply(reply, "🤖 ");
        const buttons = flattenButtons(reply.buttons);
        if (buttons.length > 0) lastButtons.set(user, buttons);
        else if (first) lastButtons.delete(user);
        first = false;
      },
    };
  }

  async function toCore(parts: Pick<IncomingMessage, "text" | "callbackData">): Promise<void> {
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
      const n = Number(button[1]);
      const chosen = lastButtons.get(currentUser)?.[n - 1];
      if (!chosen) print(colour.note(transportTexts.consoleNoButton(n)));
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
      case "/giup":
        print(colour.note(transportTexts.consoleHelp));
        return true;
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
      const buttons = flattenButtons(n.buttons);
      if (buttons.length > 0) lastButtons.set(n.chatId, buttons);
      printReply(n, `🔔 ${transportTexts.consoleNotificationTo(n.chatId)} `);
    },
    done,
    close: () => rl.close(),
    get currentUser() {
      return currentUser;
    },
  };
}
