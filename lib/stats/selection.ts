import type { Engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { StatsContext } from "./context";
import { isTouchDimension, NONE, UNATTRIBUTED, type Dimension, type TouchDimension } from "./dimensions";
import { matches, type Filter } from "./filters";
import type { Range } from "./period";
import { EXACT, sampleCeiling, sampledFrom, type Sample } from "./sample";

/**
 * The SQL every stats question starts from: which event rows belong to the
 * visits a question counts, and which payments it credits. The rules, the
 * same for every metric, so that a breakdown row equals the overview filtered
 * by `row is value`:
 * - a visit counts in the period it started in; its rows all carry its start;
 * - session dimensions test the visit's value; `exit_page` its last pageview;
 * - `page` / `goal` with is/contains keep visits with a pageview / goal
 *   matching all such filters (and then only the matching pageviews count);
 *   is_not keeps visits without any such pageview or goal;
 * - a payment (in the period, by its time, not fully refunded) must match the
 *   filters on dimensions its touch records (TOUCH_FIELD) on that touch (first
 *   or last, by the model); when there are filters on other dimensions, its
 *   payer must have a visit in the same period passing those (the scope);
 *   a payment matched to no visitor has the touch "(unattributed)".
 * Several periods (the range and the one before it) are answered by one scan:
 * every query groups by `p`, the index of a row's period.
 */
export type Selection = {
  ctx: StatsContext;
  periods: Range[];
  /** The events table, every row: the filters' subqueries, and the questions that never sample. */
  events: string;
  /** The 1 in k of visitors a question's main scan reads (lib/stats/sample.ts); its counts are multiplied by k. */
  sample: Sample;
  /** The events table as the main scan of a counting question reads it: `events` under the sample. */
  sampled: string;
  /**
   * What the credited payments' sums are multiplied by: k when filters on
   * other dimensions than a payment's touch put the payer in scope, since the
   * scope is then read from the sample (only the sampled payers are credited);
   * 1 otherwise (every credited payment is counted, exactly).
   */
  moneyScale: number;
  /** The period index of an instant column (-1 outside every period). */
  period: (column: string) => string;
  /** Whether an instant column falls in one of the periods. */
  within: (column: string) => string;
  /** The engine's table of imported daily aggregates. */
  imported: string;
  /** Rows of the website whose visit started in one of the periods. */
  base: string;
  /** Rows of visits passing every filter. */
  visits: string;
  /** Rows of visits passing the filters a payment's touch cannot answer. */
  scope: string;
  /** Pageview rows that count (those of the positive page filters, when there are any): a condition on a row. */
  pageHit: string;
  /**
   * When the visits are those with a pageview matching the page filters (no
   * other test needs a visit's other rows): exactly their counted pageview
   * rows, with no subquery. Visitors, pageviews and session values then come
   * from these rows alone. Null otherwise.
   */
  hits: string | null;
  /**
   * Where a question counts visitors and pageviews from: the visits' rows (a
   * visitor on its visits' first rows, the counted pageviews among them), or
   * the `hits` rows when those stand for the visits (each is a counted pageview).
   */
  counted: { where: string; visitorRow: string; pageviews: string };
  /** Goal rows a goal breakdown counts (those of the positive goal filters). */
  goalHit: string;
  /**
   * Credited payments with the columns asked for (of `p, ts, payment_id, visitor, visitor_id, net, amount, refunded,
   * renewal, customer, currency` and each touch column as `t_<column>`): only those, since the engine analyses
   * every column a subquery names, used or not (a third of a small site's statement).
   */
  credited: (...columns: PaymentColumn[]) => string;
  /**
   * The credited payments of the visitors a sampled scan can read (all of them when exact): the payer sets a
   * scan's rows are tested against, a twelfth the size on a 1-in-12 sample. Never for revenue totals. Without
   * the test that the payer had a visit in scope: every scan tested against them reads rows in scope and
   * pairs a payer with its row's period, where that test holds already (it cost one more scan of the visits
   * per statement under a filter: the page-filtered overview 311-324 → 243-246 ms of CPU).
   */
  payers: (...columns: PaymentColumn[]) => string;
  /** The same payments with the fully refunded ones kept (the revenue page's gross and refunds). */
  paid: (...columns: PaymentColumn[]) => string;
  /** Whether touch filters narrow the visits beyond the scope. */
  touchFiltered: boolean;
};

/** Engine column of each dimension a visit row holds. */
export const COLUMN: Record<Exclude<Dimension, "page" | "goal" | "exit_page">, string> = {
  channel: "channel", referrer: "referrer_domain", utm_source: "utm_source", utm_medium: "utm_medium", utm_campaign: "utm_campaign",
  utm_term: "utm_term", utm_content: "utm_content", entry_page: "entry_page", hostname: "hostname", country: "country", region: "region",
  city: "city", browser: "browser", os: "os", device: "device",
};

/** A value as rows and filters see it: missing or empty is "(none)". */
export const labelled = (column: string) => `if(${column} = '', ${str(NONE)}, ${column})`;

/**
 * The same label for a LowCardinality column, computed on its dictionary and
 * kept LowCardinality, so rows are grouped by dictionary index rather than by
 * a string made for every row (`if` makes one): the page panel's statement
 * over a 10M-event site's month took 113 ms of CPU instead of 138. `^$`
 * matches the empty string only.
 */
export const labelledColumn = (column: string) => `replaceRegexpOne(${column}, '^$', ${str(NONE)})`;

/** One filter on a (labelled) SQL value; `contains` ignores case like the JavaScript rule (lib/stats/filters.ts). */
export function filterSql(f: Filter, value: string): string {
  if (f.op === "is") return `${value} = ${str(f.value)}`;
  if (f.op === "is_not") return `${value} != ${str(f.value)}`;
  return `positionCaseInsensitiveUTF8(${value}, ${str(f.value)}) > 0`;
}

/**
 * One filter on a column as stored ('' for missing), with the same answer as
 * `filterSql(f, labelled(column))` but without the `if`: the test then runs on
 * a LowCardinality column's dictionary instead of on every row's string
 * (three times faster on a month of a busy site's paths).
 */
export function columnFilterSql(f: Filter, column: string): string {
  const none = matches(f, "");
  const test = f.op === "contains" ? `positionCaseInsensitiveUTF8(${column}, ${str(f.value)}) > 0` : `${column} ${f.op === "is" ? "=" : "!="} ${str(f.value)}`;
  // A stored value that is missing reads "(none)"; a stored "(none)" reads the same, so only '' needs its own case.
  return none ? `(${column} = '' OR ${test})` : f.op === "is_not" ? `(${column} != '' AND ${test})` : test;
}

const all = (conds: string[]) => (conds.length ? conds.map((c) => `(${c})`).join(" AND ") : "1");
const positive = (fs: Filter[]) => fs.filter((f) => f.op !== "is_not");
const negative = (fs: Filter[]) => fs.filter((f) => f.op === "is_not");

/** The exit page of each visit, for the visits of `where`: its last pageview (by time, then id). */
export const exitOf = `argMaxIf(path, tuple(ts, event_id), kind = 'pageview')`;

export function selection(e: Engine, ctx: StatsContext, periods: Range[], sample: Sample = EXACT): Selection {
  const { events, payments } = e.tables;
  const site = `website_id = ${str(ctx.id)}`;
  const start = Math.min(...periods.map((r) => r.start.getTime()));
  const end = Math.max(...periods.map((r) => r.end.getTime()));
  const period = (column: string) =>
    periods.length === 1 ? "0" : `multiIf(${periods.map((r, i) => `${column} >= ${at(r.start)} AND ${column} < ${at(r.end)}, ${i}`).join(", ")}, -1)`;
  const inPeriods = (column: string) => `${column} >= ${at(start)} AND ${column} < ${at(end)}${periods.length > 1 ? ` AND ${period(column)} >= 0` : ""}`;
  const base = `${site} AND ${inPeriods("session_start")}`;

  const byDimension = (d: Dimension) => ctx.filters.filter((f) => f.dimension === d);
  const sessionFilters = ctx.filters.filter((f) => f.dimension in COLUMN) as (Filter & { dimension: keyof typeof COLUMN })[];
  const plain = sessionFilters.filter((f) => !isTouchDimension(f.dimension)).map((f) => columnFilterSql(f, COLUMN[f.dimension]));
  const touch = sessionFilters.filter((f) => isTouchDimension(f.dimension)).map((f) => columnFilterSql(f, COLUMN[f.dimension]));

  // page / goal: visits with a matching event (positive filters), without a refused one (is_not).
  const eventConds = (kind: "pageview" | "goal", column: string, fs: Filter[]) => {
    const hit = all(positive(fs).map((f) => columnFilterSql(f, column)));
    const out: string[] = [];
    if (positive(fs).length) out.push(`session IN (SELECT session FROM ${events} WHERE ${base} AND kind = '${kind}' AND ${hit})`);
    if (negative(fs).length) out.push(`session NOT IN (SELECT session FROM ${events} WHERE ${base} AND kind = '${kind}' AND NOT (${all(negative(fs).map((f) => columnFilterSql(f, column)))}))`);
    return { hit, out };
  };
  const pages = eventConds("pageview", "path", byDimension("page"));
  const goals = eventConds("goal", "name", byDimension("goal"));
  const exits = byDimension("exit_page");
  const exitConds = exits.length
    ? [`session IN (SELECT session FROM ${events} WHERE ${base} GROUP BY session HAVING ${all(exits.map((f) => filterSql(f, labelled(exitOf))))})`]
    : [];
  const scope = all([base, ...plain, ...pages.out, ...goals.out, ...exitConds]);
  const visits = all([scope, ...touch]);
  // Visits chosen by rows of one kind only (is/contains filters on pages or on goals, nothing that needs a visit's
  // other rows): a visit passes when one of its rows does, and every row carries the visit's context and start, so
  // the rows that pass stand for their visits without the subquery (a pass over the rows instead of two).
  const byRows = (kind: "pageview" | "goal", hit: string) => all([base, ...plain, `kind = '${kind}'`, hit]);
  const onlyPositive = (fs: Filter[], others: Filter[]) => fs.length > 0 && negative(fs).length === 0 && others.length === 0 && exits.length === 0;
  const pageOnly = onlyPositive(byDimension("page"), byDimension("goal"));
  const goalOnly = onlyPositive(byDimension("goal"), byDimension("page"));
  const rowsOfScope = pageOnly ? byRows("pageview", pages.hit) : goalOnly ? byRows("goal", goals.hit) : null;
  const hits = pageOnly ? all([byRows("pageview", pages.hit), ...touch]) : null;
  const counted = hits
    ? { where: hits, visitorRow: "1", pageviews: "count()" }
    : { where: visits, visitorRow: "session_first = 1", pageviews: `countIf(kind = 'pageview' AND ${pages.hit})` };

  // Payments: the model's touch, filtered like the visits' touch dimensions; the payer in scope when other filters exist.
  const prefix = ctx.model === "first_touch" ? "first_" : "last_";
  const touchFilters = sessionFilters.filter((f) => isTouchDimension(f.dimension));
  const touchValue = (c: string) => `if(visitor_id = '', ${str(UNATTRIBUTED)}, ${labelled(prefix + c)})`;
  const touchConds = [`${site}`, inPeriods("ts"), ...touchFilters.map((f) => filterSql(f, touchValue(COLUMN[f.dimension as TouchDimension])))];
  const scoped = ctx.filters.some((f) => !isTouchDimension(f.dimension));
  const inScope = rowsOfScope ?? `${scope} AND session_first = 1`;
  const sampled = sampledFrom(events, sample);
  // Credited and paid payments also need their payer to have had a visit in scope; the payer sets do not (Selection.payers).
  const payConds = scoped
    ? [...touchConds, `visitor_id != '' AND (${period("ts")}, visitor) IN (SELECT ${period("session_start")}, visitor FROM ${sampled} WHERE ${inScope})`]
    : touchConds;
  const column = (c: PaymentColumn) => {
    if (c === "p") return `${period("ts")} AS p`;
    if (c === "net") return "amount - refunded AS net";
    if (c === "customer") return `${CUSTOMER} AS customer`;
    if (c.startsWith("t_")) {
      if (!isTouchColumn(c.slice(2))) throw new Error(`no touch column ${c}`);
      return `${touchValue(c.slice(2))} AS ${c}`;
    }
    return c;
  };
  const paymentsOf = (conds: string[]) => (...columns: PaymentColumn[]) => `(SELECT ${columns.map(column).join(", ")} FROM ${payments} FINAL WHERE ${all(conds)})`;
  const credited = paymentsOf([...payConds, "amount - refunded > 0"]);
  const payers = paymentsOf([...touchConds, "amount - refunded > 0", ...(sample.k > 1 ? [`visitor < ${sampleCeiling(sample)}`] : [])]);
  const paid = paymentsOf(payConds);

  return { ctx, periods, events, sample, sampled, moneyScale: scoped ? sample.k : 1, period, within: inPeriods, imported: e.tables.imported, base, visits, scope, pageHit: pages.hit, hits, counted, goalHit: goals.hit, credited, payers, paid, touchFiltered: touch.length > 0 };
}

/**
 * Who paid, for counting customers: the provider's customer, else the visitor, else the payment
 * itself (a one-off buyer nobody could name is still one customer).
 */
export const CUSTOMER = "if(customer_id != '', concat('c:', customer_id), if(visitor_id != '', concat('v:', visitor_id), concat('p:', payment_id)))";

/** A column of the payments subqueries (`Selection.credited`). */
export type PaymentColumn = "p" | "ts" | "payment_id" | "visitor" | "visitor_id" | "net" | "amount" | "refunded" | "renewal" | "customer" | "currency" | `t_${string}`;

const TOUCH_COLUMN_SET = new Set(["channel", "referrer_domain", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "entry_page", "country", "device"]);
const isTouchColumn = (c: string) => TOUCH_COLUMN_SET.has(c);

/** Per period and payer of the credited payments: net revenue in the site's currency and how many payments. */
export const payerTotals = (sel: Selection) =>
  `(SELECT p, visitor, sumIf(net, currency = ${str(sel.ctx.currency)}) AS revenue, count() AS payments FROM ${sel.payers("p", "visitor", "visitor_id", "net", "currency")} WHERE visitor_id != '' GROUP BY p, visitor)`;

/** Whether a row's visitor paid (a credited payment, same period), for rows in scope themselves: for conversions. */
export const paidIn = (sel: Selection, p = "p") => `(${p}, visitor) IN (SELECT p, visitor FROM ${sel.payers("p", "visitor", "visitor_id")} WHERE visitor_id != '')`;
