import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { StatsContext } from "./context";
import { dayKeyFormatter } from "./day-key";
import { addMonths } from "./period";
import { CUSTOMER } from "./selection";

/**
 * Monthly recurring revenue from the payments themselves (no provider's
 * subscription objects are read): a subscriber is a customer with at least one
 * renewal payment; their MRR in a month (site time zone, whole months) is
 * their net payments in the site currency that month. Month over month, per
 * subscriber: new (nothing the month before), expansion (more), contraction
 * (less), churn (nothing now). Plans billed yearly count in the month they are
 * paid. Site-wide: the dashboard's filters do not apply to subscriptions.
 */
export type MrrMonth = { month: string; mrr: number; subscribers: number; newMrr: number; expansion: number; contraction: number; churn: number };

type Row = { m: string; mrr: number; subscribers: number; fresh: number; expansion: number; contraction: number; churned: number };

/** "YYYY-MM" of every month the range touches, oldest first. */
export function monthsOf(ctx: StatsContext): string[] {
  const day = dayKeyFormatter(ctx.timezone);
  const first = `${day(ctx.period.range.start).slice(0, 7)}-01`;
  const last = `${day(new Date(ctx.period.range.end.getTime() - 1)).slice(0, 7)}-01`;
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

export async function getMrr(ctx: StatsContext): Promise<MrrMonth[]> {
  const e = await engine();
  const months = monthsOf(ctx);
  const site = `website_id = ${str(ctx.id)}`;
  const tz = str(ctx.timezone);
  const from = `${addMonths(`${months[0]}-01`, -1)}`;
  const to = `${months.at(-1)}-01`;
  const month = `toStartOfMonth(toTimeZone(ts, ${tz}))`;
  // A loose bound on ts first (the table's order), then whole local months.
  const loose = `ts >= ${at(ctx.period.range.start.getTime() - 64 * 86_400_000)} AND ts < ${at(ctx.period.range.end.getTime() + 32 * 86_400_000)}`;
  const rows = await e.query<Row>(`SELECT toString(mon) AS m, sum(cur) AS mrr, countIf(cur > 0) AS subscribers, sumIf(cur, prev = 0) AS fresh,
      sumIf(cur - prev, prev > 0 AND cur > prev) AS expansion, sumIf(prev - cur, cur > 0 AND prev > cur) AS contraction, sumIf(prev, cur = 0) AS churned
    FROM (
      SELECT tupleElement(x, 1) AS mon, who, sum(tupleElement(x, 2)) AS cur, sum(tupleElement(x, 3)) AS prev FROM (
        SELECT who, arrayJoin([(paid_month, amt, toInt64(0)), (addMonths(paid_month, 1), toInt64(0), amt)]) AS x FROM (
          SELECT ${month} AS paid_month, ${CUSTOMER} AS who, sum(amount - refunded) AS amt FROM ${e.tables.payments} FINAL
          WHERE ${site} AND ${loose} AND currency = ${str(ctx.currency)} AND ${month} >= toDate(${str(from)}) AND ${month} <= toDate(${str(to)})
            AND ${CUSTOMER} IN (SELECT DISTINCT ${CUSTOMER} FROM ${e.tables.payments} FINAL WHERE ${site} AND renewal = 1 AND amount - refunded > 0)
          GROUP BY paid_month, who HAVING amt > 0
        )
      ) GROUP BY mon, who
    ) WHERE mon >= toDate(${str(`${months[0]}-01`)}) AND mon <= toDate(${str(to)}) GROUP BY mon`);
  const byMonth = new Map(rows.map((r) => [r.m.slice(0, 7), r]));
  return months.map((m) => {
    const r = byMonth.get(m);
    return { month: m, mrr: r?.mrr ?? 0, subscribers: r?.subscribers ?? 0, newMrr: r?.fresh ?? 0, expansion: r?.expansion ?? 0, contraction: r?.contraction ?? 0, churn: r?.churned ?? 0 };
  });
}
