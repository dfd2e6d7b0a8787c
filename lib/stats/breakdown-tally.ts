import type { Dimension } from "./dimensions";
import { COLUMN, exitOf, labelled, labelledColumn, type Selection } from "./selection";

/**
 * How a dimension's rows are made from the visits of a condition, as SQL.
 * `tally(payer)` gives per period `p` and value `v` the visitors, pageviews
 * and `paid`: the distinct visitors of the row who paid (`payer(p)` holds),
 * so conversions and a payer's revenue come from the same scan. `pairs` gives
 * the distinct (period, value, visitor) of the payers among other rows (the
 * payer scope, when touch filters make the visits fewer than it). Both read
 * the selection's sample: their counts are then 1 in k of the whole.
 */
export type Rows = { tally: (payer: (p: string) => string) => string; pairs: (where: string, payer: (p: string) => string) => string };

export function rowsOf(sel: Selection, dimension: Dimension): Rows {
  const period = sel.period("session_start");
  const p = `${period} AS p`;
  const { sampled, visits, base, pageHit, goalHit } = sel;
  const pageviews = `countIf(kind = 'pageview' AND ${pageHit})`;
  // Per visit and value (goal, exit page): the rows' visitors and pageviews are summed over visits.
  const overVisits = (from: string) => (payer: (p: string) => string) =>
    `SELECT p, v, uniqExact(visitor) AS visitors, sum(pv) AS pageviews, groupUniqArrayIf(visitor, ${payer("p")}) AS paid FROM ${from} GROUP BY p, v`;
  if (dimension === "page") {
    const views = `kind = 'pageview' AND ${pageHit}`;
    return {
      tally: (payer) => `SELECT ${p}, ${labelledColumn("path")} AS v, uniqExact(visitor) AS visitors, count() AS pageviews, groupUniqArrayIf(visitor, ${payer("p")}) AS paid
        FROM ${sampled} WHERE ${sel.hits ?? `${visits} AND ${views}`} GROUP BY p, v`,
      pairs: (where, payer) => `SELECT DISTINCT ${p}, ${labelledColumn("path")} AS v, visitor FROM ${sampled} WHERE ${where} AND ${views} AND ${payer(period)}`,
    };
  }
  if (dimension === "goal") {
    // Once per visit and goal: the visit's (counted) pageviews go to each goal it completed.
    // Only sampled visits are tested, so it may read the same sample (a session is one visitor's).
    const withGoals = `session IN (SELECT session FROM ${sampled} WHERE ${base} AND kind = 'goal')`;
    return {
      tally: overVisits(`(SELECT ${p}, session, any(visitor) AS visitor, ${pageviews} AS pv, groupUniqArrayIf(name, kind = 'goal' AND ${goalHit}) AS goals
        FROM ${sampled} WHERE ${visits} AND ${withGoals} GROUP BY p, session) ARRAY JOIN goals AS v`),
      pairs: (where, payer) => `SELECT DISTINCT ${p}, name AS v, visitor FROM ${sampled} WHERE ${where} AND kind = 'goal' AND ${goalHit} AND ${payer(period)}`,
    };
  }
  if (dimension === "exit_page") {
    const perVisit = (where: string) => `(SELECT ${p}, session, any(visitor) AS visitor, ${labelled(exitOf)} AS v, ${pageviews} AS pv FROM ${sampled} WHERE ${where} GROUP BY p, session)`;
    return {
      tally: overVisits(perVisit(visits)),
      pairs: (where, payer) => `SELECT DISTINCT p, v, visitor FROM ${perVisit(where)} WHERE ${payer("p")}`,
    };
  }
  const column = labelledColumn(COLUMN[dimension]);
  const counted = sel.counted;
  return {
    tally: (payer) => `SELECT ${p}, ${column} AS v, uniqExactIf(visitor, ${counted.visitorRow}) AS visitors, ${counted.pageviews} AS pageviews,
        groupUniqArrayIf(visitor, ${counted.visitorRow} AND ${payer("p")}) AS paid FROM ${sampled} WHERE ${counted.where} GROUP BY p, v`,
    pairs: (where, payer) => `SELECT DISTINCT ${p}, ${column} AS v, visitor FROM ${sampled} WHERE ${where} AND session_first = 1 AND ${payer(period)}`,
  };
}
