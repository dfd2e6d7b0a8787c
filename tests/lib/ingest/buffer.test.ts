import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { stagingWriter, writeBatch, type BufferedEvent } from "@/lib/ingest/batch-writer";
import { WriteBuffer } from "@/lib/ingest/buffer";
import { resetSessionCache } from "@/lib/ingest/sessionize";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { Website } from "@/models/Website";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { eventually } from "../../helpers/eventually";
import { orphanAs } from "../../helpers/ingest-log";

useTestDatabase("buffer");
beforeEach(() => resetSessionCache());


const websiteId = async () => String((await makeWebsite())._id);
function pageview(site: string, visitorId: string, path: string, timestamp: string, sessionId?: string): BufferedEvent {
  return { id: String(new Types.ObjectId()), websiteId: site, visitorId, sessionId, type: "pageview", path, timestamp: new Date(timestamp).toISOString(), context: { channel: "Direct", country: "FR" } };
}

describe("writeBatch + sessionize", () => {
  it("keeps entry, exit, pageviews, duration and bounce on the session document", async () => {
    const site = await websiteId();
    await writeBatch([pageview(site, "v1", "/", "2026-05-01T10:00:00Z", "s1"), pageview(site, "v1", "/pricing", "2026-05-01T10:02:00Z", "s1")]);
    await writeBatch([pageview(site, "v1", "/signup", "2026-05-01T10:05:30Z", "s1")]);
    const s = await Session.findOne({ websiteId: site, sessionId: "s1" }).lean();
    expect(s).toMatchObject({ entryPage: "/", exitPage: "/signup", pageviews: 3, duration: 330, bounce: false, country: "FR" });
    expect(await PageView.countDocuments({ websiteId: site })).toBe(3);
  });

  it("splits a visit after 30 idle minutes, with or without a client session id", async () => {
    const site = await websiteId();
    await writeBatch([
      pageview(site, "v2", "/", "2026-05-01T10:00:00Z"),
      pageview(site, "v2", "/a", "2026-05-01T10:29:00Z"),
      pageview(site, "v2", "/b", "2026-05-01T11:00:00Z"),
      pageview(site, "v3", "/", "2026-05-01T10:00:00Z", "tracker-s"),
      pageview(site, "v3", "/x", "2026-05-01T10:45:00Z", "tracker-s"),
    ]);
    const v2 = await Session.find({ websiteId: site, visitorId: "v2" }).sort({ startedAt: 1 }).lean();
    expect(v2.map((s) => [s.entryPage, s.pageviews, s.bounce])).toEqual([["/", 2, false], ["/b", 1, true]]);
    expect(await Session.countDocuments({ websiteId: site, visitorId: "v3" })).toBe(2);
  });

  it("updates 150 existing sessions in one batch (FerretDB stalls on one update command of ~100 statements)", async () => {
    const site = await websiteId();
    const visits = Array.from({ length: 150 }, (_, i) => i);
    await writeBatch(visits.map((i) => pageview(site, `m${i}`, "/", "2026-05-04T10:00:00Z", `ms${i}`)));
    resetSessionCache(); // as after a restart: every session must be read back and updated in the store
    await writeBatch(visits.map((i) => pageview(site, `m${i}`, "/next", "2026-05-04T10:03:00Z", `ms${i}`)));
    const sessions = await Session.find({ websiteId: site }).lean();
    expect(sessions).toHaveLength(150);
    expect(sessions.every((s) => s.pageviews === 2 && s.exitPage === "/next" && s.bounce === false)).toBe(true);
  });
});

