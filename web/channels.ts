/**
 * Where chat channels mount their webhooks on the shared server (Telegram through grammY's
 * `webhookCallback(bot, "fastify")`, Zalo OA `POST /zalo/oa/webhook`, Zalo Bot
 * `POST /zalo/bot/webhook`). A channel registers a Fastify plugin before the server is
 * built; each plugin is registered encapsulated, so it may replace the body parsers inside
 * it — e.g. keep the raw bytes for a signature check:
 *
 *   registerChannelPlugin("zalo-oa", async (app) => {
 *     app.removeAllContentTypeParsers();
 *     app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
 *     app.post("/zalo/oa/webhook", async (req, reply) => { const raw = req.body as Buffer; … });
 *   });
 *
 * The web face's own routes parse forms only inside their own plugins, so nothing here
 * is pre-parsed for a channel.
 */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { WebDeps } from "./deps.ts";

export type ChannelPlugin = FastifyPluginAsync<{ deps: WebDeps }>;

const plugins = new Map<string, ChannelPlugin>();

/** Adds (or replaces, by name) a channel's plugin; call before startWebServer/buildWebApp. */
export function registerChannelPlugin(name: string, plugin: ChannelPlugin): void {
  plugins.set(name, plugin);
}

export function unregisterChannelPlugin(name: string): void {
  plugins.delete(name);
}

/** Registers every channel plugin on the server (called by buildWebApp). */
export async function registerChannels(app: FastifyInstance, deps: WebDeps): Promise<void> {
  for (const plugin of plugins.values()) await app.register(plugin, { deps });
}
