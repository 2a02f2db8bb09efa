/**
 * Adapts the classifier to what the conversation core needs: a fast offline verdict that
 * routes the message before it is acknowledged, and the best available classification
 * (LLM with offline fallback) that completes the petition afterwards.
 */
import type { Config } from "../config.ts";
import type { MessageClassifier } from "../core/conversation.ts";
import type { Logger } from "../logger.ts";
import type { MessageUnderstanding } from "../petitions/types.ts";
import { createClassifier, extractLocation, summarize, type Classification, type ClassifierConfig } from "./classifier.ts";

function toUnderstanding(c: Classification): MessageUnderstanding {
  return { intent: c.intent, category: c.category, confidence: c.confidence, urgent: c.urgent, summary: c.summary, location: c.location, source: c.source };
}

export function llmSettings(config: Config): ClassifierConfig["llm"] {
  if (!config.llmEnabled) return null;
  return {
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    budgetMs: config.LLM_BUDGET_MS,
  };
}

export function createMessageClassifier(config: Config, log: Logger, overrides: Partial<ClassifierConfig> = {}): MessageClassifier {
  const classifier = createClassifier({
    llm: llmSettings(config),
    onFallback: (reason) => log.warn("LLM classifier not used for a message; offline fallback", { reason }),
    ...overrides,
  });
  return {
    quick(text) {
      const r = classifier.offline.classify(text);
      return { intent: r.intent, category: r.category, confidence: r.confidence, urgent: r.urgent, summary: summarize(text), location: extractLocation(text), source: "offline" };
    },
    async full(text) {
      return toUnderstanding(await classifier.classify(text));
    },
  };
}
