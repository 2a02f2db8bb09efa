/**
 * Content type from a file's first bytes (magic numbers), never from the sender's claim:
 * a URL ending in .jpg or a Content-Type header can say anything. Only what staff should
 * open is recognised: common photo formats and PDF.
 */

export interface SniffedType {
  mime: string;
  /** File name extension used when the file is stored. */
  ext: string;
  family: "image" | "pdf";
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** HEIF/HEIC brands phones write (iPhone photos are HEIC unless converted). */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx"]);
const HEIF_BRANDS = new Set(["mif1", "msf1", "heif"]);

/** The recognised type of `bytes`, or null for anything else (audio, video, archives, text, executables…). */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length >= 3 && startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", ext: "jpg", family: "image" };
  if (bytes.length >= 8 && startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", ext: "png", family: "image" };
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return { mime: "image/gif", ext: "gif", family: "image" };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return { mime: "image/webp", ext: "webp", family: "image" };
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (HEIC_BRANDS.has(brand)) return { mime: "image/heic", ext: "heic", family: "image" };
    if (HEIF_BRANDS.has(brand)) return { mime: "image/heif", ext: "heif", family: "image" };
    return null; // mp4, mov, m4a… share the ftyp box
  }
  // PDF: "%PDF-" within the first 1 KiB (some writers put a few bytes before it).
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024));
  if (head.includes("%PDF-")) return { mime: "application/pdf", ext: "pdf", family: "pdf" };
  return null;
}
