import { InMemoryZaloTokenStore } from "../../../bot/channels/zalo-oa/token-store.ts";
import { tokenStoreContract } from "../../helpers/zalo-token-store-contract.ts";

tokenStoreContract("in memory", async () => ({ store: new InMemoryZaloTokenStore() }));
