/**
 * The whole application (knowledge base, conversation core, outbox) with the web server
 * listening on a free 127.0.0.1 port, and a console transport that records what each user
 * receives. For the browser test and the screenshots.
 */
import type { App } from "../../bot/app.ts";
import type { IncomingMessage } from "../../bot/core/types.ts";
import { grantRole } from "../../bot/core/roles.ts";
import { silentLogger } from "../../bot/logger.ts";
import { startWebServer, type RunningWeb } from "../../web/server.ts";
import { startAppOnTempStore } from "./integration-app.ts";
import { freePort } from "./net.ts";

export interface LiveApp {
  app: App;
  web: RunningWeb;
  /** Texts delivered to each console user, in order. */
  inbox: Map<string, string[]>;
  say(user: string, text: string): Promise<string[]>;
  grant(user: string, role: "delegate" | "staff"): Promise<void>;
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

let n = 0;

export async function startLiveApp(now?: () => Date): Promise<LiveApp> {
  const port = await freePort();
  const { app, config, cleanup } = await startAppOnTempStore({ log: silentLogger, now, env: { PORT: String(port), RATE_LIMIT_MESSAGES: "1000" } });
  const inbox = new Map<string, string[]>();
  app.dispatcher.register("console", async (m) => {
    inbox.set(m.chatId, [...(inbox.get(m.chatId) ?? []), m.text]);
  });
  app.dispatcher.start();
  const web = await startWebServer(app, config, silentLogger, () => {});
  if (!web) throw new Error("web server did not start");
  const live: LiveApp = {
    app,
    web,
    inbox,
    async say(user, text) {
      const replies: string[] = [];
      const msg: IncomingMessage = { channel: "console", externalId: `live:${process.pid}:${++n}`, chatId: user, userId: user, displayName: null, text, callbackData: null, attachments: [], isGroup: false, receivedAt: new Date() };
      await app.core.handle(msg, { send: async (r) => void replies.push(r.text) });
      return replies;
    },
    async grant(user, role) {
      await grantRole(app.db, "console", user, role, "test");
    },
    async settle() {
      await app.core.idle();
      await app.dispatcher.poke();
      await web.fastify.inject({ url: "/cong-khai?q=x" }); // refreshes the search index
    },
    async cleanup() {
      await web.close();
      await cleanup();
    },
  };
  return live;
}
