/**
 * The dialogue suite: whole conversations as voters, delegates and staff type them, each
 * through the real console on a fresh store, checked on the transcript and on the
 * exported records (see test/helpers/dialogue.ts for the file format).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDialogue, prepareDialogueBase, runDialogue, type DialogueBase } from "../helpers/dialogue.ts";

const DIR = import.meta.dirname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

let base: DialogueBase;
beforeAll(async () => {
  base = await prepareDialogueBase();
}, 120_000);
afterAll(() => base?.cleanup());

describe("dialogues", () => {
  it("has at least 40 scripted conversations", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of files) {
    it(file.replace(/\.txt$/, ""), async () => {
      const d = parseDialogue(path.join(DIR, file));
      const { transcript, petitions } = await runDialogue(base, d);
      let from = 0;
      for (const want of d.contains) {
        const at = transcript.indexOf(want, from);
        expect(at, `"${want}" (in order) in:\n${transcript}`).toBeGreaterThanOrEqual(0);
        from = at + want.length;
      }
      for (const want of d.anywhere) expect(transcript, `"${want}" in:\n${transcript}`).toContain(want);
      for (const never of d.excludes) expect(transcript, `never "${never}"`).not.toContain(never);
      if (d.petitions) {
        expect(petitions, `exported petitions of:\n${transcript}`).toHaveLength(d.petitions.length);
        expect(petitions).toMatchObject(d.petitions);
      }
    }, 30_000);
  }
});
