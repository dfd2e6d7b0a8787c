// The embedded engine's connections: a statement does not wait for another
// one still running on the same directory, and every connection sees the
// rows any of them wrote (one engine, one data directory); memory a query
// used goes back to the system once the connections are idle.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineDriver } from "@/lib/engine/driver";
import { connectionCount, embeddedDriver, purgeIdleMs } from "@/lib/engine/embedded";

const dir = mkdtempSync(path.join(os.tmpdir(), "trailmark-pool-"));
let driver: EngineDriver;

beforeAll(() => {
  // Idle memory handed back after 200 ms here (10 s in the app), well before the allocator's own decay (~8 s).
  driver = embeddedDriver(dir, 3, 200);
});
afterAll(async () => {
  await driver?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("embedded engine connections", () => {
  // First in the file: no purge has run yet, so nothing spaces this one out (purges are at least 10 s apart).
  it("hands the memory a large query used back to the system once idle", async () => {
    const anonMb = () => Number(/RssAnon:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
    const before = anonMb();
    // ~240 MB of numbers held by the engine while the statement runs.
    const [{ n }] = await driver.query<{ n: number }>("SELECT length(groupArray(number)) AS n FROM numbers(30000000)");
    expect(n).toBe(30_000_000);
    const peak = anonMb();
    expect(peak - before).toBeGreaterThan(150);
    let now = peak;
    for (let i = 0; i < 30 && now - before > 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = anonMb();
    }
    // Within these 3 s only the purge returns it: the allocator's own decay takes longer.
    expect(now - before).toBeLessThan(100);
    expect(await driver.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("answers a statement while another is still running", async () => {
    // A slow statement (about 3 s) marked by a comment, then a look at what the engine is running.
    const slow = driver.query("SELECT /* pool-slow */ sum(sleepEachRow(0.5)) AS s FROM numbers(6) SETTINGS max_block_size = 1");
    let seen = 0;
    for (let i = 0; i < 200 && !seen; i++) {
      const [row] = await driver.query<{ n: number }>("SELECT count() AS n FROM system.processes WHERE query LIKE '%pool-slow%' AND query NOT LIKE '%system.processes%'");
      seen = row.n;
    }
    // On one connection the look would only run once the slow statement had finished, and find nothing.
    expect(seen).toBe(1);
    expect(await slow).toHaveLength(1);
  });

  it("shares one engine: rows written through one connection are read through the others", async () => {
    await driver.exec("CREATE TABLE IF NOT EXISTS pool_rows (n UInt32) ENGINE = MergeTree ORDER BY n");
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => driver.insert("pool_rows", [{ n }])));
    const counts = await Promise.all([0, 1, 2].map(() => driver.query<{ c: number }>("SELECT count() AS c FROM pool_rows")));
    expect(counts.map(([r]) => r.c)).toEqual([6, 6, 6]);
  });

  it("opens as many connections as TRAILMARK_ENGINE_CONNECTIONS says, within bounds", () => {
    expect(connectionCount({ TRAILMARK_ENGINE_CONNECTIONS: "2" })).toBe(2);
    expect(connectionCount({})).toBe(4);
    expect(connectionCount({ TRAILMARK_ENGINE_CONNECTIONS: "0" })).toBe(4);
    expect(connectionCount({ TRAILMARK_ENGINE_CONNECTIONS: "lots" })).toBe(4);
  });

  it("reads how long to stay idle before handing memory back from TRAILMARK_ENGINE_IDLE_MS (default 10 s)", () => {
    expect(purgeIdleMs({})).toBe(10_000);
    expect(purgeIdleMs({ TRAILMARK_ENGINE_IDLE_MS: "2500" })).toBe(2_500);
    expect(purgeIdleMs({ TRAILMARK_ENGINE_IDLE_MS: "0" })).toBe(0);
    expect(purgeIdleMs({ TRAILMARK_ENGINE_IDLE_MS: "" })).toBe(10_000);
    expect(purgeIdleMs({ TRAILMARK_ENGINE_IDLE_MS: "soon" })).toBe(10_000);
    expect(purgeIdleMs({ TRAILMARK_ENGINE_IDLE_MS: "-5" })).toBe(10_000);
  });
});
