/**
 * Delivers the outbox: rows addressed to a channel go to that channel's sender; rows
 * addressed to "staff" are first expanded into one row per staff recipient (idempotent
 * by dedupe key), so one unreachable account never blocks or repeats the others.
 */
import { every, type PeriodicJob } from "../../lib/periodic.ts";
import type { Logger } from "../logger.ts";
import type { Button, OutboundNotification } from "../core/types.ts";
import { usersWithRole } from "../petitions/roles.ts";
import { drainOutbox, type OutboxMessage } from "../petitions/outbox.ts";
import { STAFF_CHANNEL } from "../petitions/types.ts";
import type { DbClient } from "../petitions/types.ts";

export type Sender = (n: OutboundNotification) => Promise<void>;

export interface DispatcherOptions {
  /** Extra staff destinations, e.g. the Telegram staff group. */
  staffChats?: Array<{ channel: string; chatId: string }>;
  log: Logger;
  now?: () => Date;
  /** Cron pattern of the background drain (six fields, seconds first); default every second. */
  schedule?: string;
  /** A petition's public page (PUBLIC_BASE_URL), named when staff are told a voter could not be notified. */
  publicUrl?: (code: string) => string | null;
}

function buttonsOf(payload: Record<string, unknown>): Button[][] | undefined {
  const raw = payload.buttons;
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const flat = raw
    .filter((b): b is { text: string; data: string } => typeof b === "object" && b !== null && typeof b.text === "string" && typeof b.data === "string")
    .map((b) => ({ label: b.text, data: b.data }));
  // Rating buttons fit on one row; review buttons two per row.
  const perRow = flat.every((b) => b.label.length <= 2) ? 5 : 2;
  const rows: Button[][] = [];
  for (let i = 0; i < flat.length; i += perRow) rows.push(flat.slice(i, i + perRow));
  return rows;
}

export function toNotification(m: OutboxMessage): OutboundNotification {
  return { id: m.id, channel: m.channel, chatId: m.chatId, text: m.text, buttons: buttonsOf(m.payload) };
}

export class OutboxDispatcher {
  private readonly senders = new Map<string, Sender>();
  private timer: PeriodicJob | null = null;
  private draining: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: DbClient,
    private readonly opts: DispatcherOptions,
  ) {}

  register(channel: string, sender: Sender): void {
    this.senders.set(channel, sender);
  }

  /** Replaces a staff row by one row per staff account and staff chat (one statement). */
  private async expandStaff(m: OutboxMessage): Promise<void> {
    const staff = await usersWithRole(this.db, "staff");
    const targets = [...staff.map((s) => ({ channel: s.channel, chatId: s.externalId })), ...(this.opts.staffChats ?? [])];
    if (targets.length === 0) this.opts.log.warn("no staff account to notify; grant one with npm run admin", { outbox: m.id });
    const at = (this.opts.now ?? (() => new Date()))();
    await this.db.outbox.enqueueMany(
      targets.map((t) => ({ channel: t.channel, chatId: t.chatId, text: m.text, payload: JSON.stringify(m.payload), dedupeKey: `${m.dedupeKey}>${t.channel}:${t.chatId}`, availableAt: at })),
      at,
    );
    this.again = true; // the new rows go out in the next pass
  }

  /**
   * One pass: one claim for the staff rows (expanded) and the rows of every registered
   * channel. `expire` also fails rows whose last attempt never reported back.
   */
  async drainOnce(expire = true): Promise<{ sent: number; failed: number }> {
    const channels = [STAFF_CHANNEL, ...this.senders.keys()];
    const r = await drainOutbox(
      this.db,
      async (m) => {
        if (m.channel === STAFF_CHANNEL) return this.expandStaff(m);
        const send = this.senders.get(m.channel);
        if (!send) throw new Error(`no sender for channel ${m.channel}`);
        await send(toNotification(m));
      },
      { channels, now: this.opts.now, limit: 100, expire, ...(this.opts.publicUrl ? { publicUrl: this.opts.publicUrl } : {}) },
    );
    if (r.failed) this.opts.log.warn("outbox messages failed permanently", { failed: r.failed });
    if (r.undeliverable) {
      this.opts.log.warn("outbox messages undeliverable; staff notified", { undeliverable: r.undeliverable });
      this.again = true; // the staff notices go out in the next pass
    }
    return { sent: r.sent, failed: r.failed };
  }

  /** Drains now (coalescing concurrent requests into one more pass). */
  poke(expire = false): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        let first = true;
        do {
          this.again = false;
          await this.drainOnce(expire && first);
          first = false;
        } while (this.again);
      } catch (err) {
        this.opts.log.error("outbox drain failed", { err: String(err) });
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  start(): void {
    if (this.timer) return;
    // poke() logs its own failures; onError only guards against an unexpected throw.
    this.timer = every(this.opts.schedule ?? "* * * * * *", () => this.poke(true), (err) => this.opts.log.error("outbox drain failed", { err: String(err) }));
  }

  async stop(): Promise<void> {
    this.timer?.stop();
    this.timer = null;
    await this.draining;
  }
}
