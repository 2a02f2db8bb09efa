/**
 * Every Vietnamese text of the web face (pages, forms, errors, Open311 service notices,
 * response templates), in web/text/ by page area so wording can be reviewed without reading
 * code; this module gathers them for the routes and templates.
 */
import { staffOverviewTexts } from "./text/staff-overview.vi.ts";
import { staffPetitionTexts } from "./text/staff-petition.vi.ts";
import { staffQueueTexts } from "./text/staff-queue.vi.ts";

export { loginTexts } from "./text/login.vi.ts";
export { open311Texts } from "./text/open311.vi.ts";
export { publicTexts } from "./text/public.vi.ts";
export { chartTexts, reportTexts } from "./text/reports.vi.ts";
export { siteTexts } from "./text/site.vi.ts";
export { RESPONSE_TEMPLATES } from "./text/staff-petition.vi.ts";

/** The staff console's texts (templates read them as one object: `it.t.staff`). */
export const staffTexts = { ...staffQueueTexts, ...staffPetitionTexts, ...staffOverviewTexts };
