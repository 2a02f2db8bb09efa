/**
 * Training data must not echo the dev messages: no dev message may share an 8-word run
 * (diacritics folded, lower-case, [a-z0-9]+ tokens) with any file in corpus/training/.
 * Skipped, saying so, when ../shared is absent (a user's clone).
 */
import { describe, expect, it } from "vitest";
import { overlaps, tokens, trainingTexts } from "../../scripts/eval-training-overlap.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

// devDataset() prints the visible "skipped" line when the dev set is absent.
const devText = devDataset("messages.dev.jsonl");
const present = devText !== null;

describe("the overlap check itself", () => {
  it("folds diacritics and case, and finds a shared run only when it is long enough", () => {
    expect(tokens("Đường NGẬP, nước tràn!")).toEqual(["duong", "ngap", "nuoc", "tran"]);
    const training = ["hôm nay đường ngõ nhà tôi bị ngập sâu quá trời luôn"];
    expect(overlaps([{ id: "a", text: "Hom nay duong ngo nha toi bi ngap sau lam" }], training, 8).map((o) => o.id)).toEqual(["a"]);
    expect(overlaps([{ id: "b", text: "duong ngo nha toi bi ngap" }], training, 8)).toEqual([]);
  });
});

describe.skipIf(!present)(`training data vs dev messages (${present ? "present" : "skipped: ../shared absent"})`, () => {
  it("share no 8-word run", () => {
    const dev = devText!
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string });
    expect(overlaps(dev, trainingTexts(), 8).map((o) => o.id)).toEqual([]);
  });
});
