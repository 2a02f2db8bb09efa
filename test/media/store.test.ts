import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectAttachment } from "../../bot/media/attach.ts";
import { sniffContentType } from "../../bot/media/sniff.ts";
import { createMediaStore, MediaRejectedError, type MediaStore } from "../../bot/media/store.ts";
import { startFileServer, type FileServer } from "../helpers/file-server.ts";
import { EXE_HEAD, HEIC_HEAD, JPEG_HEAD, MP4_HEAD, PDF_MINI, PNG_1X1 } from "../helpers/media-fixtures.ts";

describe("sniffContentType", () => {
  it("recognises photos and PDFs by their bytes", () => {
    expect(sniffContentType(JPEG_HEAD)?.mime).toBe("image/jpeg");
    expect(sniffContentType(PNG_1X1)?.mime).toBe("image/png");
    expect(sniffContentType(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"))?.mime).toBe("image/gif");
    expect(sniffContentType(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]))?.mime).toBe("image/webp");
    expect(sniffContentType(HEIC_HEAD)?.mime).toBe("image/heic");
    expect(sniffContentType(PDF_MINI)).toEqual({ mime: "application/pdf", ext: "pdf", family: "pdf" });
  });

  it("refuses everything else, whatever it would be called", () => {
    expect(sniffContentType(EXE_HEAD)).toBeNull();
    expect(sniffContentType(MP4_HEAD)).toBeNull();
    expect(sniffContentType(Buffer.from("<html><body>not a photo</body></html>"))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});

describe("media store", () => {
  let dir: string;
  let files: FileServer;
  let store: MediaStore;
  const at = new Date("2026-12-01T08:00:00Z");

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "media-store-"));
    files = await startFileServer({
      "/photo.jpg": { body: JPEG_HEAD, contentType: "image/jpeg" },
      "/scan.pdf": { body: PDF_MINI, contentType: "application/pdf", chunked: true },
      "/virus.jpg": { body: EXE_HEAD, contentType: "image/jpeg" },
      "/big.png": { body: Buffer.concat([PNG_1X1, Buffer.alloc(5000)]), contentType: "image/png" },
      "/big-chunked.png": { body: Buffer.concat([PNG_1X1, Buffer.alloc(5000)]), chunked: true },
      "/gone.jpg": { body: Buffer.from("expired"), status: 403 },
    });
    store = createMediaStore({ dataDir: dir, maxBytes: 4096, now: () => at });
  });
  afterAll(async () => {
    await files.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("downloads a photo under DATA_DIR/media by content hash, once", async () => {
    const a = await store.download(files.url("/photo.jpg"));
    expect(a.mime).toBe("image/jpeg");
    expect(a.size).toBe(JPEG_HEAD.length);
    expect(a.path).toMatch(/^media\/2026\/12\/[0-9a-f]{64}\.jpg$/);
    expect(readFileSync(path.join(dir, a.path))).toEqual(JPEG_HEAD);
    const b = await store.download(files.url("/photo.jpg"));
    expect(b.path).toBe(a.path);
    expect(readdirSync(path.join(dir, "media", "2026", "12")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps a PDF sent without Content-Length", async () => {
    const a = await store.download(files.url("/scan.pdf"));
    expect(a).toMatchObject({ mime: "application/pdf", size: PDF_MINI.length });
    expect(a.path.endsWith(".pdf")).toBe(true);
  });

  it("refuses a file whose bytes are not an image or PDF, whatever its name and header say", async () => {
    await expect(store.download(files.url("/virus.jpg"))).rejects.toMatchObject({ reason: "unsupported_type" });
  });

  it("refuses files over the limit, declared or streamed", async () => {
    await expect(store.download(files.url("/big.png"))).rejects.toMatchObject({ reason: "too_large" });
    await expect(store.download(files.url("/big-chunked.png"))).rejects.toMatchObject({ reason: "too_large" });
  });

  it("reports HTTP failures and non-HTTP URLs without naming the URL", async () => {
    const err = await store.download(files.url("/gone.jpg")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaRejectedError);
    expect((err as MediaRejectedError).reason).toBe("http");
    expect((err as Error).message).not.toContain("127.0.0.1");
    await expect(store.download("file:///etc/passwd")).rejects.toMatchObject({ reason: "http" });
  });

  it("collectAttachment keeps a reference when the download is refused, and never downloads voice or stickers", async () => {
    const kept = await collectAttachment({ kind: "photo", ref: "p1", downloadUrl: files.url("/photo.jpg"), publicUrl: files.url("/photo.jpg") }, store);
    expect(kept).toMatchObject({ kind: "photo", ref: "p1", mime: "image/jpeg", url: files.url("/photo.jpg") });
    expect(existsSync(path.join(dir, kept.path!))).toBe(true);

    const refused = await collectAttachment({ kind: "file", ref: "f1", downloadUrl: files.url("/virus.jpg"), name: "anh.jpg", mime: "image/jpeg" }, store);
    expect(refused).toEqual({ kind: "file", ref: "f1", name: "anh.jpg", mime: "image/jpeg" });

    const before = files.hits.length;
    const voice = await collectAttachment({ kind: "voice", ref: "v1", downloadUrl: files.url("/photo.jpg") }, store);
    expect(voice).toEqual({ kind: "voice", ref: "v1" });
    const tooBig = await collectAttachment({ kind: "file", ref: "f2", downloadUrl: files.url("/photo.jpg"), size: 10_000_000 }, store);
    expect(tooBig.path).toBeUndefined();
    expect(files.hits.length).toBe(before); // neither was fetched
  });
});
