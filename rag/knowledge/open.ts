/** Opens the store and the plan-knowledge service from configuration (used by CLIs and the bot). */
import path from "node:path";
import type { Config } from "../../bot/config.ts";
import { createDb, type Db } from "../../bot/store/db.ts";
import { createEmbeddings } from "../retrieval/embeddings.ts";
import { createLlmAnswerer, type LlmAnswerer } from "../answer/llm-answer.ts";
import { KnowledgeBase } from "./knowledge-base.ts";

export interface OpenedKnowledge {
  db: Db;
  kb: KnowledgeBase;
  llm: LlmAnswerer | null;
}

export async function openKnowledge(config: Config, log: (msg: string) => void = () => {}, db: Db = createDb(config.DATABASE_URL)): Promise<OpenedKnowledge> {
  const embeddings = createEmbeddings({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    embeddingModel: config.OPENAI_EMBEDDING_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
  const kb = await KnowledgeBase.open({ db, embeddings, indexDir: path.resolve(config.DATA_DIR, "index"), log });
  const llm = config.llmEnabled
    ? createLlmAnswerer({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        model: config.OPENAI_MODEL,
        timeoutMs: config.LLM_TIMEOUT_MS,
        maxRetries: config.LLM_MAX_RETRIES,
      })
    : null;
  return { db, kb, llm };
}
