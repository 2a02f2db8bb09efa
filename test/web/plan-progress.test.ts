/** The public page and the console read plan-task progress as recorded by /tiendo. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordProgress } from "../../bot/plans/progress.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import type { Store } from "../../store/index.ts";
import { storePlanProgress } from "../../web/plan-progress.ts";
import { openTestKnowledge } from "../helpers/knowledge.ts";

let kb: KnowledgeBase;
let db: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ kb, db, cleanup } = await openTestKnowledge());
});
afterAll(async () => cleanup());

describe("storePlanProgress", () => {
  it("gives each task its latest recorded progress with a Vietnamese label, and nothing for the others", async () => {
    const [a, b] = kb.tasks.slice(0, 2);
    const staff = { channel: "console", externalId: "canbo-1", role: "staff" as const };
    await recordProgress(db, staff, a!, "in_progress", null, new Date("2026-10-01T03:00:00Z"));
    await recordProgress(db, staff, a!, "done", "Đã tổ chức xong", new Date("2026-11-02T03:00:00Z"));
    const reader = storePlanProgress(db, (id) => kb.taskById(id));
    const got = await reader.progressOf([a!.id, b!.id, 999_999]);
    expect([...got.keys()]).toEqual([a!.id]);
    expect(got.get(a!.id)).toMatchObject({ status: "done", label: "Hoàn thành (Đã tổ chức xong)", note: "Đã tổ chức xong" });
  });
});
