// The ingest log on disk: what a crash, a full disk or a torn write leave in
// it, and what the next process does with that. Real files; the file-size
// limit is a real RLIMIT_FSIZE on a real process.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Types } from "mongoose";
import { describe, expect, it, vi } from "vitest";
import type { BufferedEvent } from "@/lib/ingest/batch-writer";
import { WriteBuffer } from "@/lib/ingest/buffer";
import { orphanAs } from "../../helpers/ingest-log";

const root = path.resolve(import.meta.dirname, "../../..");
const SITE = "65f1c0ffee0123456789abcd";
const newDir = () => mkdtempSync(path.join(tmpdir(), "tm-log-"));
const event = (p: string): BufferedEvent => ({ id: String(new Types.ObjectId()), websiteId: SITE, visitorId: "v", type: "pageview", path: p, timestamp: new Date().toISOString(), context: { channel: "Direct" } });
const line = (e: BufferedEvent) => JSON.stringify(e) + "\n";

/** A buffer whose writer records the paths it was given, in order. */
function recording(dir: string) {
  const written: string[] = [];
  const buffer = new WriteBuffer(dir, async (batch) => {
    written.push(...batch.map((e) => e.path));
  });
  return { buffer, written };
}

describe("corrupt lines", () => {
  it("drops quarantined lines that name an erased visitor, and only those", async () => {
    const dir = newDir();
    const erased = { ...event("/gone"), visitorId: "erased-visitor" };
    // Two torn lines: one still names the erased visitor, one another visitor.
    writeFileSync(path.join(dir, "active-999992.ndjson"), line(erased).slice(0, 120) + "\n" + line(event("/kept")).slice(0, 60) + "\n");
    const { buffer } = recording(dir);
    await buffer.flush();
    expect(buffer.status().quarantined).toBe(2);
    expect(readFileSync(path.join(dir, "quarantine.ndjson"), "utf8")).toContain("erased-visitor");
    expect(buffer.scrubQuarantine(["erased-visitor"])).toBe(1);
    expect(buffer.scrubQuarantine(["erased-visitor"])).toBe(0);
    const left = readFileSync(path.join(dir, "quarantine.ndjson"), "utf8");
    expect(left).not.toContain("erased-visitor");
    expect(left.trim().split("\n")).toHaveLength(1);
    expect(buffer.status().quarantined).toBe(1);
    buffer.stop();
  });

  it("sets torn and malformed lines aside in the quarantine file, counts them once, and writes every other event", async () => {
    const dir = newDir();
    const good = ["/a", "/b", "/c"].map(event);
    const torn = line(event("/torn")).slice(0, 40);
    // A dead process's segment: a good line, garbage, JSON that is no event, good lines, and a torn tail.
    writeFileSync(path.join(dir, "active-999991.ndjson"), line(good[0]) + "not json at all\n" + '{"id":1}\n' + line(good[1]) + line(good[2]) + torn);
    const { buffer, written } = recording(dir);
    await buffer.flush();
    expect(written).toEqual(["/a", "/b", "/c"]);
    expect(buffer.status().quarantined).toBe(3);
    const quarantined = readFileSync(path.join(dir, "quarantine.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { raw: string; segment: string });
    expect(quarantined.map((q) => q.raw)).toEqual(["not json at all", '{"id":1}', torn]);
    expect(quarantined.every((q) => q.segment.includes("999991"))).toBe(true);
    // Nothing is left to replay but the quarantine file, and later events still flow.
    expect(readdirSync(dir)).toEqual(["quarantine.ndjson"]);
    buffer.add(event("/after"));
    await buffer.flush();
    expect(written).toEqual(["/a", "/b", "/c", "/after"]);
    // The next process counts what was set aside before it, without adding to it.
    expect(new WriteBuffer(dir, async () => {}).status().quarantined).toBe(3);
    buffer.stop();
  });

  it("quarantines a segment's bad lines once, even when the store fails and the segment is read again", async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, "active-999992.ndjson"), line(event("/x")) + "garbage\n");
    let fail = true;
    const written: string[] = [];
    const buffer = new WriteBuffer(dir, async (batch) => {
      if (fail) throw new Error("store down");
      written.push(...batch.map((e) => e.path));
    });
    await buffer.flush();
    expect(buffer.failures).toBe(1);
    fail = false;
    await buffer.flush();
    expect(written).toEqual(["/x"]);
    expect(buffer.status().quarantined).toBe(1);
    expect(readFileSync(path.join(dir, "quarantine.ndjson"), "utf8").trim().split("\n")).toHaveLength(1);
    buffer.stop();
  });
});

