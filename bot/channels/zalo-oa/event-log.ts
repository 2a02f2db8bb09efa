/**
 * Follow, unfollow and chat-now events are not messages for the conversation core, but
 * they must be kept (an unfollowed voter cannot be notified; a follow earns a welcome
 * once, not once per redelivery). `DbZaloOaEventLog` keeps them in the store's
 * ChannelEvent table (not InboundMessage: that table is what users wrote — the recovery
 * sweep, per-user turns and Petition.inboundId all read it so); the in-memory log is for
 * tests.
 */
import type { ChannelEventsRepo } from "../../../store/repos/channel-events.ts";

export interface ZaloOaUserEvent {
  /** Idempotency key (Zalo redelivers): "zoa:<oa>:<kind>:<user>:<timestamp>". */
  key: string;
  kind: "follow" | "unfollow" | "chatnow";
  oaId: string;
  userId: string;
  at: Date;
}

export interface ZaloOaEventLog {
  /** Stores the event durably; true the first time this key is seen, false for a redelivery. */
  record(event: ZaloOaUserEvent): Promise<boolean>;
}

/** In the database: idempotent by (channel "zalo_oa", key), shared by every worker. */
export class DbZaloOaEventLog implements ZaloOaEventLog {
  constructor(
    private readonly db: { channelEvents: ChannelEventsRepo },
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(event: ZaloOaUserEvent): Promise<boolean> {
    // ZALO_OA_CHANNEL, spelled out: channel.ts depends on this module, not the other way.
    return this.db.channelEvents.record({ channel: "zalo_oa", externalId: event.key, kind: event.kind, userId: event.userId, at: event.at }, this.now());
  }
}

/** In process memory (tests). */
export class InMemoryZaloOaEventLog implements ZaloOaEventLog {
  readonly events: ZaloOaUserEvent[] = [];
  private readonly keys = new Set<string>();
  async record(event: ZaloOaUserEvent): Promise<boolean> {
    if (this.keys.has(event.key)) return false;
    this.keys.add(event.key);
    this.events.push({ ...event });
    return true;
  }
}
