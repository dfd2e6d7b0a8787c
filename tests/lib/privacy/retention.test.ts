// The retention pass: a site keeping 30 days loses the visits (and everything
// of them) from before its held range and keeps the rest; payments stay as
// money without their link to the gone visitor; the pass runs once a day per
// site under that site's lock; sites keeping everything are never touched.
import mongoose, { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { acquireLock } from "@/lib/jobs/lock";
import { heldFrom, heldRange } from "@/lib/privacy/retention";
import { retentionJobId, runDueRetention, runRetentionFor } from "@/lib/privacy/retention-job";
import { Identity, identityKey } from "@/models/Identity";
import { Payment } from "@/models/Payment";
import { PageView, Session } from "@/models";
import { makeGoalEvent, makePaymentFor, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { findTraces } from "../../helpers/traces";
import { uid } from "../../helpers/track";

useTestDatabase("retention");

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 15, 10));
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe("heldFrom", () => {
  it("starts at local midnight, so today and the days before it are held whole", () => {
    expect(heldFrom(1, "UTC", NOW)).toEqual({ day: "2026-06-15", at: new Date("2026-06-15T00:00:00Z") });
    expect(heldFrom(30, "UTC", NOW)).toEqual({ day: "2026-05-17", at: new Date("2026-05-17T00:00:00Z") });
    // 10:00 UTC is already the 16th in Auckland (UTC+12 in June).
    expect(heldFrom(1, "Pacific/Auckland", NOW)).toEqual({ day: "2026-06-15", at: new Date("2026-06-14T12:00:00Z") });
    expect(heldFrom(2, "America/Los_Angeles", NOW).at).toEqual(new Date("2026-06-14T07:00:00Z"));
  });
});

async function seed(retentionDays: number | null) {
  const site = await makeWebsite({ timezone: "UTC", settings: { retentionDays } });
  const old = `old${uid()}`;
  const recent = `new${uid()}`;
  const both = `both${uid()}`;
  const oldVisit = await makeVisit(site._id, ago(40), { visitorId: old, paths: ["/", "/pricing"] });
  await makeGoalEvent(site._id, new Date(ago(40).getTime() + 90_000), { visitorId: old, sessionId: oldVisit.sessionId, name: "signup" });
  await Identity.create({ _id: identityKey(site._id, old), websiteId: site._id, visitorId: old, userId: `u-${old}`, emailHash: `h-${old}` });
  const oldPayment = await makePaymentFor(oldVisit, new Date(ago(40).getTime() + 120_000), 5000);
  await makeVisit(site._id, ago(3), { visitorId: recent, paths: ["/docs"] });
  await Identity.create({ _id: identityKey(site._id, recent), websiteId: site._id, visitorId: recent, userId: `u-${recent}` });
  // Came long ago and again lately: the old visit goes, the visitor and their identity stay.
  const bothOld = await makeVisit(site._id, ago(35), { visitorId: both, paths: ["/a"] });
  const bothNew = await makeVisit(site._id, ago(2), { visitorId: both, paths: ["/b"] });
  await Identity.create({ _id: identityKey(site._id, both), websiteId: site._id, visitorId: both, userId: `u-${both}` });
  // Paid lately, matched to the visit of 35 days ago: the payment keeps the visitor, loses the gone visit.
  const latePayment = await makePaymentFor(bothNew, ago(1), 700);
  await Payment.updateOne({ _id: latePayment._id }, { $set: { sessionId: bothOld.sessionId } });
  return { site, old, recent, both, oldVisit, bothOld, oldPayment, latePayment };
}

async function engineSessions(websiteId: unknown) {
  const e = await engine();
  return (await e.query<{ session_id: string }>(`SELECT DISTINCT session_id FROM ${e.tables.events} WHERE website_id = ${str(String(websiteId))}`)).map((r) => r.session_id).sort();
}

describe("the retention pass", () => {
  it("deletes what is older than the held range and nothing newer", async () => {
    const s = await seed(30);
    const kept = await seed(null);
    expect(await heldRange(s.site, NOW)).toMatchObject({ days: 30, day: "2026-05-17" });
    expect(await heldRange(kept.site, NOW)).toBeNull();
    const db = mongoose.connection;
    const needles = [s.old, s.oldVisit.sessionId, s.bothOld.sessionId, `u-${s.old}`, `h-${s.old}`];
    expect((await findTraces(db, needles)).length).toBeGreaterThan(4);

    expect(await runDueRetention(NOW)).toBe(1);

    expect(await findTraces(db, needles)).toEqual([]);
    const wid = s.site._id as Types.ObjectId;
    expect((await Session.find({ websiteId: wid }).lean()).map((d) => d.visitorId).sort()).toEqual([s.both, s.recent].sort());
    expect(await PageView.countDocuments({ websiteId: wid, timestamp: { $lt: ago(30) } })).toBe(0);
    expect(await engineSessions(wid)).toHaveLength(2);
    expect(await Identity.exists({ _id: identityKey(wid, s.both) })).toBeTruthy();
    // Money stays: the old payment unlinked from its visitor, the late one from the gone visit only.
    const oldPay = await Payment.findById(s.oldPayment._id).lean();
    expect(oldPay).toMatchObject({ amount: 5000 });
    expect(oldPay).not.toHaveProperty("visitorId");
    expect(oldPay?.firstTouch?.channel).toBe("Direct");
    const late = await Payment.findById(s.latePayment._id).lean();
    expect(late).toMatchObject({ amount: 700, visitorId: s.both });
    expect(late).not.toHaveProperty("sessionId");
    const e = await engine();
    const money = await e.query<{ n: number; total: number }>(`SELECT count() AS n, sum(amount) AS total FROM ${e.tables.payments} FINAL WHERE website_id = ${str(String(wid))} AND deleted = 0`);
    expect(money[0]).toMatchObject({ n: 2, total: 5700 });

    // The site that keeps everything still has all of it.
    expect(await engineSessions(kept.site._id)).toHaveLength(4);
    expect(await Session.countDocuments({ websiteId: kept.site._id })).toBe(4);
  });

  it("runs once a day per site, and never while another run holds the site's lock", async () => {
    const s = await seed(30);
    expect((await runRetentionFor(s.site, 30, NOW)).status).toBe("ok");
    // Due again a day later, not before.
    const later = new Date(NOW.getTime() + 3_600_000);
    const before = await runDueRetention(later);
    expect(before).toBe(0);
    const other = await seed(7);
    await acquireLock(retentionJobId(other.site._id), { job: "retention", websiteId: other.site._id }, 60_000, NOW);
    expect((await runRetentionFor(other.site, 7, NOW)).status).toBe("busy");
    expect(await Session.countDocuments({ websiteId: other.site._id })).toBe(4);
  });
});
