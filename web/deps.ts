/**
 * What the web face needs from the application. startWebServer builds it from the App;
 * tests and the benchmark build it directly (a fake clock, no knowledge base).
 */
import type { Config } from "../bot/config.ts";
import type { MessageClassifier } from "../bot/classify/message-classifier.ts";
import type { Logger } from "../bot/logger.ts";
import type { PetitionDeps } from "../bot/petitions/types.ts";
import type { Store } from "../store/index.ts";
import type { WebData } from "./data/types.ts";
import type { PlanProgressReader } from "./plan-progress.ts";

export interface WebDeps {
  config: Config;
  /** Handed to the petition services only; the web layer's own reads go through `data`. */
  db: Store;
  data: WebData;
  log: Logger;
  now: () => Date;
  petitionDeps: PetitionDeps;
  /** Deliver queued outbox rows promptly (the dispatcher's poke). */
  notify: () => void;
  /** Classifies Open311 requests after filing; absent: they stay "received" for staff. */
  classifier?: MessageClassifier;
  planProgress: PlanProgressReader;
}
