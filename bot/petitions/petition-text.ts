/** What intake stores from a message, shared by the Prisma and the direct SQLite paths. */
import { normalizeVietnamese } from "../../rag/text/vietnamese.ts";
import type { AttachmentRef } from "./types.ts";

/** Text stored for matching: canonical Vietnamese, single spaces. */
export function normalizePetitionText(text: string): string {
  return normalizeVietnamese(text).replace(/\s+/g, " ").trim();
}

/** Attachment refs in a stored inbound payload (JSON); anything malformed is left out. */
export function attachmentsFromPayload(payload: string): AttachmentRef[] {
  try {
    const v = JSON.parse(payload) as { attachments?: unknown };
    if (!Array.isArray(v.attachments)) return [];
    return v.attachments.filter(
      (a): a is AttachmentRef => typeof a === "object" && a !== null && typeof a.kind === "string" && typeof a.ref === "string",
    );
  } catch {
    return [];
  }
}
