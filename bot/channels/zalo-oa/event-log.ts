/**
 * Follow, unfollow and chat-now events are not messages for the conversation core, but
 * they must be kept (an unfollowed voter cannot be notified; a follow earns a welcome
 * once, not once per redelivery). The database-backed log implements the same interface.
 */

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

/** In memory (tests; until the database-backed log exists, events survive only the process). */
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
