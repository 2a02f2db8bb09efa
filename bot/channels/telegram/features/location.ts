/** A shared location (or a venue: a location with a name and address) sets the petition's place. */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";

export const locationFeature = new Composer<BotContext>();

locationFeature.on("message:location", async (ctx) => {
  const { latitude, longitude } = ctx.message.location;
  const venue = ctx.message.venue;
  const label = venue ? [venue.title, venue.address].filter(Boolean).join(", ") : null;
  await dispatch(ctx, { location: { latitude, longitude, label: label || null } });
});
