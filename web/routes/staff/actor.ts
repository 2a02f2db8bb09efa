/** The signed-in viewer as the petition services' Actor (history records them as such). */
import type { Actor } from "../../../bot/petitions/types.ts";
import type { Viewer } from "../../plugins/auth.ts";

export function actorOf(v: Viewer): Actor {
  return { channel: v.channel, externalId: v.externalId, role: v.role };
}
