/** Opens the plan-knowledge service (and the LLM answerer when one is configured) on a store. */
import path from "node:path";
import type { PlansRepo } from "../../store/repos/plans.ts";
import { createEmbeddings } from "../retrieval/embeddings.ts";
import { createLlmAnswerer, type LlmAnswerer } from "../answer/llm-answer.ts";
import { KnowledgeBase } from "./knowledge-base.ts";

/** The settings this needs, as read once by the caller's configuration. */
export interface KnowledgeSettings {
  DATA_DIR: string;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_EMBEDDING_MODEL?: string | undefined;
  LLM_TIMEOUT_MS: number;
  LLM_MAX_RETRIES: number;
  llmEnabled: boolean;
}

export interface OpenedKnowledge {
  kb: KnowledgeBase;
  llm: LlmAnswerer | null;
}

export async function openKnowledge(settings: KnowledgeSettings, db: { plans: PlansRepo }, log: (msg: string) => void = () => {}): Promise<OpenedKnowledge> {
  const embeddings = createEmbeddings({
    apiKey: settings.OPENAI_API_KEY,
    baseURL: settings.OPENAI_BASE_URL,
    embeddingModel: settings.OPENAI_EMBEDDING_MODEL,
    timeoutMs: settings.LLM_TIMEOUT_MS,
  });
  const kb = await KnowledgeBase.open({ db, embeddings, indexDir: path.resolve(settings.DATA_DIR, "index"), log });
  const llm = settings.llmEnabled
    ? createLlmAnswerer({
        apiKey: settings.OPENAI_API_KEY,
        baseURL: settings.OPENAI_BASE_URL,
        model: settings.OPENAI_MODEL,
        timeoutMs: settings.LLM_TIMEOUT_MS,
        maxRetries: settings.LLM_MAX_RETRIES,
      })
    : null;
  return { kb, llm };
}
