import { describe, expect, it } from "vitest";
import { buildTimeline } from "@/lib/visitors/timeline";

const t = (m: number) => new Date(Date.UTC(2026, 2, 1, 12, m));

describe("buildTimeline", () => {
  it("groups events under their visit in time order and puts payments between visits", () => {
    const entries = buildTimeline(
      [
        { sessionId: "s2", startedAt: t(60), lastSeenAt: t(61), channel: "Direct" },
        { sessionId: "s1", startedAt: t(0), lastSeenAt: t(5), duration: 300, referrerDomain: "x.com", channel: "Organic Social", utmSource: "launch" },
      ],
      [{ sessionId: "s1", path: "/pricing", timestamp: t(2) }, { sessionId: "s1", path: "/", timestamp: t(0) }, { sessionId: "gone", path: "/x", timestamp: t(-1) }],
      [{ sessionId: "s1", name: "signup", timestamp: t(3) }, { name: "upgraded", timestamp: t(70) }],
      [{ timestamp: t(10), amount: 4900, currency: "USD", provider: "stripe", refundedAmount: 900 }],
    );
    expect(entries.map((e) => e.kind)).toEqual(["visit", "payment", "visit"]);
    const first = entries[0];
    if (first.kind !== "visit") throw new Error("expected a visit");
    expect(first.source).toBe("launch");
    expect(first.events.map((e) => (e.kind === "goal" ? e.name : e.path))).toEqual(["/", "/pricing", "signup"]);
    expect(entries[1]).toMatchObject({ amount: 4900, refundedAmount: 900, renewal: false });
    // A goal without a session joins the visit under way; a pageview before any visit is left out.
    expect(entries[2]).toMatchObject({ source: "Direct", events: [{ kind: "goal", name: "upgraded" }] });
  });
});
