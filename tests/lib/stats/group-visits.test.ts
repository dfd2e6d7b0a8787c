import { describe, expect, it } from "vitest";
import type { VisitRecord } from "@/lib/blocks/record";
import { appendDay } from "@/lib/stats/append-day";
import { buildColumns, concatRange } from "@/lib/stats/columns";
import { groupByVisitor } from "@/lib/stats/group-visits";
import { Interner, SESSION_DIMENSIONS, type SiteDict } from "@/lib/stats/interner";

const newDict = (): SiteDict => ({ visitors: new Interner(), dims: SESSION_DIMENSIONS.map(() => new Interner()), paths: new Interner(), goals: new Interner() });

/** Visits of a few visitors, interleaved in time, each with its own pages and goals. */
function interleaved(): VisitRecord[] {
  const out: VisitRecord[] = [];
  for (let i = 0; i < 40; i++) {
    const visitor = ["a", "b", "c", "d", "e"][(i * 7) % 5] + (i % 3 === 0 ? "" : "x");
    out.push({
      sessionId: `s${i}`, visitorId: visitor, startedAt: 1_000 * i, lastSeenAt: 1_000 * i, pageviews: 1 + (i % 4),
      fields: { country: i % 2 ? "DE" : "FR" }, paths: Array.from({ length: i % 4 }, (_, k) => `/p${i}-${k}`), goals: i % 5 ? [] : [`g${i}`],
    });
  }
  return out;
}

/** Visit j of the columns back as plain values. */
const visitAt = (c: ReturnType<typeof buildColumns>, dict: SiteDict, j: number) => ({
  visitorId: dict.visitors.values[c.visitor[j]],
  startedAt: c.startedAt[j],
  pageviews: c.pageviews[j],
  country: dict.dims[SESSION_DIMENSIONS.indexOf("country")].values[c.dims[SESSION_DIMENSIONS.indexOf("country")][j]],
  paths: [...c.path.subarray(c.pathStart[j], c.pathStart[j + 1])].map((p) => dict.paths.values[p]),
  goals: [...c.goal.subarray(c.goalStart[j], c.goalStart[j + 1])].map((g) => dict.goals.values[g]),
});

describe("groupByVisitor", () => {
  it("keeps every visit with its own values, each visitor's together and oldest first", () => {
    const dict = newDict();
    const cols = buildColumns(interleaved().map((record) => ({ record, duration: record.pageviews * 10, bounce: record.pageviews === 1 })), dict);
    const grouped = groupByVisitor(cols, dict.visitors.size);
    const before = Array.from({ length: cols.n }, (_, j) => visitAt(cols, dict, j));
    const after = Array.from({ length: grouped.n }, (_, j) => visitAt(grouped, dict, j));
    const byTime = (xs: typeof before) => [...xs].sort((a, b) => a.startedAt - b.startedAt);
    expect(byTime(after)).toEqual(byTime(before));
    expect([...grouped.duration]).toEqual(after.map((v) => v.pageviews * 10));
    // Each visitor's visits form one run, oldest first; runs in the order of first visits.
    const runs = after.map((v) => v.visitorId).filter((v, j, xs) => j === 0 || xs[j - 1] !== v);
    expect(runs).toEqual([...new Set(before.map((v) => v.visitorId))]);
    for (let j = 1; j < after.length; j++) if (after[j].visitorId === after[j - 1].visitorId) expect(after[j].startedAt).toBeGreaterThan(after[j - 1].startedAt);
  });

  it("numbers persons 0, 1, 2 by run and maps each back to its visitor", () => {
    const dict = newDict();
    dict.visitors.id("seen-elsewhere"); // a dictionary number no visit here has
    const cols = buildColumns(interleaved().map((record) => ({ record, duration: 0, bounce: false })), dict);
    const grouped = groupByVisitor(cols, dict.visitors.size);
    expect(grouped.people.length).toBe(new Set(cols.visitor).size);
    for (let j = 0; j < grouped.n; j++) {
      expect(grouped.people[grouped.person[j]]).toBe(grouped.visitor[j]);
      if (j > 0) expect(grouped.person[j] - grouped.person[j - 1]).toBe(grouped.visitor[j] === grouped.visitor[j - 1] ? 0 : 1);
    }
  });
});

describe("appendDay", () => {
  /** Visits over three days; a third of the visitors come back on a later day. */
  function threeDays(): VisitRecord[] {
    const out: VisitRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const day = i % 3;
      const visitor = i % 4 === 0 ? `back${i % 40}` : `once${i}`;
      out.push({
        sessionId: `s${i}`, visitorId: visitor, startedAt: day * 86_400_000 + ((i * 7_919) % 86_000_000), lastSeenAt: 0, pageviews: 1 + (i % 5),
        fields: { channel: ["Direct", "Referral"][i % 2], country: ["DE", "FR", "US"][i % 3] }, paths: Array.from({ length: i % 4 }, (_, k) => `/d${day}/${k}`), goals: i % 6 ? [] : ["signup"],
      });
    }
    return out;
  }

  it("gives what grouping the whole range gives, array by array", () => {
    const dict = newDict();
    const records = threeDays();
    const days = [0, 1, 2].map((d) => buildColumns(records.filter((r) => Math.floor(r.startedAt / 86_400_000) === d).map((record) => ({ record, duration: record.pageviews, bounce: record.pageviews === 1 })), dict));
    const [start, end] = [3_600_000, 2 * 86_400_000 + 20 * 3_600_000]; // both ends cut a day
    const whole = groupByVisitor(concatRange(days, start, end), dict.visitors.size);
    const settled = groupByVisitor(concatRange(days.slice(0, 2), start, end), dict.visitors.size);
    const last = groupByVisitor(concatRange(days.slice(2), start, end), dict.visitors.size);
    expect(last.people.some((v) => settled.people.includes(v))).toBe(true); // some come back on the last day
    expect(last.people.some((v) => !settled.people.includes(v))).toBe(true); // some are new
    const appended = appendDay(settled, last, dict.visitors.size);
    const plain = (c: typeof whole) => ({
      ...Object.fromEntries((["n", "visitor", "startedAt", "pageviews", "duration", "bounce", "person", "people", "pathStart", "path", "goalStart", "goal"] as const).map((k) => [k, typeof c[k] === "number" ? c[k] : Array.from(c[k] as ArrayLike<number>)])),
      dims: c.dims.map((d) => Array.from(d)),
    });
    expect(plain(appended)).toEqual(plain(whole));
    expect(appendDay(settled, groupByVisitor(concatRange(days.slice(2), end, end), dict.visitors.size), dict.visitors.size)).toBe(settled);
  });
});
