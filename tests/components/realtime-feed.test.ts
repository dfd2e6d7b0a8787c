import { describe, expect, it } from "vitest";
import { addToFeed, ago, describeEvent } from "@/components/site/realtime/feed";

const ev = (path: string, ts = "2026-03-01T12:00:00.000Z") => ({ websiteId: "w", type: "pageview", path, visitorId: "v", timestamp: ts });

describe("realtime feed", () => {
  it("puts new events on top, keeps the newest and gives equal events distinct keys", () => {
    let feed = addToFeed([], ev("/a"), 1, 2);
    feed = addToFeed(feed, ev("/a"), 2, 2);
    feed = addToFeed(feed, ev("/b"), 3, 2);
    expect(feed.map((f) => f.path)).toEqual(["/b", "/a"]);
    expect(new Set(feed.map((f) => f.key)).size).toBe(2);
  });
  it("skips an event it shows already (the stream replays the last minutes after a reconnect)", () => {
    let feed = addToFeed([], { ...ev("/a"), id: 7 }, 1);
    feed = addToFeed(feed, { ...ev("/b"), id: 8 }, 2);
    feed = addToFeed(feed, { ...ev("/a"), id: 7 }, 3);
    expect(feed.map((f) => [f.path, f.key])).toEqual([["/b", "e8"], ["/a", "e7"]]);
  });
  it("describes pageviews and goals", () => {
    expect(describeEvent({ type: "pageview", path: "/x" })).toEqual({ label: "Pageview", detail: "/x" });
    expect(describeEvent({ type: "goal", name: "signup", path: "/x" })).toEqual({ label: "Goal", detail: "signup" });
  });
  it("says how long ago, coarsely", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(ago("2026-03-01T11:59:50Z", now)).toBe("10s ago");
    expect(ago("2026-03-01T11:55:00Z", now)).toBe("5m ago");
    expect(ago("2026-03-01T09:00:00Z", now)).toBe("3h ago");
    expect(ago("2026-03-01T12:00:05Z", now)).toBe("0s ago");
  });
});