describe("WriteBuffer durability", () => {
  it("replays what a killed process acknowledged, without duplicating events already written", async () => {
    const site = await websiteId();
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    const events = [pageview(site, "k1", "/", "2026-05-02T10:00:00Z", "ks"), pageview(site, "k1", "/a", "2026-05-02T10:01:00Z", "ks"), pageview(site, "k1", "/b", "2026-05-02T10:02:00Z", "ks")];
    // A first buffer acknowledges three events; one reached the store before it died.
    const dead = new WriteBuffer(dir, async () => {});
    for (const e of events) dead.add(e);
    dead.stop(); // it dies before its timer fires
    await writeBatch(events.slice(0, 1));
    orphanAs(dir);
    const restarted = new WriteBuffer(dir);
    await restarted.flush();
    expect(await PageView.countDocuments({ websiteId: site })).toBe(3);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("holds events while the store fails and writes them once it answers", async () => {
    const site = await websiteId();
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    let storeUp = false;
    const buffer = new WriteBuffer(dir, async (batch) => {
      if (!storeUp) throw new Error("store down");
      await writeBatch(batch);
    });
    buffer.add(pageview(site, "d1", "/", "2026-05-03T10:00:00Z", "ds"));
    buffer.add(pageview(site, "d1", "/x", "2026-05-03T10:01:00Z", "ds"));
    await buffer.flush();
    expect(buffer.failures).toBe(1);
    expect(await PageView.countDocuments({ websiteId: site })).toBe(0);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    storeUp = true;
    await buffer.flush();
    expect(await PageView.countDocuments({ websiteId: site })).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    buffer.stop();
  });

  it("keeps events that overflow memory while a flush from disk is running (they were once deleted unwritten)", async () => {
    const site = await websiteId();
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    const buffer = new WriteBuffer(dir, async (batch) => {
      await gate;
      await writeBatch(batch);
    }, 5);
    const event = (i: number) => pageview(site, `o${i}`, `/o${i}`, "2026-05-05T10:00:00Z", `os${i}`);
    for (let i = 0; i < 8; i++) buffer.add(event(i)); // 5 in memory, 3 on disk only: the next flush reads the log
    buffer.stop();
    const first = buffer.flush();
    for (let i = 8; i < 16; i++) buffer.add(event(i)); // memory fills again while that flush waits on the store
    buffer.stop();
    release();
    await first;
    gate = Promise.resolve();
    expect(await buffer.drain()).toBe(true);
    expect(await PageView.countDocuments({ websiteId: site })).toBe(16);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes a session at checkpoints only; a SIGKILL between two replays its events onto the stored counts", async () => {
    const site = await websiteId();
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    const at = (i: number) => pageview(site, "c1", `/c${i}`, `2026-05-06T10:0${i}:00Z`, "cs");
    const dead = new WriteBuffer(dir, undefined, undefined, false); // as under load: the timer's flushes leave sessions staged
    dead.add(at(0));
    dead.add(at(1));
    await dead.flush(); // explicit: a checkpoint, the session is written
    for (let i = 2; i < 5; i++) dead.add(at(i));
    // The timer's flush writes the pageviews; the session waits for the next checkpoint, and so does the log.
    await eventually(async () => expect(await PageView.countDocuments({ websiteId: site })).toBe(5));
    expect(await Session.findOne({ websiteId: site }).lean()).toMatchObject({ pageviews: 2, exitPage: "/c1" });
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    dead.stop();
    orphanAs(dir);
    resetSessionCache(); // a new process knows only what the store holds
    await new WriteBuffer(dir).flush();
    // Only the events after the checkpoint are replayed: counted once each.
    expect(await Session.findOne({ websiteId: site }).lean()).toMatchObject({ pageviews: 5, events: 5, exitPage: "/c4", entryPage: "/c0", duration: 240, bounce: false });
    expect(await PageView.countDocuments({ websiteId: site })).toBe(5);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("turns the insert of a visit another process created meanwhile into an upsert onto its document", async () => {
    const site = await websiteId();
    const writer = stagingWriter();
    await writer.write([pageview(site, "p1", "/b", "2026-05-07T10:01:00Z", "ps")]); // not in the store yet: staged as an insert
    // Another process writes the visit's first pageview before this one's checkpoint.
    const t0 = new Date("2026-05-07T10:00:00Z");
    await Session.collection.insertOne({ _id: `${site}:ps` as never, websiteId: new Types.ObjectId(site), sessionId: "ps", visitorId: "p1", startedAt: t0, lastSeenAt: t0, entryPage: "/", exitPage: "/", pageviews: 1, events: 1 });
    await writer.checkpoint();
    expect(await Session.findOne({ websiteId: site }).lean()).toMatchObject({ pageviews: 2, events: 2, entryPage: "/", exitPage: "/b", startedAt: t0 });
  });

  it("seals the log every 5,000 events, so a replay from disk parses one bounded segment at a time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    const batches: number[] = [];
    const buffer = new WriteBuffer(dir, async (batch) => {
      batches.push(batch.length);
    });
    const site = String(new Types.ObjectId());
    for (let i = 0; i < 5_001; i++) buffer.add(pageview(site, "b1", "/", "2026-05-08T10:00:00Z", "bs"));
    buffer.stop();
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(new RegExp(`^active-${process.pid}-\\d+\\.ndjson$`)), expect.stringMatching(/^sealed-/)]);
    expect(await buffer.drain()).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5_001);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes sessions with their pageviews when the buffer keeps up, and no session for a website deleted meanwhile", async () => {
    const site = await websiteId();
    const dir = mkdtempSync(path.join(tmpdir(), "tm-log-"));
    const buffer = new WriteBuffer(dir);
    buffer.add(pageview(site, "i1", "/", "2026-05-09T10:00:00Z", "is"));
    await eventually(async () => expect(await Session.findOne({ websiteId: site }).lean()).toMatchObject({ pageviews: 1 }));
    const gone = await websiteId();
    const writer = stagingWriter();
    await writer.write([pageview(gone, "g1", "/", "2026-05-09T10:00:00Z", "gs")]);
    await Website.updateOne({ _id: gone }, { $set: { deletedAt: new Date() } });
    await writer.checkpoint();
    expect(await Session.countDocuments({ websiteId: gone })).toBe(0);
    buffer.stop();
  });
});
