import type { EngineDriver } from "./driver";
import { eventsTableStatement } from "./schema";
import { str } from "./sql";

export type RebuildProgress = (done: number, total: number) => void;

/** Whether an events table can be read through its sampling key (`SAMPLE 1/k`). */
export async function hasSamplingKey(driver: EngineDriver, database: string, table: string): Promise<boolean> {
  const [row] = await driver.query<{ key: string }>(`SELECT sampling_key AS key FROM system.tables WHERE database = ${str(database)} AND name = ${str(table)}`);
  return Boolean(row?.key);
}

/**
 * Gives an events table made before the sampling key the sorting it needs
 * (lib/engine/schema.ts), once: the rows are copied a month at a time into a
 * new table, which then takes the old one's place, and the old is dropped.
 * It runs while the engine is being opened, before any statement reaches it,
 * so nothing is written to the table meanwhile. A leftover of a rebuild that
 * stopped half-way is dropped and the copy starts again; the original table
 * is untouched until the exchange.
 */
export async function rebuildWithSamplingKey(driver: EngineDriver, database: string, progress: RebuildProgress): Promise<number> {
  const events = `${database}.events`;
  const copy = `${database}.events_resorted`;
  await driver.exec(`DROP TABLE IF EXISTS ${copy}`);
  await driver.exec(eventsTableStatement(copy));
  const months = await driver.query<{ id: string; rows: number }>(
    `SELECT partition_id AS id, sum(rows) AS rows FROM system.parts WHERE database = ${str(database)} AND table = 'events' AND active GROUP BY id ORDER BY id`,
  );
  const total = months.reduce((n, m) => n + m.rows, 0);
  let done = 0;
  progress(0, total);
  for (const m of months) {
    // SELECT * leaves out the MATERIALIZED hashes; the insert computes them again.
    await driver.exec(`INSERT INTO ${copy} SELECT * FROM ${events} WHERE _partition_id = ${str(m.id)}`);
    progress((done += m.rows), total);
  }
  const [copied] = await driver.query<{ n: number }>(`SELECT count() AS n FROM ${copy}`);
  if (copied.n !== total) throw new Error(`rebuilding ${events} copied ${copied.n} of ${total} rows; the table is left as it was`);
  await driver.exec(`EXCHANGE TABLES ${events} AND ${copy}`);
  await driver.exec(`DROP TABLE ${copy}`);
  return total;
}
