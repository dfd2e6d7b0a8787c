import { engine } from "@/lib/engine";
import { at, int, str } from "@/lib/engine/sql";
import type { Vitals, VitalsRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import type { Dimension } from "./dimensions";
import { columnFilterSql, labelled, selection } from "./selection";
import { rateVital, roundVital, VITAL_STEPS, VITALS } from "./vitals-ratings";

// Dimensions a vitals row answers itself: the page and what its request said
// (host, geo, user agent). A filter on any other dimension (source, campaign,
// entry or exit page, goal) keeps the vitals of visitors with a visit in the
// range that passes every such filter.
const OWN_COLUMN: Partial<Record<Dimension, string>> = {
  page: "path", hostname: "hostname", country: "country", region: "region", city: "city", browser: "browser", os: "os", device: "device",
};

type Tallied = { part: "total" | "page" | "device"; value: string; samples: number } & Record<`${(typeof VITALS)[number]}_${"p75" | "n"}`, number | null>;

function rowOf(t: Tallied): VitalsRow {
  const row = { samples: Number(t.samples) } as VitalsRow;
  for (const name of VITALS) {
    const samples = Number(t[`${name}_n`] ?? 0);
    const raw = t[`${name}_p75`];
    if (!samples || raw === null) row[name] = null;
    else {
      const p75 = roundVital(name, Number(raw));
      row[name] = { p75, samples, rating: rateVital(name, p75) };
    }
  }
  return row;
}

/**
 * Web vitals of the range's page loads (by the time they were reported): the
 * 75th percentile of each metric, with Google's rating of it, for all of them,
 * per page (the `limit` most measured) and per device. `quantile` is exact
 * (linear between the closest ranks) up to 8,192 values and sampled above;
 * it is asked in whole steps (roundVital).
 */
export async function getVitals(ctx: StatsContext, limit: number): Promise<Vitals> {
  const e = await engine();
  const { range } = ctx.period;
  const where = [`website_id = ${str(ctx.id)}`, `ts >= ${at(range.start)}`, `ts < ${at(range.end)}`];
  for (const f of ctx.filters) {
    const column = OWN_COLUMN[f.dimension];
    if (column) where.push(columnFilterSql(f, column));
  }
  const visitFilters = ctx.filters.filter((f) => !OWN_COLUMN[f.dimension]);
  if (visitFilters.length) {
    const sel = selection(e, { ...ctx, filters: visitFilters }, [range]);
    where.push(`visitor IN (SELECT visitor FROM ${sel.events} WHERE ${sel.visits})`);
  }
  const metrics = VITALS.map((m) => `quantile(0.75)(round(${m} * ${VITAL_STEPS[m]})) AS ${m}_p75, count(${m}) AS ${m}_n`).join(", ");
  const from = `FROM ${e.tables.vitals} WHERE ${where.map((c) => `(${c})`).join(" AND ")}`;
  const grouped = (part: string, column: string, cap: string) =>
    `SELECT * FROM (SELECT ${str(part)} AS part, ${labelled(column)} AS value, count() AS samples, ${metrics} ${from} GROUP BY value ORDER BY samples DESC, value ${cap})`;
  const tallied = await e.query<Tallied>(
    [`SELECT 'total' AS part, '' AS value, count() AS samples, ${metrics} ${from}`, grouped("page", "path", `LIMIT ${int(limit)}`), grouped("device", "device", "")].join(
      " UNION ALL ",
    ),
  );
  const total = tallied.find((t) => t.part === "total");
  const groups = (g: Tallied["part"]) => tallied.filter((t) => t.part === g).sort((a, b) => Number(b.samples) - Number(a.samples) || a.value.localeCompare(b.value));
  return {
    total: total ? rowOf(total) : rowOf({ part: "total", value: "", samples: 0 } as Tallied),
    pages: groups("page").map((t) => ({ value: t.value, ...rowOf(t) })),
    devices: groups("device").map((t) => ({ value: t.value, ...rowOf(t) })),
  };
}
