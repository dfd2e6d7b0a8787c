import { describe, expect, it } from "vitest";
import { WeightedLru } from "@/lib/blocks/weighted-lru";
import type { VisitRecord } from "@/lib/blocks/record";
import { decodePacked, decodeRecords, encodeRecords } from "@/lib/blocks/codec";
import { UNGOAL } from "@/lib/blocks/record";
import { buildColumns, columnsFromPacked, concatRange, type Columns } from "@/lib/stats/columns";
import { label, SESSION_FIELD } from "@/lib/stats/dimensions";
import { Interner, SESSION_DIMENSIONS, type SiteDict } from "@/lib/stats/interner";

const DAY = 86_400_000;
const day0 = Date.UTC(2026, 4, 1);

/** A small deterministic generator, so a failure can be replayed. */
function randomRecords(seed: number, count: number): VisitRecord[] {
  let s = seed;
  const next = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  return Array.from({ length: count }, (_, i) => ({
    sessionId: `s${i}`,
    visitorId: `v${Math.floor(next() * count * 0.6)}`,
    startedAt: day0 + Math.floor(next() * 3 * DAY),
    lastSeenAt: 0,
    pageviews: 1 + Math.floor(next() * 4),
    fields: { channel: pick(["Direct", "Organic Search", ""]), country: pick(["DE", "FR", undefined]) as string, entryPage: pick(["/", "/blog/a"]) },
    paths: Array.from({ length: Math.floor(next() * 4) }, () => pick(["/", "/pricing", "/blog/a", ""])),
    goals: Array.from({ length: Math.floor(next() * 3) }, () => pick(["signup", "payment"])),
  }));
}

const newDict = (): SiteDict => ({ visitors: new Interner(), dims: SESSION_DIMENSIONS.map(() => new Interner()), paths: new Interner(), goals: new Interner() });

/** Visit i of the columns back as strings. */
function visitAt(c: Columns, dict: SiteDict, i: number) {
  return {
    visitorId: dict.visitors.values[c.visitor[i]],
    startedAt: c.startedAt[i],
    pageviews: c.pageviews[i],
    values: SESSION_DIMENSIONS.map((d, k) => [d, dict.dims[k].values[c.dims[k][i]]]),
    paths: [...c.path.subarray(c.pathStart[i], c.pathStart[i + 1])].map((p) => dict.paths.values[p]),
    goals: [...c.goal.subarray(c.goalStart[i], c.goalStart[i + 1])].map((g) => dict.goals.values[g]),
  };
}

describe("visit columns", () => {
  it("hold every visit of a range cut across days, oldest first, labelled, goals once each", () => {
    const records = randomRecords(42, 600);
    const dict = newDict();
    const days = [0, 1, 2].map((d) =>
      buildColumns(records.filter((r) => Math.floor((r.startedAt - day0) / DAY) === d).map((record) => ({ record, duration: 0, bounce: false })), dict),
    );
    const start = day0 + 6 * 3_600_000;
    const end = day0 + 2 * DAY + 13 * 3_600_000;
    const cols = concatRange(days, start, end);
    const expected = records
      .filter((r) => r.startedAt >= start && r.startedAt < end)
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((r) => ({
        visitorId: r.visitorId, startedAt: r.startedAt, pageviews: r.pageviews,
        values: SESSION_DIMENSIONS.map((d) => [d, label(r.fields[SESSION_FIELD[d]])]),
        paths: r.paths.map(label), goals: [...new Set(r.goals)],
      }));
    expect(expected.length).toBeGreaterThan(300);
    expect(expected.length).toBeLessThan(records.length);
    const got = Array.from({ length: cols.n }, (_, i) => visitAt(cols, dict, i));
    // Visits starting at the same millisecond may come in either order.
    const byStart = (xs: typeof got) => [...xs].sort((a, b) => a.startedAt - b.startedAt || a.visitorId.localeCompare(b.visitorId) || a.paths.join().localeCompare(b.paths.join()));
    expect(byStart(got)).toEqual(byStart(expected));
    expect(cols.pathStart[cols.n]).toBe(cols.path.length);
    expect(cols.goalStart[cols.n]).toBe(cols.goal.length);
  });

  it("read from a stored part the same as from its records", () => {
    const records = randomRecords(7, 400).map((r, i) => ({ ...r, lastSeenAt: r.startedAt + (i % 9) * 61_000, goals: i % 5 ? r.goals : ["signup", "signup", "payment"] }));
    const stored = encodeRecords(records);
    const viaRecords = newDict();
    const expected = buildColumns(decodeRecords(stored).map((record) => ({ record, duration: Math.round((record.lastSeenAt - record.startedAt) / 1000), bounce: record.pageviews <= 1 })), viaRecords);
    const direct = newDict();
    const got = columnsFromPacked(decodePacked(stored), direct)!;
    expect(got.n).toBe(400);
    const all = (c: Columns, dict: SiteDict) => Array.from({ length: c.n }, (_, i) => ({ ...visitAt(c, dict, i), duration: c.duration[i], bounce: c.bounce[i] }));
    expect(all(got, direct)).toEqual(all(expected, viaRecords));
    expect(got.goal.length).toBe(expected.goal.length);
  });

  it("leave a part needing a merge to the records: extras, a visit twice, a goal taken back", () => {
    const [a, b] = randomRecords(3, 2);
    const dict = newDict();
    expect(columnsFromPacked(decodePacked(encodeRecords([a, { ...b, extra: true }])), dict)).toBeNull();
    expect(columnsFromPacked(decodePacked(encodeRecords([a, { ...b, sessionId: a.sessionId }])), dict)).toBeNull();
    expect(columnsFromPacked(decodePacked(encodeRecords([a, { ...b, goals: ["signup", `${UNGOAL}signup`] }])), dict)).toBeNull();
    expect(columnsFromPacked(decodePacked(encodeRecords([a, b])), dict)?.n).toBe(2);
  });

  it("number a string the same everywhere", () => {
    const names = new Interner();
    expect([names.id("a"), names.id("b"), names.id("a")]).toEqual([0, 1, 0]);
    expect(names.size).toBe(2);
  });
});

describe("weighted LRU", () => {
  it("drops the least recently used until the weight fits, never the newest", () => {
    const lru = new WeightedLru<number[]>(5, (xs) => xs.length);
    lru.set("a", [1, 2]);
    lru.set("b", [1, 2]);
    expect(lru.get("a")).toEqual([1, 2]); // now b is the oldest
    lru.set("c", [1, 2]);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toEqual([1, 2]);
    lru.set("big", [1, 2, 3, 4, 5, 6]);
    expect(lru.get("big")).toHaveLength(6);
    expect(lru.get("a")).toBeUndefined();
    expect(lru.get("c")).toBeUndefined();
  });
});
