/**
 * The narrow slice of zca-js this transport is written against (the real `API` is
 * assignable to it; tests pass a fake), so the transport needs no zca-js at run time.
 */

/** zca-js ThreadType values (kept here so this file needs no zca-js at run time). */
export const ZaloThreadType = { User: 0, Group: 1 } as const;
export type ZaloThreadTypeValue = (typeof ZaloThreadType)[keyof typeof ZaloThreadType];

/** The fields of zca-js's `UserMessage | GroupMessage` this transport reads. */
export interface ZaloMessage {
  type: ZaloThreadTypeValue;
  threadId: string;
  /** Sent by the logged-in account itself. */
  isSelf: boolean;
  data: {
    msgId: string;
    uidFrom: string;
    dName?: string;
    /** "webchat" for text; "chat.photo", "chat.gif", "chat.doodle", "share.file", "chat.voice", "chat.sticker", "chat.video.msg", "chat.location.new", "chat.link", "chat.recommended". */
    msgType?: string;
    content: string | Record<string, unknown>;
    mentions?: { uid: string; pos: number; len: number }[] | undefined;
  };
}

/** The part of zca-js's `Listener` (an EventEmitter) this transport uses. */
export interface ZaloListener {
  on(event: "message", listener: (message: ZaloMessage) => void): unknown;
  on(event: "connected", listener: () => void): unknown;
  on(event: "closed", listener: (code: number, reason: string) => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  off(event: "message", listener: (message: ZaloMessage) => void): unknown;
  off(event: "connected", listener: () => void): unknown;
  off(event: "closed", listener: (code: number, reason: string) => void): unknown;
  off(event: "error", listener: (error: unknown) => void): unknown;
  start(options?: { retryOnClose?: boolean }): void;
  stop(): void;
}

/** The part of zca-js's `API` this transport uses; the real `API` is assignable to it. */
export interface ZaloApi {
  listener: ZaloListener;
  sendMessage(message: { msg: string } | string, threadId: string, type?: ZaloThreadTypeValue): Promise<unknown>;
  getOwnId(): string;
}
