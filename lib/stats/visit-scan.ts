import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { askedTogether } from "./asked-together";
import { bucketKeySql } from "./buckets";
import type { TimeInterval } from "./period";
import { paidIn, type Selection } from "./selection";

/** A period's visit totals (the overview). */
export type TotalsRow = { p: number; visitors: number; sessions: number; pageviews: number; duration: number; bounces: number; payers: number };
/** A bucket's visitors and pageviews (the chart). */
export type BucketRow = { p: number; b: string; visitors: number; pageviews: number };

/**
 * How the overview's and the chart's visit counts are read: one statement
 * each (`scanAlone`), or, within a dashboard load, one statement for both when
 * they count the same rows (`scansTogether`).
 */
export type VisitScan = {
  totals: (sel: Selection) => Promise<TotalsRow[]>;
  buckets: (sel: Selection, interval: TimeInterval) => Promise<BucketRow[]>;
};

const totalsColumns = (sel: Selection) => `uniqExactIf(visitor, session_first = 1) AS visitors, countIf(session_first = 1) AS sessions,
    countIf(kind = 'pageview' AND ${sel.pageHit}) AS pageviews, sum(session_seconds) AS duration,
    countIf(session_first = 1) - countIf(kind = 'pageview' AND session_view = 2) AS bounces,
    uniqExactIf(visitor, session_first = 1 AND ${paidIn(sel)}) AS payers`;
const bucketOf = (sel: Selection, interval: TimeInterval) => bucketKeySql("session_start", interval, sel.ctx.timezone, str);

/** Headline counts of each period: one scan of the visits' rows. */
const totalsSql = (sel: Selection) => `SELECT ${sel.period("session_start")} AS p, ${totalsColumns(sel)}
  FROM ${sel.sampled} WHERE ${sel.visits} GROUP BY p`;

/** Visitors and pageviews per bucket of each period, from the rows `counted` names (the matching pageviews under a page filter). */
const bucketsSql = (sel: Selection, interval: TimeInterval) => `SELECT ${sel.period("session_start")} AS p, ${bucketOf(sel, interval)} AS b,
    uniqExactIf(visitor, ${sel.counted.visitorRow}) AS visitors, ${sel.counted.pageviews} AS pageviews
  FROM ${sel.sampled} WHERE ${sel.counted.where} GROUP BY p, b`;

export const scanAlone: VisitScan = {
  totals: async (sel) => (await engine()).query<TotalsRow>(totalsSql(sel)),
  buckets: async (sel, interval) => (await engine()).query<BucketRow>(bucketsSql(sel, interval)),
};

type Waiting = { sel: Selection; totals: ((rows: Promise<TotalsRow[]>) => void)[]; buckets: Map<TimeInterval, ((rows: Promise<BucketRow[]>) => void)[]> };

/**
 * The overview and the chart of a dashboard load read the same rows when no
 * page filter narrows the chart to the matching pageviews: then one scan
 * with two grouping sets, (period) and (period, bucket), answers both
 * (a 10M-event site's month and the one before it: ~200 ms of engine CPU
 * against ~250 ms as two statements). Asked in the same moment and of the
 * same rows (the totals statements of both selections are the same text)
 * they are joined (in the same time zone); anything else runs alone.
 */
export function scansTogether(): VisitScan {
  const gathered = askedTogether<string, Waiting>(({ sel, totals, buckets }) => {
    const intervals = [...buckets.keys()];
    if (!totals.length || intervals.length !== 1) {
      for (const settle of totals) settle(scanAlone.totals(sel));
      for (const [interval, asked] of buckets) for (const settle of asked) settle(scanAlone.buckets(sel, interval));
      return;
    }
    const rows = engine().then((e) => e.query<TotalsRow & { b: string; whole: number }>(togetherSql(sel, intervals[0])));
    for (const settle of totals) settle(rows.then((all) => all.filter((r) => r.whole === 1)));
    for (const settle of buckets.get(intervals[0])!) settle(rows.then((all) => all.filter((r) => r.whole === 0)));
  });
  // Same rows and payers (the totals' text) and the same zone (the buckets' days).
  const ask = (sel: Selection) => gathered(`${sel.ctx.timezone}\n${totalsSql(sel)}`, () => ({ sel, totals: [], buckets: new Map() }));
  return {
    totals: (sel) => new Promise((resolve) => ask(sel).totals.push(resolve)),
    buckets: (sel, interval) => {
      // Under a page filter the chart counts other rows than the overview: nothing to share.
      if (sel.hits) return scanAlone.buckets(sel, interval);
      const asked = ask(sel).buckets;
      if (!asked.has(interval)) asked.set(interval, []);
      return new Promise((resolve) => asked.get(interval)!.push(resolve));
    },
  };
}

/** Both grouping sets in one scan; `whole` is 1 on a period's totals, 0 on its buckets. */
const togetherSql = (sel: Selection, interval: TimeInterval) => `SELECT ${sel.period("session_start")} AS p, ${bucketOf(sel, interval)} AS b, grouping(b) AS whole,
    ${totalsColumns(sel)}
  FROM ${sel.sampled} WHERE ${sel.visits} GROUP BY GROUPING SETS ((p), (p, b))`;
