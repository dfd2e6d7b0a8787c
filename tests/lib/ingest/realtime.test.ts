import { describe, expect, it } from "vitest";
import { realtime } from "@/lib/ingest/realtime";

const at = (iso: string) => ({ timestamp: new Date(iso).toISOString() });
const base = { type: "pageview", path: "/" };

describe("realtime", () => {
  it("counts distinct visitors with an event in the last five minutes, per website", () => {
    realtime.publish({ ...base, websiteId: "rt-a", visitorId: "old", ...at("2026-01-01T10:00:00Z") });
    realtime.publish({ ...base, websiteId: "rt-a", visitorId: "v1", ...at("2026-01-01T10:03:00Z") });
    realtime.publish({ ...base, websiteId: "rt-a", visitorId: "v2", ...at("2026-01-01T10:04:00Z") });
    realtime.publish({ ...base, websiteId: "rt-a", visitorId: "v1", ...at("2026-01-01T10:06:00Z") });
    realtime.publish({ ...base, websiteId: "rt-b", visitorId: "v9", ...at("2026-01-01T10:06:00Z") });
    const now = Date.parse("2026-01-01T10:07:00Z");
    expect(realtime.activeVisitors("rt-a", now)).toBe(2); // "old" is 7 minutes back
    expect(realtime.activeVisitors("rt-b", now)).toBe(1);
    expect(realtime.activeVisitors("rt-a", Date.parse("2026-01-01T10:10:30Z"))).toBe(1); // only v1's 10:06 event left
    expect(realtime.activeVisitors("nobody", now)).toBe(0);
  });

  it("streams accepted events to subscribers of that website only", () => {
    const seen: string[] = [];
    const stop = realtime.subscribe("rt-c", (e) => seen.push(e.visitorId));
    realtime.publish({ ...base, websiteId: "rt-c", visitorId: "mine", ...at("2026-01-01T10:00:00Z") });
    realtime.publish({ ...base, websiteId: "rt-d", visitorId: "theirs", ...at("2026-01-01T10:00:00Z") });
    stop();
    realtime.publish({ ...base, websiteId: "rt-c", visitorId: "after", ...at("2026-01-01T10:00:00Z") });
    expect(seen).toEqual(["mine"]);
  });
});
