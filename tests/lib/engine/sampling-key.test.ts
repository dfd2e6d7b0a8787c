// An events table made before the sampling key (sorted by website and visit
// start) is rebuilt once when the engine opens: same rows, same hashes, the
// new sorting, its progress on stderr; a table that has the key is left alone.
import { describe, expect, it, vi } from "vitest";
import { closeEngines, engine } from "@/lib/engine";
import { EVENTS_SORT } from "@/lib/engine/schema";
import { str } from "@/lib/engine/sql";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("samplingkey");


type TableKeys = { sorting: string; sampling: string };
async function keysOf(): Promise<TableKeys> {
  const e = await engine();
  const [row] = await e.query<TableKeys>(`SELECT sorting_key AS sorting, sampling_key AS sampling FROM system.tables WHERE database = ${str(e.database)} AND name = 'events'`);
  return row;
}

const ROWS = 3 * 1_000;

/** Opens the engine afresh (its schema step runs again) and what it wrote to stderr meanwhile. */
async function reopen(): Promise<{ e: Awaited<ReturnType<typeof engine>>; said: string }> {
  await closeEngines();
  const lines: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    return { e: await engine(), said: lines.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

/** What the rebuild must keep: every row, every visitor, the same visitor hashes. */
const totals = (e: Awaited<ReturnType<typeof engine>>) =>
  e.query<{ rows: number; visitors: number; hashes: number }>(`SELECT count() AS rows, uniqExact(visitor_id) AS visitors, sum(visitor % 1000) AS hashes FROM ${e.tables.events}`);

describe("the events table's sampling key", () => {
  it("rebuilds an older table with the key, keeping every row", async () => {
    const e = await engine();
    expect(e.sampling).toBe(true);
    // Put an events table as earlier versions made it in place of the new one.
    const [ddl] = await e.query<{ statement: string }>(`SHOW CREATE TABLE ${e.tables.events}`);
    const old = ddl.statement.replace(/ORDER BY \([^)]*\)\)?[^\n]*\nSAMPLE BY visitor/, "ORDER BY (website_id, session_start, session_id)");
    expect(old).not.toContain("SAMPLE BY");
    await e.exec(`DROP TABLE ${e.tables.events}`);
    await e.exec(old);
    // Rows over three months (three partitions), with the columns ingest writes.
    await e.exec(`INSERT INTO ${e.tables.events} (website_id, session_start, session_id, visitor_id, event_id, ts, kind, session_first, path)
      SELECT 'w' || toString(number % 2), toDateTime64('2026-03-01 00:00:00', 3, 'UTC') + toIntervalHour(number), 's' || toString(number), 'v' || toString(number % 700), 'e' || toString(number),
        toDateTime64('2026-03-01 00:00:00', 3, 'UTC') + toIntervalHour(number), 'pageview', 1, '/p' || toString(number % 5)
      FROM numbers(${ROWS})`);
    const before = await totals(e);
    expect((await keysOf()).sampling).toBe("");

    const { e: reopened, said } = await reopen();

    expect(reopened.sampling).toBe(true);
    expect(await keysOf()).toEqual({ sorting: EVENTS_SORT.slice(1, -1), sampling: "visitor" });
    expect(await totals(reopened)).toEqual(before);
    expect(before[0].rows).toBe(ROWS);
    // It said what it did, with progress, and left no copy behind.
    expect(said).toMatch(/sorting the events by visitor within each day, for sampling: 0% of 3000 rows[\s\S]*100% of 3000 rows/);
    expect(said).toMatch(/events sorted for sampling: 3000 rows in/);
    const [left] = await reopened.query<{ n: number }>(`SELECT count() AS n FROM system.tables WHERE database = ${str(reopened.database)} AND name LIKE 'events_%'`);
    expect(left.n).toBe(0);
    // A sampled read now works on it: 1 in 2 of the visitors, each with all its rows.
    const [half] = await reopened.query<{ visitors: number; rows: number }>(`SELECT uniqExact(visitor_id) AS visitors, count() AS rows FROM ${reopened.tables.events} SAMPLE 1/2`);
    expect(half.visitors).toBeGreaterThan(250);
    expect(half.visitors).toBeLessThan(450);
    const [whole] = await reopened.query<{ rows: number }>(
      `SELECT count() AS rows FROM ${reopened.tables.events} WHERE visitor_id IN (SELECT visitor_id FROM ${reopened.tables.events} SAMPLE 1/2)`,
    );
    expect(half.rows).toBe(whole.rows);
  });

  it("leaves a table that has the key as it is", async () => {
    const { e, said } = await reopen();
    expect(e.sampling).toBe(true);
    expect(said).not.toMatch(/sorting the events/);
  });
});
