/**
 * Wiring: one function builds the whole application from configuration — store, plan
 * knowledge, classifier, petition services, conversation core and outbox delivery.
 * Transports are attached by main.ts (or by tests) to the returned app.
 */
import type { Config } from "./config.ts";
import { createMessageClassifier } from "./classify/message-classifier.ts";
import type { MessageClassifier } from "./classify/message-classifier.ts";
import { createConversationCore, type Core, type CoreDeps, type CoreOptions } from "./core/core.ts";
import { OutboxDispatcher } from "./delivery/dispatcher.ts";
import { publicPetitionUrl } from "../web/url.ts";
import type { Logger } from "./logger.ts";
import { backfillPlaceNumbers } from "./petitions/duplicates.ts";
import { seedUnits } from "./petitions/units.ts";
import type { FindRelatedTasks, PetitionDeps } from "./petitions/types.ts";
import { openStore, type Store } from "../store/index.ts";
import { openKnowledge } from "../rag/knowledge/open.ts";
import type { KnowledgeBase } from "../rag/knowledge/knowledge-base.ts";
import { syllablesAndBigrams } from "../rag/text/vietnamese.ts";

export interface App {
  config: Config;
  db: Store;
  kb: KnowledgeBase;
  core: Core;
  dispatcher: OutboxDispatcher;
  classifier: MessageClassifier;
  petitionDeps: PetitionDeps;
  close(): Promise<void>;
}

export interface AppOptions {
  log: Logger;
  now?: () => Date;
  /** Tests inject a classifier (e.g. one that is slow); default from configuration. */
  classifier?: MessageClassifier;
  db?: Store;
  /** Options of the conversation core (tests: retry policy and scheduler). */
  core?: CoreOptions;
  /** Builds the /baocao workbook (the composition root passes the web face's report builder). */
  reportFile?: (db: Store, petitionDeps: PetitionDeps) => CoreDeps["reportFile"];
}

/** Syllables too common in plans and petitions to signal a shared subject. */
const LINK_STOP = new Set("cac cua va cho trong voi tai theo duoc nhung mot khong co la de ve tren viec thuc hien cong tac phuong xa hdnd ubnd to chuc".split(" "));

/**
 * Plan tasks related to a petition: the hybrid index proposes tasks, and a task is kept
 * when it shares distinctive words with the petition (Dice over content syllables and bigrams).
 */
export function planTaskFinder(kb: KnowledgeBase): FindRelatedTasks {
  const terms = (s: string) => new Set(syllablesAndBigrams(s).filter((t) => !t.split("_").every((w) => LINK_STOP.has(w) || /^\d+$/.test(w))));
  // Tasks do not change while a knowledge base is open: their terms are computed once.
  const taskTerms = new Map<number, Set<string>>();
  return async (text) => {
    const hits = (await kb.search(text, 20)).filter((h) => h.chunk.kind === "task");
    const a = terms(text);
    const out: { taskId: number; score: number }[] = [];
    for (const h of hits) {
      const taskId = Number(h.chunk.meta?.taskId);
      const task = kb.taskById(taskId);
      if (!task) continue;
      let b = taskTerms.get(taskId);
      if (!b) taskTerms.set(taskId, (b = terms(task.task)));
      let inter = 0;
      for (const t of b) if (a.has(t)) inter++;
      out.push({ taskId, score: (2 * inter) / (a.size + b.size || 1) });
    }
    return out.sort((x, y) => y.score - x.score);
  };
}

export async function createApp(config: Config, opts: AppOptions): Promise<App> {
  const { log } = opts;
  const now = opts.now ?? (() => new Date());
  const db = opts.db ?? openStore(config.DATABASE_URL, { sqlite: { synchronous: config.SQLITE_SYNCHRONOUS }, ...(config.PGUSER ? { pgUser: config.PGUSER } : {}) });
  await seedUnits(db);
  await backfillPlaceNumbers(db);
  const { kb, llm } = await openKnowledge(config, db, (m) => log.info(m));
  const classifier = opts.classifier ?? createMessageClassifier(config, log);
  const petitionDeps: PetitionDeps = {
    now,
    findRelatedTasks: planTaskFinder(kb),
    config: {
      reviewConfidenceThreshold: config.REVIEW_CONFIDENCE_THRESHOLD,
      deadlineDays: { urgent: config.DEADLINE_URGENT_DAYS, normal: config.DEADLINE_NORMAL_DAYS },
      overdueNoProgressDays: config.OVERDUE_NO_PROGRESS_DAYS,
      ward: config.WARD_NAME,
      planLinks: { minScore: 0.12, maxLinks: 3 },
    },
  };
  const dispatcher = new OutboxDispatcher(db, {
    log,
    now,
    staffChats: config.TELEGRAM_STAFF_CHAT_ID ? [{ channel: "telegram", chatId: config.TELEGRAM_STAFF_CHAT_ID }] : [],
    // Only an address voters can open (a loopback default is not worth relaying).
    ...(config.PUBLIC_BASE_URL ? { publicUrl: (code: string) => publicPetitionUrl(config, code) } : {}),
  });
  const core = createConversationCore(
    {
      db,
      kb,
      llm,
      classifier,
      petitions: petitionDeps,
      now,
      log,
      ward: config.WARD_NAME,
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
      rateLimit: { max: config.RATE_LIMIT_MESSAGES, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000 },
      supplementWindowMs: config.SUPPLEMENT_WINDOW_MINUTES * 60_000,
      staffGroup: Boolean(config.TELEGRAM_STAFF_CHAT_ID),
      ...(config.PUBLIC_BASE_URL ? { publicUrl: (code: string) => publicPetitionUrl(config, code) } : {}),
      ...(opts.reportFile ? { reportFile: opts.reportFile(db, petitionDeps) } : {}),
      onOutbox: () => void dispatcher.poke(),
      sharedDatabase: db.engine === "postgresql",
      maxQueuedClassifications: config.CLASSIFICATION_QUEUE_MAX,
    },
    opts.core,
  );
  return {
    config,
    db,
    kb,
    core,
    dispatcher,
    classifier,
    petitionDeps,
    async close() {
      // Running and in-memory classifications finish; a backlog in the database waits for the next start.
      await core.shutdown();
      await dispatcher.stop();
      await db.close();
    },
  };
}
