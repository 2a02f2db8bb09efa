/**
 * A scripted OpenAI-compatible server on 127.0.0.1 for tests of the real `openai` client:
 * each request takes the next scripted reply (status, body, delay) and is recorded.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubReply {
  status?: number;
  /** Assistant message content for chat completions (a JSON string for structured output). */
  content?: string;
  /** Raw response body, sent as is (to return garbage). */
  raw?: string;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface StubRequest {
  path: string;
  json: any;
}

export interface OpenAiStub {
  baseURL: string;
  requests: StubRequest[];
  /** Replies for the next requests, in order; afterwards `fallback` is used. */
  script(...replies: StubReply[]): void;
  fallback: StubReply;
  close(): Promise<void>;
}

export async function startOpenAiStub(): Promise<OpenAiStub> {
  const queue: StubReply[] = [];
  const stub: Partial<OpenAiStub> & { requests: StubRequest[]; fallback: StubReply } = { requests: [], fallback: { status: 500 } };
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    let json: any = null;
    try {
      json = JSON.parse(body);
    } catch {
      /* recorded as null */
    }
    stub.requests.push({ path: req.url ?? "", json });
    const reply = queue.shift() ?? stub.fallback;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    if (reply.raw !== undefined) return void res.end(reply.raw);
    if ((reply.status ?? 200) !== 200) return void res.end(JSON.stringify({ error: { message: `stub ${reply.status}`, type: "stub" } }));
    if (req.url?.endsWith("/embeddings")) {
      const inputs: string[] = Array.isArray(json?.input) ? json.input : [json?.input];
      return void res.end(JSON.stringify({ object: "list", model: json?.model, data: inputs.map((_, i) => ({ object: "embedding", index: i, embedding: [1, 0, 0] })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
    }
    res.end(
      JSON.stringify({
        id: "chatcmpl-stub",
        object: "chat.completion",
        created: 1_700_000_000,
        model: json?.model ?? "stub",
        choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? "", refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(stub, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    script: (...replies: StubReply[]) => void queue.push(...replies),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  }) as OpenAiStub;
}