describe("replay order", () => {
  it("replays segments of several dead processes oldest first, whatever their pids", async () => {
    const dir = newDir();
    const failing = () => new WriteBuffer(dir, async () => {
      throw new Error("store down");
    });
    // Each process seals a segment (its flush fails, so the segment stays), appends one more event and dies.
    const lifetime = async (paths: string[], pid: number) => {
      const buffer = failing();
      for (const p of paths.slice(0, -1)) buffer.add(event(p));
      await buffer.flush();
      buffer.add(event(paths.at(-1)!));
      buffer.stop();
      orphanAs(dir, pid);
    };
    // An older process with a high pid, then a newer one with a low pid, a
    // second later on the clock the log names its segments by.
    const started = Date.UTC(2026, 0, 5, 9);
    vi.useFakeTimers({ toFake: ["Date"], now: started });
    try {
      await lifetime(["/1", "/2", "/3"], 999_993);
      vi.setSystemTime(started + 1_000);
      await lifetime(["/4", "/5", "/6"], 100_004);
    } finally {
      vi.useRealTimers();
    }
    const { buffer, written } = recording(dir);
    await buffer.flush();
    expect(written).toEqual(["/1", "/2", "/3", "/4", "/5", "/6"]);
    expect(readdirSync(dir)).toEqual([]);
    buffer.stop();
  });

  it("sorts the names earlier versions wrote by time, not by pid (an orphaned active segment is its process's newest)", async () => {
    const dir = newDir();
    const at = (ms: number) => new Date(ms);
    writeFileSync(path.join(dir, "sealed-900001-1000-0.ndjson"), line(event("/first")));
    writeFileSync(path.join(dir, "active-900001.ndjson"), line(event("/second")));
    utimesSync(path.join(dir, "active-900001.ndjson"), at(1500), at(1500));
    writeFileSync(path.join(dir, "sealed-200002-2000-0.ndjson"), line(event("/third")));
    writeFileSync(path.join(dir, "active-200002.ndjson"), line(event("/fourth")));
    utimesSync(path.join(dir, "active-200002.ndjson"), at(2500), at(2500));
    const { buffer, written } = recording(dir);
    await buffer.flush();
    expect(written).toEqual(["/first", "/second", "/third", "/fourth"]);
    expect(readdirSync(dir)).toEqual([]);
    buffer.stop();
  });
});

/** Runs tests/helpers/log-appender.ts under a file-size limit of `bytes`, appending `count` events. */
async function appendUnderLimit(dir: string, bytes: number, count: number) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/helpers/log-appender.ts"), dir, String(count)], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  expect((await lines.next()).value).toBe("ready");
  const limited = spawnSync("prlimit", ["--pid", String(child.pid), `--fsize=${bytes}:`]);
  expect(limited.status, String(limited.stderr)).toBe(0);
  child.stdin!.write("go\n");
  const report = JSON.parse((await lines.next()).value as string) as { acked: string[]; refused: { status?: number; code?: string }[]; status: { log: string } };
  return report;
}

/** Every line of every segment in `dir`, each parsed (a torn line throws). */
const loggedIds = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^(active|sealed)-/.test(f))
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean))
    .map((l) => (JSON.parse(l) as BufferedEvent).id);

describe("short writes (a file-size limit, as a full disk cuts a write)", () => {
  it("keeps the log whole: a segment that hits the limit is closed and the event goes to a fresh one", async () => {
    const dir = newDir();
    const report = await appendUnderLimit(dir, 8_000, 60);
    expect(report.refused).toEqual([]);
    const ids = loggedIds(dir);
    expect(ids.sort()).toEqual([...report.acked].sort());
    expect(readdirSync(dir).filter((f) => f.startsWith("sealed-")).length).toBeGreaterThan(1);
  });

  it("refuses the event (503) when not even a fresh segment can take it, and leaves no torn line behind", async () => {
    const dir = newDir();
    const report = await appendUnderLimit(dir, 100, 5);
    expect(report.acked).toEqual([]);
    expect(report.refused).toEqual(Array(5).fill({ status: 503, code: "ingest_unavailable" }));
    expect(report.status.log).toBe("failing");
    expect(loggedIds(dir)).toEqual([]);
  });
});
