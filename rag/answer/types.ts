import { z } from "zod";

export const citationSchema = z.object({ doc: z.string(), section: z.string(), quote: z.string() });
export type Citation = z.infer<typeof citationSchema>;

/** The JSON shape of `npm run ask -- … --json` (stable interface). */
export const answerSchema = z.object({
  answer: z.string(),
  /** False when the corpus does not answer the question. */
  found: z.boolean(),
  citations: z.array(citationSchema),
});
export type Answer = z.infer<typeof answerSchema>;
