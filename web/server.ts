/**
 * The one HTTP server of the bot process: staff console (/can-bo/), public page
 * (/cong-khai), Open311 (/open311/v2/), static assets, /healthz, and the channel webhooks
 * (Telegram, Zalo OA, Zalo Bot) mounted by bot/main.ts through `startWebServer`'s `mount`
 * (or registered through web/channels.ts). `buildWebApp` assembles it (tests use
 * `inject`); `startWebServer` listens on HOST:PORT next to the chat.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { App } from "../bot/app.ts";
import { every } from "../lib/periodic.ts";
import type { Config } from "../bot/config.ts";
import type { Logger } from "../bot/logger.ts";
import { createStoreWebData } from "./data/store.ts";
import type { WebDeps } from "./deps.ts";
import { registerChannels } from "./channels.ts";
import { storePlanProgress } from "./plan-progress.ts";
import { sessions, SIGN_IN } from "./plugins/auth.ts";
import { createRenderer } from "./render.ts";
import { publicRoutes } from "./routes/public/index.ts";
import { staffRoutes } from "./routes/staff/index.ts";
import { open311Routes } from "./routes/open311/index.ts";
import { siteTexts } from "./text.vi.ts";
import { fontPackageDir } from "./fonts.ts";
import { baseUrl } from "./url.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

declare module "fastify" {
  interface FastifyReply {
    /** Renders a page of web/views with the layout and sends it as HTML. */
    sendPage(view: string, data?: Record<string, unknown>): FastifyReply;
  }
}

function trustProxy(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === "true") return true;
  if (value === "false" || value === "") return false;
  // A hop count: trust that many proxies in front of the server.
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value;
}

export { baseUrl, publicPetitionUrl } from "./url.ts";

export interface BuildOptions {
  /** Fastify's own request logging (off by default: the console chat shares the terminal). */
  logger?: boolean;
}

export async function buildWebApp(deps: WebDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    trustProxy: trustProxy(deps.config.TRUST_PROXY),
    bodyLimit: 256 * 1024,
    // Codes and paths are matched case-sensitively and without trailing-slash variants.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const renderer = createRenderer();

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Charts and fonts are served by this origin only.
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.PUBLIC_BASE_URL?.startsWith("https://") ? { maxAge: 15552000 } : false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(sessions, deps);

  app.decorateReply("sendPage", function (this: FastifyReply, view: string, data: Record<string, unknown> = {}) {
    const request = this.request as FastifyRequest;
    const v = request.viewer;
    const html = renderer.render(view, {
      title: siteTexts.siteName,
      ward: deps.config.WARD_NAME,
      area: request.url.startsWith("/can-bo") ? (v ? "staff" : "login") : "public",
      viewer: v ? { name: `${v.channel}:${v.externalId}`, role: v.role } : null,
      csrf: v?.csrf ?? null,
      ...data,
    });
    return this.type("text/html; charset=utf-8").send(html);
  });

  await app.register(fastifyStatic, { root: path.join(here, "assets"), prefix: "/tai-nguyen/", maxAge: "1d", decorateReply: false });
  await app.register(fastifyStatic, { root: fontPackageDir(), prefix: "/tai-nguyen/font/", maxAge: "30d", decorateReply: false, allowedPath: (p) => /\.ttf$/.test(p) });

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith("/open311/")) return reply.code(404).type("application/json").send([{ code: 404, description: "not found" }]);
    return reply.code(404).sendPage("error", { kind: "notFound" });
  });
  app.setErrorHandler(async (err: Error & { statusCode?: number }, request, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) deps.log.error("web: request failed", { url: request.url.split("?")[0], err: String(err) });
    if (request.url.startsWith("/open311/")) return reply.code(status >= 500 ? 400 : status).send([{ code: status, description: status === 429 ? siteTexts.tooMany : "error" }]);
    if (status === 429) return reply.code(429).sendPage("error", { kind: "tooMany" });
    if (status === 400 || status === 413 || status === 415) return reply.code(status).sendPage("error", { kind: "error" });
    return reply.code(status >= 500 ? 500 : status).sendPage("error", { kind: "error" });
  });

  app.get("/", async (_req, reply) => reply.redirect("/cong-khai", 302));
  // For load balancers and process supervisors: the server answers.
  app.get("/healthz", async (_req, reply) => reply.type("text/plain; charset=utf-8").send("ok"));
  await app.register(publicRoutes, { prefix: "/cong-khai", deps });
  await app.register(staffRoutes, { prefix: "/can-bo", deps });
  await app.register(open311Routes, { prefix: "/open311/v2", deps });
  await registerChannels(app, deps);
  return app;
}

export interface RunningWeb {
  fastify: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The dependencies of the web face from the running application. */
export function webDepsFromApp(app: App, config: Config, log: Logger): WebDeps {
  return {
    config,
    db: app.db,
    data: createStoreWebData(app.db),
    log,
    now: app.petitionDeps.now ?? (() => new Date()),
    petitionDeps: app.petitionDeps,
    notify: () => void app.dispatcher.poke(),
    classifier: app.classifier,
    planProgress: storePlanProgress(app.db, (id) => app.kb.taskById(id)),
  };
}

/**
 * Builds the server from the app and listens on HOST:PORT. Returns null (after one log
 * line) when the port is taken: the chat goes on without the web face.
 */
export async function startWebServer(
  app: App,
  config: Config,
  log: Logger,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  /** Registers more routes (a channel's webhooks) before the server listens. */
  mount?: (fastify: FastifyInstance) => Promise<void>,
): Promise<RunningWeb | null> {
  const deps = webDepsFromApp(app, config, log);
  const fastify = await buildWebApp(deps);
  if (mount) await mount(fastify);
  // Keeps the search index (folded and anonymised texts) up to date in the background.
  const indexer = every("*/2 * * * * *", () => deps.data.refreshSearchIndex(500), (err) => log.warn("web: search index refresh failed", { err: String(err) }));
  // Expired sessions are refused when read; deleting them is housekeeping, so a failure is ignored.
  const sweeper = every("@hourly", () => deps.data.deleteExpired(deps.now()), () => {});
  const stopTimers = () => {
    indexer.stop();
    sweeper.stop();
  };
  try {
    await deps.data.refreshSearchIndex(2_000);
    await fastify.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    stopTimers();
    await fastify.close().catch(() => {});
    const code = (err as { code?: string }).code;
    write(
      code === "EADDRINUSE"
        ? `Trang web không khởi động được: cổng ${config.HOST}:${config.PORT} đang được dùng (đặt PORT khác). Trò chuyện vẫn chạy.`
        : `Trang web không khởi động được: ${String(err)}. Trò chuyện vẫn chạy.`,
    );
    return null;
  }
  const url = baseUrl(config);
  return {
    fastify,
    url,
    async close() {
      stopTimers();
      await fastify.close();
    },
  };
}

export { SIGN_IN };
