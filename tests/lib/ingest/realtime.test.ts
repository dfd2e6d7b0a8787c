import { describe, expect, it } from "vitest";
import { realtime } from "@/lib/ingest/realtime";
import { realtimeStream } from "@/lib/ingest/realtime-stream";

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

  it("opens a live page's stream with the last minutes' events, oldest first, and forgets an erased visitor everywhere", async () => {
    const now = Date.now();
    const ago = (min: number) => ({ timestamp: new Date(now - min * 60_000).toISOString() });
    realtime.publish({ ...base, websiteId: "rt-e", visitorId: "stale", path: "/old", ...ago(9) });
    realtime.publish({ ...base, websiteId: "rt-e", visitorId: "ann", path: "/a", ...ago(2) });
    realtime.publish({ ...base, websiteId: "rt-e", visitorId: "bob", path: "/b", ...ago(1) });
    const recent = realtime.recentEvents("rt-e", now);
    expect(recent.map((e) => e.path)).toEqual(["/a", "/b"]);
    expect(recent[1].id).toBeGreaterThan(recent[0].id!);

    const aborted = new AbortController();
    const reader = realtimeStream("rt-e", aborted.signal, 60_000).getReader();
    const frames: string[] = [];
    while (frames.filter((f) => f.startsWith("event: event")).length < 2) frames.push(...new TextDecoder().decode((await reader.read()).value).split("\n\n").filter(Boolean));
    aborted.abort();
    expect(frames[0]).toContain("event: active");
    expect(frames.filter((f) => f.startsWith("event: event")).map((f) => JSON.parse(f.split("data: ")[1]).path)).toEqual(["/a", "/b"]);

    realtime.forget("rt-e", ["ann"]);
    expect(realtime.recentEvents("rt-e", now).map((e) => e.visitorId)).toEqual(["bob"]);
    expect(realtime.liveVisitors("rt-e", now).map((v) => v.visitorId)).toEqual(["bob"]);
    realtime.forget("rt-e");
    expect([realtime.recentEvents("rt-e", now), realtime.liveVisitors("rt-e", now)]).toEqual([[], []]);
  });
});
