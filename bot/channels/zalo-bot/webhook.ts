/**
 * POST /zalo/bot/webhook as a Fastify plugin: the platform sends each update with the
 * secret given to setWebhook in X-Bot-Api-Secret-Token, compared in constant time (a wrong
 * or missing one gets 401 and nothing is stored). The update is stored before the 200.
 * The body is the update itself ({event_name, message}); a body wrapped like getUpdates'
 * answer ({ok, result}) is accepted too, as public code does.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { Logger } from "../../logger.ts";
import { describeError, stderrLogger } from "../common.ts";
import type { ZaloBotChannel } from "./channel.ts";
import { zaloBotUpdateSchema } from "./updates.ts";

export const ZALO_BOT_WEBHOOK_PATH = "/zalo/bot/webhook";

export interface ZaloBotWebhookOptions {
  channel: ZaloBotChannel;
  /** ZALO_BOT_WEBHOOK_SECRET; the plugin refuses to start without one. */
  secret: string;
  log?: Logger;
  path?: string;
}

/** Constant-time equality of two strings of any length (hashing first equalises the lengths). */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

const wrappedSchema = z.object({ ok: z.literal(true), result: z.unknown() }).loose();

export const zaloBotWebhook: FastifyPluginAsync<ZaloBotWebhookOptions> = async (app, opts) => {
  if (!opts.secret) throw new Error("zalo-bot webhook: a secret token is required (ZALO_BOT_WEBHOOK_SECRET)");
  const log = opts.log ?? stderrLogger;
  const path = opts.path ?? ZALO_BOT_WEBHOOK_PATH;

  app.post(path, { bodyLimit: 256 * 1024 }, async (req, reply) => {
    const header = req.headers["x-bot-api-secret-token"];
    if (typeof header !== "string" || !secretsMatch(header, opts.secret)) {
      log.warn("zalo-bot: webhook call without the right secret token refused", { ip: req.ip });
      return reply.code(401).send({ ok: false });
    }
    const wrapped = wrappedSchema.safeParse(req.body);
    const update = zaloBotUpdateSchema.safeParse(wrapped.success ? wrapped.data.result : req.body);
    if (!update.success) {
      // Authentic but not a message we understand: acknowledged, so it is not redelivered forever.
      log.warn("zalo-bot: webhook update with an unexpected shape ignored");
      return reply.code(200).send({ ok: true, status: "ignored" });
    }
    try {
      await opts.channel.receive(update.data);
      return reply.code(200).send({ ok: true });
    } catch (err) {
      log.error("zalo-bot: update not stored", { error: describeError(err) });
      return reply.code(500).send({ ok: false });
    }
  });
};
