// When the visits of a question may be counted from their matching rows
// alone (lib/stats/selection.ts `hits`), and when they may not. Whether the
// counts are right either way is engine-vs-raw.test.ts's job; this pins which
// filter sets take the path without a subquery, so a change that loses it (a
// page-filtered dashboard twice as slow) or widens it to filters that need a
// visit's other rows fails here.
import { describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { tablesOf } from "@/lib/engine/schema";
import type { StatsContext } from "@/lib/stats/context";
import { parseFilter, type Filter } from "@/lib/stats/filters";
import { resolvePeriod } from "@/lib/stats/period";
import { selection } from "@/lib/stats/selection";

// selection() only builds SQL text: an engine with the tables' names is enough.
const engine = { tables: tablesOf("trailmark") } as Engine;
const period = resolvePeriod({ period: "30d" }, "UTC", new Date("2026-06-15T12:00:00Z"));

function select(...filters: string[]) {
  const ctx: StatsContext = { id: "site1", timezone: "UTC", currency: "USD", filters: filters.map((f) => parseFilter(f) as Filter), model: "last_touch", period, imports: [] };
  return selection(engine, ctx, [period.range, period.previous!]);
}

describe("selection: visits counted from their matching rows", () => {
  it("takes page is/contains filters, with session dimensions beside them, as rows", () => {
    for (const filters of [["page:contains:/blog"], ["page:is:/pricing", "country:is:DE"], ["page:contains:/blog", "page:contains:post", "browser:is_not:Firefox"]]) {
      const sel = select(...filters);
      expect(sel.hits, filters.join()).not.toBeNull();
      expect(sel.hits, filters.join()).not.toMatch(/session (NOT )?IN/);
      expect(sel.hits).toContain("kind = 'pageview'");
      expect(sel.visits, filters.join()).toMatch(/session IN/);
    }
    // A touch filter narrows the rows as it narrows the visits.
    expect(select("page:contains:/blog", "channel:is:Direct").hits).toContain("channel = 'Direct'");
  });

  it("keeps the subquery where a visit's other rows decide", () => {
    for (const filters of [[], ["country:is:DE"], ["page:is_not:/pricing"], ["page:contains:/blog", "page:is_not:/blog/a"], ["page:contains:/blog", "goal:is:signup"], ["page:contains:/blog", "exit_page:is:/"], ["goal:is:signup"]]) {
      expect(select(...filters).hits, filters.join()).toBeNull();
    }
  });

  it("reads the payers in scope from the matching rows for page or goal filters alone", () => {
    const nested = (sql: string) => (sql.match(/SELECT session FROM/g) ?? []).length;
    // The payments' scope condition holds no set of visits of its own.
    expect(nested(select("page:contains:/blog").credited("p"))).toBe(0);
    expect(nested(select("goal:is:signup", "country:is:DE").credited("p"))).toBe(0);
    expect(select("goal:is:signup").credited("p")).toContain("kind = 'goal'");
    // With both, a visit must have each: the visit-level set stays.
    expect(nested(select("page:contains:/blog", "goal:is:signup").credited("p"))).toBeGreaterThan(0);
    expect(nested(select("page:is_not:/pricing").credited("p"))).toBeGreaterThan(0);
  });

  it("names only the payment columns asked for, and refuses a touch column that does not exist", () => {
    const sql = select().credited("p", "visitor", "t_channel");
    expect(sql).toContain("AS t_channel");
    expect(sql).not.toContain("t_country");
    expect(sql).not.toContain("customer");
    expect(() => select().credited("t_browser")).toThrow(/no touch column/);
  });
});
