/**
 * Adapts the classifier to what the conversation core needs: a fast offline verdict that
 * routes the message before it is acknowledged, and the best available classification
 * (LLM with offline fallback) that completes the petition afterwards.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { MessageUnderstanding } from "../petitions/types.ts";
import { createClassifier, extractLocation, summarize, type Classification, type ClassifierConfig } from "./classifier.ts";
import { llmClassifierConfig } from "./llm-classifier.ts";

/** Decides the route before acknowledging (offline, fast) and classifies fully afterwards. */
export interface MessageClassifier {
  quick(text: string): MessageUnderstanding;
  /**
   * The best classification of `text`. `offline`, when given, is the offline verdict already
   * computed for this very text (to route it): without an LLM it is the answer, not recomputed.
   */
  full(text: string, offline?: MessageUnderstanding): Promise<MessageUnderstanding>;
}

function toUnderstanding(c: Classification): MessageUnderstanding {
  return { intent: c.intent, category: c.category, confidence: c.confidence, urgent: c.urgent, summary: c.summary, location: c.location, source: c.source };
}

/**
 * Verdicts kept for reuse: more than the petitions allowed to wait for classification in
 * memory (CLASSIFICATION_QUEUE_MAX, default 1000), so a petition classified after a backlog
 * still finds the verdict that routed it instead of being classified twice (~1 MB).
 */
const RECENT_VERDICTS = 2048;

export function createMessageClassifier(config: Config, log: Logger, overrides: Partial<ClassifierConfig> = {}): MessageClassifier {
  const classifier = createClassifier({
    llm: llmClassifierConfig(config),
    onFallback: (reason) => log.warn("LLM classifier not used for a message; offline fallback", { reason }),
    ...overrides,
  });
  // Without an LLM the full verdict is the offline one the core computed to route the
  // message a moment earlier: remember the last few instead of classifying twice.
  const recent = new Map<string, MessageUnderstanding>();
  const quick = (text: string): MessageUnderstanding => {
    const hit = recent.get(text);
    if (hit) return hit;
    const r = classifier.offline.classify(text);
    const u: MessageUnderstanding = { intent: r.intent, category: r.category, confidence: r.confidence, urgent: r.urgent, summary: summarize(text), location: extractLocation(text), source: "offline" };
    recent.set(text, u);
    if (recent.size > RECENT_VERDICTS) recent.delete(recent.keys().next().value!);
    return u;
  };
  return {
    quick,
    async full(text, offline) {
      if (!classifier.llmEnabled) return offline ?? quick(text);
      return toUnderstanding(await classifier.classify(text));
    },
  };
}
