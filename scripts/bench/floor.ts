// The floor under a dashboard load: only the exact distinct-visitor counts it
// has to make (the overview and the chart over the range and the one before
// it, the five panels over the range), nothing else, all at once on the
// engine in this process (the server stopped, as chDB opens a directory in
// one process only). What a load does beside them (pageviews, bounces,
// durations, payers, revenue, HTTP, sign-in checks) comes on top, so a load
// cannot be faster than this on the same machine.
import { closeEngines, engine } from "../../lib/engine";
import { at, str } from "../../lib/engine/sql";
import { resolvePeriod } from "../../lib/stats/period";
import { pct } from "./http";

export async function countingFloor(siteId: string, reps: number): Promise<number[]> {
  const e = await engine();
  const { range, previous } = resolvePeriod({ period: "30d" }, "UTC", new Date());
  if (!previous) throw new Error("30d has a previous period");
  const rows = (start: Date) => `FROM ${e.tables.events} WHERE website_id = ${str(siteId)} AND session_start >= ${at(start)} AND session_start < ${at(range.end)}`;
  const p = `if(session_start >= ${at(range.start)}, 0, 1)`;
  const visits = "uniqExactIf(visitor, session_first = 1)";
  const statements = [
    `SELECT ${p} AS p, ${visits} ${rows(previous.start)} GROUP BY p`,
    `SELECT ${p} AS p, toDate(session_start) AS d, ${visits} ${rows(previous.start)} GROUP BY p, d`,
    ...["channel", "country", "browser"].map((c) => `SELECT ${c}, ${visits} ${rows(range.start)} GROUP BY ${c}`),
    `SELECT path, uniqExact(visitor) ${rows(range.start)} AND kind = 'pageview' GROUP BY path`,
    `SELECT name, uniqExact(visitor) ${rows(range.start)} AND kind = 'goal' GROUP BY name`,
  ];
  try {
    await Promise.all(statements.map((s) => e.query(s)));
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      await Promise.all(statements.map((s) => e.query(s)));
      times.push(performance.now() - t);
    }
    return [pct(times, 50), pct(times, 95)];
  } finally {
    await closeEngines();
  }
}
