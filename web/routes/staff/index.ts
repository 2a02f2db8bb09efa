/** The staff console under /can-bo/: sign-in, queue, petition pages, dashboard, reports, areas, plan. */
import type { FastifyPluginAsync } from "fastify";
import formbody from "@fastify/formbody";
import type { WebDeps } from "../../deps.ts";
import { signInRoutes } from "./sign-in.ts";
import { queueRoutes } from "./queue.ts";
import { petitionRoutes } from "./petition.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { adminRoutes } from "./areas.ts";

export const staffRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Nothing here may be cached by a shared proxy: pages carry personal data.
  app.addHook("onSend", async (_req, reply) => {
    reply.header("cache-control", "no-store");
  });
  await app.register(signInRoutes, { deps });
  await app.register(queueRoutes, { deps });
  await app.register(petitionRoutes, { deps });
  await app.register(dashboardRoutes, { deps });
  await app.register(adminRoutes, { deps });
};
