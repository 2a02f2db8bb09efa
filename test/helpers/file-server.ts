/**
 * A loopback HTTP server serving fixed files, for download tests: each path answers with
 * its bytes and headers; `chunked` omits Content-Length; `lieLength` declares a wrong one.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedFile {
  body: Buffer;
  status?: number;
  contentType?: string;
  /** Send without Content-Length (chunked). */
  chunked?: boolean;
  /** Declare this Content-Length instead of the real one. */
  declaredLength?: number;
}

export interface FileServer {
  url(path: string): string;
  set(path: string, file: ServedFile): void;
  /** Paths requested so far, in order. */
  hits: string[];
  close(): Promise<void>;
}

export async function startFileServer(files: Record<string, ServedFile> = {}): Promise<FileServer> {
  const table = new Map(Object.entries(files));
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const p = (req.url ?? "/").split("?")[0]!;
    hits.push(p);
    const f = table.get(p);
    if (!f) return void res.writeHead(404).end("not found");
    const headers: Record<string, string | number> = { "content-type": f.contentType ?? "application/octet-stream" };
    if (f.declaredLength !== undefined) headers["content-length"] = f.declaredLength;
    else if (!f.chunked) headers["content-length"] = f.body.length;
    res.writeHead(f.status ?? 200, headers);
    if (f.chunked) {
      // Several writes so the client sees a stream, not one buffer.
      for (let i = 0; i < f.body.length; i += 1024) res.write(f.body.subarray(i, i + 1024));
      res.end();
    } else {
      res.end(f.declaredLength !== undefined && f.declaredLength < f.body.length ? f.body.subarray(0, f.declaredLength) : f.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    set: (p, f) => void table.set(p, f),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
