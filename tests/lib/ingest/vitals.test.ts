// Web vitals through the ingest pipeline: a tracker body becomes a buffered
// event carrying the page, its visit context and the measured metrics; the
// buffer writes it to the stats engine's vitals table (once, also when its log
// segment is replayed) and leaves it out of pageviews, sessions and events.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import { afterEach, describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { schemaStatements } from "@/lib/engine/schema";
import { str } from "@/lib/engine/sql";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/batch-writer";
import { WriteBuffer } from "@/lib/ingest/buffer";
import { loggedEvent } from "@/lib/ingest/logged-event";
import { parseTrackBody } from "@/lib/ingest/parse";
import { ingest } from "@/lib/ingest/pipeline";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { orphanAs } from "../../helpers/ingest-log";

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
    // In the engine: one event row (the pageview), and the vitals in their own table.
    expect(await engineRows("events", websiteId)).toHaveLength(1);
    expect(await engineRows("vitals", websiteId)).toHaveLength(1);
  });
});

type StoredVitals = { event_id: string; at: string; visitor_id: string; session_id: string; path: string; hostname: string; country: string; region: string; city: string; browser: string; os: string; device: string; lcp: number | null; inp: number | null; cls: number | null; ttfb: number | null };

async function engineRows(table: "events" | "vitals", websiteId: string): Promise<StoredVitals[]> {
  const e = await engine();
  return e.query<StoredVitals>(`SELECT *, toString(ts) AS at FROM ${e.tables[table]} WHERE website_id = ${str(websiteId)} ORDER BY ts, event_id`);
}

function vitalsEvent(websiteId: string, at: string, vitals: BufferedEvent["vitals"], extra: Partial<BufferedEvent> = {}): BufferedEvent {
  return {
    id: String(new Types.ObjectId()), websiteId, visitorId: "vv", sessionId: "ss", type: "vitals", path: "/pricing", timestamp: at, vitals,
    context: { hostname: "shop.example", channel: "Referral", referrerDomain: "news.ycombinator.com", country: "GB", region: "England", city: "Bracknell", browser: "Safari", os: "iOS", device: "mobile" },
    ...extra,
  };
}

describe("vitals in the stats engine", () => {
  it("are a row of the vitals table with the page, the request's context and null for what was not measured", async () => {
    const websiteId = String((await makeWebsite())._id);
    const event = vitalsEvent(websiteId, "2026-05-04T10:00:00.000Z", { lcp: 2481, cls: 0.0432 });
    await writeBatch([event]);
    const [row] = await engineRows("vitals", websiteId);
    expect(row).toMatchObject({
      event_id: event.id, at: "2026-05-04 10:00:00.000", visitor_id: "vv", session_id: "ss", path: "/pricing",
      hostname: "shop.example", country: "GB", region: "England", city: "Bracknell", browser: "Safari", os: "iOS", device: "mobile",
      lcp: 2481, inp: null, cls: 0.0432, ttfb: null,
    });
    // The visit's source is no fact of a page load: not a column.
    expect(Object.keys(row)).not.toContain("channel");
  });

  it("a replayed log segment writes each row once, whatever reached the engine before the crash", async () => {
    const websiteId = String((await makeWebsite())._id);
    const dir = mkdtempSync(path.join(tmpdir(), "tm-vitals-log-"));
    const events = [0, 1, 2].map((i) => vitalsEvent(websiteId, `2026-05-05T10:0${i}:00.000Z`, { lcp: 1000 + i, ttfb: 100 + i }, { visitorId: `v${i}` }));
    // A first buffer acknowledges three vitals; one reached the engine before the process died.
    const dead = new WriteBuffer(dir, async () => {});
    for (const e of events) dead.add(e);
    dead.stop();
    await writeBatch(events.slice(0, 1));
    orphanAs(dir);
    const restarted = new WriteBuffer(dir);
    await restarted.flush();
    const rows = await engineRows("vitals", websiteId);
    expect(rows.map((r) => [r.event_id, r.lcp])).toEqual(events.map((e) => [e.id, e.vitals!.lcp]));
    expect(readdirSync(dir)).toEqual([]);
    // Replayed once more (the same segment read again after a failed checkpoint): still one row each.
    await writeBatch(events, true);
    expect(await engineRows("vitals", websiteId)).toHaveLength(3);
  });

  it("a log line of a vitals event without usable metrics is set aside, not written half", () => {
    const line = (vitals: unknown) => JSON.stringify({ ...vitalsEvent("0123456789abcdef01234567", "2026-05-05T10:00:00.000Z", {}), vitals });
    expect(loggedEvent(line({ lcp: 1200, cls: 0.01 }))).not.toBeNull();
    for (const bad of [undefined, null, {}, { lcp: "1200" }, { lcp: -1 }, "fast"]) expect(loggedEvent(line(bad)), JSON.stringify(bad)).toBeNull();
  });

  it("has a replicated table and a distributed one on a cluster, sharded by website like the others", () => {
    const statements = schemaStatements("tm", "c1").filter((s) => /\btm\.vitals/.test(s));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS tm\.vitals_local ON CLUSTER c1 \(/);
    expect(statements[0]).toMatch(/ENGINE = ReplicatedMergeTree PARTITION BY toYYYYMM\(ts\) ORDER BY \(website_id, ts\)$/);
    expect(statements[1]).toBe("CREATE TABLE IF NOT EXISTS tm.vitals ON CLUSTER c1 AS tm.vitals_local ENGINE = Distributed(c1, tm, vitals_local, cityHash64(website_id))");
  });
});
