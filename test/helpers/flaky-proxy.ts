/**
 * A loopback HTTP proxy in front of the fake Bot API that injects transport faults the
 * fake cannot: a connection reset before the request reaches "Telegram" (the message is
 * not delivered), a reset after Telegram handled it (delivered, but the answer is lost),
 * or an error answer for requests chosen by content (e.g. one chat only). The bot is given
 * `apiRoot` of the proxy instead of the fake's.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProxyFault =
  | { kind: "reset-before" }
  | { kind: "reset-after" }
  | { kind: "error"; status: number; description: string; retryAfter?: number };

export interface ProxiedRequest {
  method: string;
  body: Record<string, unknown>;
}

export interface ProxyEvent {
  method: string;
  chatId: string | null;
  /** `text` of a sendMessage (null otherwise). */
  text: string | null;
  /** "forwarded" when passed through untouched. */
  action: ProxyFault["kind"] | "forwarded";
  at: number;
}

export interface FlakyProxy {
  apiRoot: string;
  events: ProxyEvent[];
  /** Decides the fault for each request (undefined: forward untouched). Replaceable at any time. */
  rule: (req: ProxiedRequest) => ProxyFault | undefined;
  /** Applies `fault` to the next `count` calls of `method`, then forwards again. */
  faultNext(method: string, count: number, fault: ProxyFault): void;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const upstream = new URL(target);
  const events: ProxyEvent[] = [];
  const planned = new Map<string, { count: number; fault: ProxyFault }>();

  const proxy: FlakyProxy = {
    apiRoot: "",
    events,
    rule: () => undefined,
    faultNext(method, count, fault) {
      planned.set(method, { count, fault });
    },
    close: async () => {},
  };

  function forward(req: http.IncomingMessage, raw: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      out.on("error", reject);
      out.end(raw);
    });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks);
      const method = /\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "")?.[1] ?? "";
      let body: Record<string, unknown> = {};
      if ((req.headers["content-type"] ?? "").includes("application/json") && raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
        } catch {
          /* forwarded as is */
        }
      }
      let fault: ProxyFault | undefined;
      const plan = planned.get(method);
      if (plan && plan.count > 0) {
        plan.count--;
        fault = plan.fault;
      } else {
        fault = proxy.rule({ method, body });
      }
      const chatId = body.chat_id === undefined ? null : String(body.chat_id);
      const text = typeof body.text === "string" ? body.text : null;
      events.push({ method, chatId, text, action: fault?.kind ?? "forwarded", at: Date.now() });
      if (fault?.kind === "reset-before") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "error") {
        const payload = { ok: false, error_code: fault.status, description: fault.description, ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}) };
        res.writeHead(fault.status, { "content-type": "application/json" }).end(JSON.stringify(payload));
        return;
      }
      try {
        const answer = await forward(req, raw);
        if (fault?.kind === "reset-after") {
          req.socket.destroy();
          return;
        }
        if (!res.destroyed) res.writeHead(answer.status, { "content-type": String(answer.headers["content-type"] ?? "application/json") }).end(answer.body);
      } catch {
        req.socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
