// The scheduler's usage pass, in process against the run's store and engine:
// warnings at 80 % and 100 % of the plan mailed once each to verified owners
// only, the over-limit grace started when the team goes over and ended when
// the month turns.
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRetentionDays } from "@/lib/billing/retention";
import { settleAllTeams } from "@/lib/billing/usage/job";
import { teamUsage } from "@/lib/billing/usage/team-usage";
import { Membership, Team, TeamBilling, User, Website } from "@/models";
import { makeVisit } from "../../factories";
import { TEST_PLANS } from "../../helpers/billing";
import { useTestDatabase } from "../../helpers/db";
import { nextMail } from "../../helpers/mailbox";
import { useSmtp } from "../../helpers/smtp";

useTestDatabase("billing_job");
const box = useSmtp();

// Room for the three members; ten events a month as in the other billing tests.
const PLANS = TEST_PLANS.map((p) => ({ ...p, members: 5 }));
const ENV = { TRAILMARK_BILLING: "stripe", TRAILMARK_STRIPE_SECRET_KEY: "sk_test_job", TRAILMARK_STRIPE_WEBHOOK_SECRET: "whsec_job", TRAILMARK_PLANS: JSON.stringify(PLANS), TRAILMARK_TRIAL_PLAN: "starter", NEXTAUTH_URL: "https://trailmark.example" };
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) (saved[k] = process.env[k]), (process.env[k] = v);
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

const now = new Date(Date.UTC(2026, 6, 20, 12));
const hour = (h: number) => new Date(now.getTime() - h * 3_600_000);

async function user(name: string, verified: boolean) {
  return User.create({ email: `${name}-${new Types.ObjectId()}@example.com`, name, ...(verified ? { emailVerifiedAt: now } : {}) });
}

describe("settleAllTeams", () => {
  let teamId: Types.ObjectId;
  let siteId: Types.ObjectId;
  let verifiedOwner: string;
  let unverifiedOwner: string;
  let verifiedAdmin: string;

  beforeAll(async () => {
    const [a, b, c] = [await user("owner", true), await user("co-owner", false), await user("admin", true)];
    [verifiedOwner, unverifiedOwner, verifiedAdmin] = [a.email, b.email, c.email];
    teamId = (await Team.create({ name: "Mailed Co", createdBy: a._id }))._id;
    await Membership.create([{ teamId, userId: a._id, role: "owner" }, { teamId, userId: b._id, role: "owner" }, { teamId, userId: c._id, role: "admin" }]);
    siteId = (await Website.create({ userId: a._id, teamId, domain: "mailed.example", name: "Mailed" }))._id;
  });

  it("mails the 80 % warning once, to the team's verified owners only", async () => {
    await makeVisit(siteId, hour(5), { paths: ["/", "/a", "/b", "/c", "/d", "/e", "/f", "/g"] });
    const before = box.messages.length;
    expect(await settleAllTeams(now)).toBe(1);
    const mail = await nextMail(box, verifiedOwner, before, /80% of this month's events/);
    expect(mail.text).toContain("8 of the 10 events");
    expect(mail.text).toContain(`https://trailmark.example/team/${teamId}#billing`);
    await settleAllTeams(now);
    // Mail goes out in the background: a second one would have arrived by the time this one did.
    await nextMail(box, verifiedOwner, before, /80%/);
    const sent = box.messages.slice(before);
    expect(sent.map((m) => m.to)).toEqual([verifiedOwner]);
    expect(sent.some((m) => m.to === unverifiedOwner || m.to === verifiedAdmin)).toBe(false);
    expect(await TeamBilling.findById(teamId).lean()).toMatchObject({ notified: { month: "2026-07", level: 80 } });
    // The trial plan's retention is recorded with the team, for data retention to read.
    expect(await planRetentionDays(teamId)).toBe(365);
  });

  it("at 100 % mails again and starts the over-limit grace once past it; the next month ends it", async () => {
    await makeVisit(siteId, hour(3), { paths: ["/h", "/i", "/j"] });
    const before = box.messages.length;
    await settleAllTeams(now);
    const mail = await nextMail(box, verifiedOwner, before, /reached this month's event limit/);
    expect(mail.text).toMatch(/Tracking goes on and nothing is dropped/);
    const doc = await TeamBilling.findById(teamId).lean();
    expect(doc).toMatchObject({ notified: { level: 100 }, overLimit: ["events"] });
    expect(doc!.overLimitSince).toEqual(now);
    expect((await teamUsage(teamId, now)).usage).toMatchObject({ month: "2026-07", events: 11, limit: 10, plan: "starter", status: "trialing" });

    const august = new Date(Date.UTC(2026, 7, 1, 1));
    expect(await settleAllTeams(august)).toBe(1);
    const next = await TeamBilling.findById(teamId).lean();
    expect(next!.overLimitSince).toBeUndefined();
    expect((await teamUsage(teamId, august)).usage).toMatchObject({ month: "2026-08", events: 0 });
    expect(box.messages.slice(before).filter((m) => /100%|limit/.test(m.subject))).toHaveLength(1);
  });
});
