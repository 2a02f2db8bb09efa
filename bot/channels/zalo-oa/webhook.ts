/**
 * POST /zalo/oa/webhook as a Fastify plugin (register it on the shared server, not wrapped
 * in fastify-plugin: the raw-body parser stays inside this plugin). The body is read as
 * raw bytes because the mac covers them exactly. A missing or wrong signature gets 401 and
 * nothing is stored; a verified event is stored (core.accept, or core.handle awaited) and
 * then answered 200, so Zalo, which redelivers slow or failed calls, never loses one and a
 * redelivery is dropped by the core's idempotency (OA id + msg_id).
 */
import type { FastifyPluginAsync } from "fastify";
import type { Logger } from "../../logger.ts";
import { describeError, stderrLogger } from "../common.ts";
import type { ZaloOaChannel } from "./channel.ts";
import { eventEnvelopeSchema, readOaEvent } from "./events.ts";
import { verifyEventSignature } from "./signature.ts";

export interface ZaloOaWebhookOptions {
  channel: ZaloOaChannel;
  /** ZALO_OA_APP_ID: part of the mac. */
  appId: string;
  /** ZALO_OA_SECRET_KEY: the OA secret key (not the app secret). */
  oaSecretKey: string;
  log?: Logger;
  /** Default /zalo/oa/webhook. */
  path?: string;
  /** Largest body accepted (default 256 KiB; events are small). */
  bodyLimit?: number;
}

export const ZALO_OA_WEBHOOK_PATH = "/zalo/oa/webhook";

export const zaloOaWebhook: FastifyPluginAsync<ZaloOaWebhookOptions> = async (app, opts) => {
  const log = opts.log ?? stderrLogger;
  const path = opts.path ?? ZALO_OA_WEBHOOK_PATH;
  const bodyLimit = opts.bodyLimit ?? 256 * 1024;

  // Raw bytes for every content type Zalo might label its JSON with.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_req, body, done) => done(null, body));

  // Some set-up screens probe the URL with GET: answer without doing anything.
  app.get(path, async (_req, reply) => reply.code(200).send({ ok: true }));

  app.post(path, { bodyLimit }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      json = undefined;
    }
    const envelope = eventEnvelopeSchema.safeParse(json);
    const headerTs = req.headers["x-zevent-timestamp"];
    const timestamps = [envelope.success ? envelope.data.timestamp : undefined, typeof headerTs === "string" ? headerTs : undefined].filter((t): t is string => typeof t === "string");
    const signature = req.headers["x-zevent-signature"];
    const signed = verifyEventSignature({
      header: typeof signature === "string" ? signature : undefined,
      rawBody: raw,
      timestamps,
      appId: opts.appId,
      oaSecretKey: opts.oaSecretKey,
    });
    if (!signed) {
      log.warn("zalo-oa: webhook call with a missing or wrong signature refused", { ip: req.ip, event: envelope.success ? envelope.data.event_name : "?" });
      return reply.code(401).send({ ok: false });
    }
    const event = readOaEvent(json);
    if (event.kind === "ignored" && event.reason === "malformed") log.warn("zalo-oa: signed event with an unexpected shape ignored", { event: event.eventName });
    try {
      const result = await opts.channel.receive(event);
      return reply.code(200).send({ ok: true, status: result.status });
    } catch (err) {
      // Not stored: Zalo will deliver it again.
      log.error("zalo-oa: event not stored", { error: describeError(err) });
      return reply.code(500).send({ ok: false });
    }
  });
};
