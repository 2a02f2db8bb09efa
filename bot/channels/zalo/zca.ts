/**
 * zca-js with its types. Its package `types` entry (index.d.ts) re-exports the directory
 * "./dist", which NodeNext resolution cannot follow, so TypeScript sees an empty module.
 * The runtime import is fine; the types are taken from the dist declarations directly.
 */
import * as runtime from "zca-js";
import type * as Declared from "../../../node_modules/zca-js/dist/index.js";

export type { API, Credentials, LoginQRCallbackEvent } from "../../../node_modules/zca-js/dist/index.js";

const zca = runtime as unknown as typeof Declared;
export const Zalo = zca.Zalo;
export const LoginQRCallbackEventType = zca.LoginQRCallbackEventType;
export const ThreadType = zca.ThreadType;
/** zca-js's message classes (what the listener emits); tests build events with them. */
export const UserMessage = zca.UserMessage;
export const GroupMessage = zca.GroupMessage;
