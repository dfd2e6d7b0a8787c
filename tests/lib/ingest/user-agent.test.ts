import { describe, expect, it } from "vitest";
import { parseUserAgent, userAgentCacheSize } from "@/lib/ingest/user-agent";
import { BOTS, HUMANS } from "./fixtures/user-agents";

describe("parseUserAgent", () => {
  it("has a broad fixture set", () => {
    expect(HUMANS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(HUMANS.map((h) => [h.label, h.ua, h.expected] as const))("%s", (_label, ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected);
  });

  it("classifies every browser as desktop, mobile or tablet only", () => {
    for (const { ua } of [...HUMANS, ...BOTS]) {
      expect(["desktop", "mobile", "tablet"]).toContain(parseUserAgent(ua).device);
    }
  });

  it("treats an unknown or empty user agent as a desktop without names", () => {
    expect(parseUserAgent("")).toEqual({ device: "desktop" });
    expect(parseUserAgent(undefined)).toEqual({ device: "desktop" });
    expect(parseUserAgent("curl/8.5.0")).toEqual({ device: "desktop" });
  });

  it("returns copies from the cache, so a caller's edit cannot leak into the next event", () => {
    const ua = HUMANS[0].ua;
    const first = parseUserAgent(ua);
    first.browser = "Mutated";
    expect(parseUserAgent(ua).browser).toBe("Chrome");
  });

  it("bounds the cache however many distinct user agents arrive", () => {
    for (let i = 0; i < 2500; i++) parseUserAgent(`Mozilla/5.0 (X11; Linux x86_64) Firefox/${i}.0`);
    expect(userAgentCacheSize()).toBeLessThanOrEqual(2000);
    // The most recent entries are the ones kept.
    expect(parseUserAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/2499.0").browserVersion).toBe("2499");
  });

  it("does not choke on a hostile, very long user agent", () => {
    const info = parseUserAgent(`Mozilla/5.0 ${"(x; ".repeat(5000)}`);
    expect(info.device).toBe("desktop");
  });
});
