/**
 * The product logger (pino underneath): one JSON object a line with level, time and
 * message, the level threshold and `silent`, and the personal-data scrub applied to the
 * message and to every string field before a line leaves the process.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "../../bot/logger.ts";

function capture(level: LogLevel) {
  const lines: string[] = [];
  return { log: createLogger(level, (l) => void lines.push(l)), lines };
}

describe("createLogger", () => {
  it("writes one JSON object a line, without the newline, with level, time, fields and message", () => {
    const { log, lines } = capture("debug");
    log.info("outbox drained", { count: 3, channel: "telegram" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\n/);
    const o = JSON.parse(lines[0]!);
    expect(o).toEqual({ level: "info", t: expect.any(String), msg: "outbox drained", count: 3, channel: "telegram" });
    expect(new Date(o.t).toISOString()).toBe(o.t);
    log.error("no fields");
    expect(JSON.parse(lines[1]!)).toEqual({ level: "error", t: expect.any(String), msg: "no fields" });
  });

  it("drops calls below its level; silent writes nothing", () => {
    const levels = (l: LogLevel) => {
      const { log, lines } = capture(l);
      log.debug("d");
      log.info("i");
      log.warn("w");
      log.error("e");
      return lines.map((x) => JSON.parse(x).level);
    };
    expect(levels("debug")).toEqual(["debug", "info", "warn", "error"]);
    expect(levels("info")).toEqual(["info", "warn", "error"]);
    expect(levels("warn")).toEqual(["warn", "error"]);
    expect(levels("error")).toEqual(["error"]);
    expect(levels("silent")).toEqual([]);
  });

  it("scrubs phones, ID numbers and e-mails from the message, string fields and errors", () => {
    const { log, lines } = capture("debug");
    log.warn("failed for 0912 345 678", {
      error: "CCCD 012345678901 rejected",
      err: new Error("mail nguyen.lan@example.vn bounced"),
      count: 2,
    });
    const line = lines[0]!;
    for (const pii of ["0912 345 678", "012345678901", "nguyen.lan@example.vn"]) expect(line).not.toContain(pii);
    const o = JSON.parse(line);
    expect(o.msg).toMatch(/^failed for \[/);
    expect(o.error).toMatch(/^CCCD \[.*\] rejected$/);
    expect(o.err).toMatch(/^Error: mail \[.*\] bounced$/);
    expect(o.count).toBe(2);
  });

  it("does not interpolate printf-style placeholders in a message", () => {
    const { log, lines } = capture("info");
    log.info("100% %s %d done", { a: 1 });
    expect(JSON.parse(lines[0]!).msg).toBe("100% %s %d done");
  });

  it("writes to stderr by default, never to stdout", () => {
    const script = "import { createLogger } from './bot/logger.ts'; const l = createLogger('warn'); l.info('hidden'); l.warn('shown', { n: 1 });";
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", msg: "shown", n: 1 });
  });
});
