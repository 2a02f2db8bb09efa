/**
 * Open311 GeoReport v2 representations: the records of the spec and their XML (schemaless,
 * no namespace, UTF-8 declaration) and JSON (the Spark mapping: a list of objects).
 */
import { w3cDateTimeVi } from "../../lib/time.ts";

export type Field = string | number | boolean | null;
export type Record311 = { [key: string]: Field | Field[] | Record311[] | Record311 };

/** W3C date-time in Vietnam time with its offset: 2026-11-23T10:15:00+07:00. */
export function w3c(d: Date | null): string | null {
  return d ? w3cDateTimeVi(d) : null;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function element(name: string, value: Record311[string] | undefined, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}></${name}>`;
  if (Array.isArray(value)) {
    // A list field (formats, attributes, endpoints) repeats the singular element inside its plural.
    const single = name.endsWith("s") ? name.slice(0, -1) : name;
    const inner = (value as unknown[]).map((v) => (typeof v === "object" && v !== null ? record(single, v as Record311, `${indent}  `) : element(single, v as Field, `${indent}  `)));
    return inner.length ? `${indent}<${name}>\n${inner.join("\n")}\n${indent}</${name}>` : `${indent}<${name}></${name}>`;
  }
  if (typeof value === "object") return record(name, value, indent);
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

function record(name: string, r: Record311, indent: string): string {
  const body = Object.entries(r).map(([k, v]) => element(k, v, `${indent}  `));
  return `${indent}<${name}>\n${body.join("\n")}\n${indent}</${name}>`;
}

/** `<?xml …?><root><item>…</item>…</root>` for a list of records. */
export function xmlList(root: string, item: string, records: Record311[]): string {
  const inner = records.map((r) => record(item, r, "  "));
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner.length ? `\n${inner.join("\n")}\n` : ""}</${root}>\n`;
}

/** `<?xml …?><root>…</root>` for one record. */
export function xmlRecord(root: string, r: Record311): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${record(root, r, "")}\n`;
}

export function errorRecords(code: number, description: string): Record311[] {
  return [{ code, description }];
}
