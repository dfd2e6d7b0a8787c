import { describe, expect, it } from "vitest";
import { decodeRecords, encodeRecords } from "@/lib/blocks/codec";
import { mergeRecords, settleGoals, UNGOAL, type VisitRecord } from "@/lib/blocks/record";

const base = (over: Partial<VisitRecord>): VisitRecord => ({
  sessionId: "s1", visitorId: "v1", startedAt: Date.UTC(2026, 4, 1, 10), lastSeenAt: Date.UTC(2026, 4, 1, 10), pageviews: 1,
  fields: { channel: "Direct", entryPage: "/", exitPage: "/" }, paths: ["/"], goals: [], ...over,
});

describe("visit records", () => {
  it("survive encoding: fields, missing fields, paths, goals, extras and unicode", () => {
    const records = [
      base({}),
      base({ sessionId: "s2", visitorId: "v2", startedAt: Date.UTC(2026, 4, 1, 23, 59), lastSeenAt: Date.UTC(2026, 4, 2, 0, 20), pageviews: 3, fields: { country: "DE", city: "München" }, paths: ["/a", "/b", "/a"], goals: ["signup"] }),
      base({ sessionId: "s3", pageviews: 0, fields: {}, paths: [], goals: ["payment"], extra: true }),
    ];
    expect(decodeRecords(encodeRecords(records))).toEqual(records);
    expect(decodeRecords(encodeRecords([]))).toEqual([]);
  });

  it("merge a visit's parts the same in any order: the latest state, every path and goal", () => {
    const early = base({ lastSeenAt: Date.UTC(2026, 4, 1, 10, 5), pageviews: 2, paths: ["/", "/pricing"], fields: { channel: "Direct", entryPage: "/", exitPage: "/pricing" } });
    const late = base({ lastSeenAt: Date.UTC(2026, 4, 1, 10, 9), pageviews: 3, paths: ["/signup"], goals: ["signup"], fields: { channel: "Direct", entryPage: "/", exitPage: "/signup" } });
    const extra = base({ lastSeenAt: 0, pageviews: 0, fields: {}, paths: [], goals: ["payment"], extra: true });
    const orders = [[early, late, extra], [extra, late, early], [late, extra, early]];
    for (const order of orders) {
      const [merged] = mergeRecords(order.map((r) => [r]));
      expect(merged.pageviews).toBe(3);
      expect(merged.lastSeenAt).toBe(late.lastSeenAt);
      expect(merged.fields.exitPage).toBe("/signup");
      expect([...merged.paths].sort()).toEqual(["/", "/pricing", "/signup"]);
      expect([...merged.goals].sort()).toEqual(["payment", "signup"]);
      expect(merged.extra).toBeUndefined();
    }
  });

  it("settle a goal taken back, whichever part came first", () => {
    expect(settleGoals(base({ goals: [UNGOAL + "payment", "payment", "payment", "signup"] })).goals).toEqual(["payment", "signup"]);
    expect(settleGoals(base({ goals: ["signup", UNGOAL + "refund"] })).goals).toEqual(["signup"]);
  });
});
