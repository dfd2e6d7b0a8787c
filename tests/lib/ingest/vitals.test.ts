// Web vitals through the ingest pipeline: a tracker body becomes a buffered
// event carrying the page, its visit context and the measured metrics, and the
// buffer's writer leaves it out of pageviews and sessions (the stats engine
// keeps vitals).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import { afterEach, describe, expect, it } from "vitest";
import { WriteBuffer, writeBatch, type BufferedEvent } from "@/lib/ingest/buffer";
import { parseTrackBody } from "@/lib/ingest/parse";
import { ingest } from "@/lib/ingest/pipeline";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("vitals");

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const IP = "81.2.69.142"; // Bracknell, England, GB in the bundled database
const holder = globalThis as unknown as { __trailmarkBuffer?: WriteBuffer };

/** Makes ingest() hand its events to `captured` instead of the store. */
function captureBuffer() {
  const captured: BufferedEvent[] = [];
  const buffer = new WriteBuffer(mkdtempSync(path.join(tmpdir(), "tm-vitals-")), async (events) => void captured.push(...events));
  holder.__trailmarkBuffer = buffer;
  return { captured, buffer };
}
afterEach(() => {
  holder.__trailmarkBuffer?.stop();
  delete holder.__trailmarkBuffer;
});

describe("a vitals event", () => {
  it("is buffered with its page, the visit's context and the rounded metrics", async () => {
    const site = await makeWebsite();
    const { captured, buffer } = captureBuffer();
    const body = {
      type: "vitals",
      websiteId: String(site._id),
      url: `https://${site.domain}/pricing?plan=pro`,
      referrer: "https://news.ycombinator.com/",
      visitorId: "v123",
      sessionId: "s456",
      vitals: { lcp: 2480.6, inp: 184.3, cls: 0.04321, ttfb: 312.2 },
    };
    const now = new Date("2026-05-04T10:00:00Z");
    const outcome = await ingest({ event: parseTrackBody(JSON.stringify(body)), headers: { "user-agent": IPHONE }, socketIp: IP, now });
    expect(outcome).toEqual({ accepted: true, visitorId: "v123" });
    await buffer.flush();
    expect(captured).toHaveLength(1);
    // As the log keeps it: JSON, so fields left undefined are absent.
    const e = JSON.parse(JSON.stringify(captured[0]));
    expect(e.id).toMatch(/^[0-9a-f]{24}$/);
    expect(e).toEqual({
      id: e.id,
      websiteId: String(site._id),
      visitorId: "v123",
      sessionId: "s456",
      type: "vitals",
      path: "/pricing",
      timestamp: now.toISOString(),
      vitals: { lcp: 2481, inp: 184, cls: 0.0432, ttfb: 312 },
      context: {
        hostname: site.domain,
        channel: "Organic Social",
        referrer: "https://news.ycombinator.com",
        referrerDomain: "news.ycombinator.com",
        country: "GB",
        region: "England",
        city: "Bracknell",
        device: "mobile",
        browser: "Safari",
        browserVersion: expect.any(String),
        os: "iOS",
        osVersion: "17.4",
      },
    });
  });

  it("is not written as a pageview, nor counted in its visit", async () => {
    const site = await makeWebsite();
    const websiteId = String(site._id);
    const base = { websiteId, visitorId: "v1", sessionId: "s1", path: "/", context: { hostname: site.domain, channel: "Direct" } };
    await writeBatch([
      { ...base, id: String(new Types.ObjectId()), type: "pageview", timestamp: "2026-05-04T10:00:00.000Z" },
      { ...base, id: String(new Types.ObjectId()), type: "vitals", timestamp: "2026-05-04T10:20:00.000Z", vitals: { lcp: 900 } },
    ]);
    expect(await PageView.countDocuments({ websiteId: site._id })).toBe(1);
    const sessions = await Session.find({ websiteId: site._id }).lean();
    expect(sessions).toHaveLength(1);
    // The vitals arrived 20 minutes later: had they counted, the visit would last that long.
    expect(sessions[0]).toMatchObject({ pageviews: 1, duration: 0 });
  });
});
