/**
 * Messages stored but never finished: their handler died (crash, kill) or failed. They are
 * handled again — at start-up, and by the periodic sweep once their lease has expired —
 * with replies going through the outbox, since the original connection is gone.
 */
import { enqueue } from "../petitions/outbox.ts";
import type { InboundMessage } from "../../store/rows.ts";
import type { CoreDeps } from "./turn.ts";
import { incomingMessageSchema, type IncomingMessage, type ReplySink } from "./types.ts";

/** Stored messages read per query (start-up, sweep): an outage can leave many. */
const RECOVERY_PAGE = 200;

type Handle = (msg: IncomingMessage, sink: ReplySink, recovering: boolean) => Promise<void>;

/** Handles again the unfinished messages in `statuses`, page by page; resolves with their number. */
export async function recoverUnfinished(deps: CoreDeps, statuses: readonly string[], handle: Handle): Promise<number> {
  let handled = 0;
  for (let afterId = 0; ; ) {
    const page = await deps.db.inbound.unfinished(statuses, deps.now(), afterId, RECOVERY_PAGE);
    for (const row of page) await handleStored(deps, row, handle);
    handled += page.length;
    if (page.length < RECOVERY_PAGE) return handled;
    afterId = page.at(-1)!.id;
  }
}

/** Replies to a recovered message go through the outbox. */
function outboxSink(deps: CoreDeps, inboundId: number, channel: string, chatId: string): ReplySink {
  let n = 0;
  return {
    async send(reply) {
      await enqueue(
        deps.db,
        { channel, chatId, text: reply.text, payload: { kind: "reply", buttons: reply.buttons?.flat().map((b) => ({ text: b.label, data: b.data })) }, dedupeKey: `reply:${inboundId}:${n++}` },
        deps.now,
      );
      deps.onOutbox?.();
    },
  };
}

async function handleStored(deps: CoreDeps, row: InboundMessage, handle: Handle): Promise<void> {
  let payload: { attachments?: unknown; callbackData?: string | null; isGroup?: boolean; location?: unknown } = {};
  try {
    payload = JSON.parse(row.payload) as typeof payload;
  } catch {
    /* an unreadable payload: handle the text alone */
  }
  const msg = incomingMessageSchema.safeParse({
    channel: row.channel,
    externalId: row.externalId,
    chatId: row.chatId,
    userId: row.userId,
    text: row.text,
    callbackData: payload.callbackData ?? null,
    attachments: payload.attachments ?? [],
    isGroup: payload.isGroup ?? false,
    location: payload.location ?? null,
    receivedAt: row.receivedAt,
  });
  if (!msg.success) return;
  await handle(msg.data, outboxSink(deps, row.id, row.channel, row.chatId), true).catch((err: unknown) => deps.log.error("recovery failed", { inbound: row.id, err: String(err) }));
}
