// Billing on: usage against the plan, the grace period and the lock, for a
// team over its plan and for a trial that ended without one. Ingest never
// stops and nothing is dropped; the dashboard locks, then opens once the plan
// fits. Dates are moved back in the store to stand for the days passing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../../helpers/api";
import { backdate, billingDoc, getBilling, getUsage, startBillingApp, subscribe, type BillingApp } from "../../../helpers/billing";
import { newUser, type Client } from "../../../helpers/client";
import { eventually } from "../../../helpers/eventually";
import { addMember, createTeam } from "../../../helpers/teams";
import { expectAccepted, postTrack } from "../../../helpers/track";

let b: BillingApp;
let owner: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  b = await startBillingApp("billing_usage", { TRAILMARK_RATE_LIMITS: "signup-ip=100,invite-account=200,invite-ip=200" });
  owner = await newUser(b.app.url, "Usage Owner");
});
afterAll(() => b?.stop());

async function track(site: WebsiteBody, n: number) {
  for (let i = 0; i < n; i++) {
    await expectAccepted(await postTrack(b.app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}/p${i}`, visitorId: `v${i % 3}`, sessionId: `s${i % 3}` }));
  }
}

const page = async (client: Client, path: string) => {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
};

describe("over the plan's events", () => {
  let teamId: string;
  let site: WebsiteBody;

  it("every event is accepted and counted at once, past the limit too; the team is warned and a grace period starts", async () => {
    teamId = (await createTeam(owner.client, "Busy Co")).id;
    site = await createSite(owner.client, { domain: uniqueDomain("busy"), teamId });
    await track(site, 8);
    // Counted as accepted: no waiting for the ingest buffer's writes.
    expect(await getUsage(owner.client, teamId)).toMatchObject({ events: 8, limit: 10, plan: "starter", status: "trialing" });
    expect(await billingDoc(b.db, teamId)).toMatchObject({ notified: { level: 80 } });
    expect((await page(owner.client, `/dashboard/${site.id}`)).html).toMatch(/recorded 8 of the 10 events/);

    await track(site, 4);
    expect(await getUsage(owner.client, teamId)).toMatchObject({ events: 12, limit: 10 });
    const billing = await getBilling(owner.client, teamId);
    expect(billing).toMatchObject({ overLimit: ["events"], grace: { reason: "over_limit" }, locked: false });
    const overview = await owner.client.get(`/api/websites/${site.id}/stats/overview?period=today`);
    expect(overview.status).toBe(200);
    // Nothing was dropped: every accepted event reaches the stats.
    await eventually(async () => {
      const r = await owner.client.get(`/api/websites/${site.id}/stats/overview?period=today`);
      expect(((await r.json()) as { pageviews: number }).pageviews).toBe(12);
    });
    const dashboard = await page(owner.client, `/dashboard/${site.id}`);
    expect(dashboard.html).toMatch(/stats lock on/);
    expect(dashboard.html).not.toContain("upgrade-wall");
  });

  it("once the grace period has run out the stats lock (pages and API); ingest, settings and export go on", async () => {
    await backdate(b.db, teamId, "overLimitSince", 8);
    await expectApiError(await owner.client.get(`/api/websites/${site.id}/stats/overview?period=today`), 402, "plan_required");
    await expectApiError(await owner.client.get(`/api/websites/${site.id}/stats/timeseries?period=today`), 402, "plan_required");
    await expectApiError(await owner.client.get(`/api/websites/${site.id}/stats/dashboard?part=overview`), 402, "plan_required");
    const locked = await page(owner.client, `/dashboard/${site.id}`);
    expect(locked.status).toBe(200);
    expect(locked.html).toContain("upgrade-wall");
    expect(locked.html).toMatch(/Stats for .* are paused/);
    expect(locked.html).toMatch(/Upgrade to Growth/);
    expect((await page(owner.client, `/dashboard/${site.id}/goals`)).html).toContain("upgrade-wall");
    const settings = await page(owner.client, `/dashboard/${site.id}/settings`);
    expect(settings.status).toBe(200);
    expect(settings.html).not.toContain("upgrade-wall");
    const day = new Date().toISOString().slice(0, 10);
    expect((await owner.client.get(`/api/websites/${site.id}/export?type=pageviews&from=${day}&to=${day}`)).status).toBe(200);
    await track(site, 2);
    expect(await getUsage(owner.client, teamId)).toMatchObject({ events: 14 });
    expect(await getBilling(owner.client, teamId)).toMatchObject({ locked: true, grace: { reason: "over_limit" } });
  });

  it("a plan that fits opens them again at once", async () => {
    await subscribe(owner.client, b.stripe, teamId, "growth");
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", locked: false, grace: null, overLimit: [] });
    expect((await billingDoc(b.db, teamId))!.overLimitSince).toBeUndefined();
    await eventually(async () => {
      const overview = await owner.client.get(`/api/websites/${site.id}/stats/overview?period=today`);
      expect(((await overview.json()) as { pageviews: number }).pageviews).toBe(14);
    });
    expect((await page(owner.client, `/dashboard/${site.id}`)).html).not.toContain("upgrade-wall");
  });
});

describe("a trial that ended without a plan", () => {
  it("runs a grace period, then shows the upgrade page (to viewers too, without the plans) until a plan is chosen", async () => {
    const teamId = (await createTeam(owner.client, "Trial Co")).id;
    const site = await createSite(owner.client, { domain: uniqueDomain("trial"), teamId });
    const viewer = await newUser(b.app.url, "Trial Viewer");
    await addMember(owner.client, teamId, viewer, "viewer");
    await backdate(b.db, teamId, "trialEndsAt", 1);
    expect(await getUsage(owner.client, teamId)).toMatchObject({ status: "none", plan: null, limit: null });
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "none", trial: false, grace: { reason: "trial_ended" }, locked: false });
    expect((await owner.client.get(`/api/websites/${site.id}/stats/overview?period=today`)).status).toBe(200);
    expect((await page(viewer.client, `/dashboard/${site.id}`)).html).toMatch(/trial has ended/);

    await backdate(b.db, teamId, "trialEndsAt", 8);
    await expectApiError(await viewer.client.get(`/api/websites/${site.id}/stats/overview?period=today`), 402, "plan_required");
    const seen = await page(viewer.client, `/dashboard/${site.id}`);
    expect(seen.html).toContain("upgrade-wall");
    expect(seen.html).toMatch(/An owner of the team can choose a plan/);
    expect(seen.html).not.toMatch(/Upgrade to Growth/);
    // Tracking goes on while locked.
    await expectAccepted(await postTrack(b.app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}/`, visitorId: "late" }));
    expect(await getUsage(viewer.client, teamId)).toMatchObject({ events: 1 });

    await subscribe(owner.client, b.stripe, teamId, "starter", "year");
    expect((await viewer.client.get(`/api/websites/${site.id}/stats/overview?period=today`)).status).toBe(200);
    expect(await getUsage(viewer.client, teamId)).toMatchObject({ status: "active", plan: "starter" });
  });
});

describe("the plan's site and member limits", () => {
  it("refuse one site or member too many with 402, and allow them after an upgrade", async () => {
    const teamId = (await createTeam(owner.client, "Small Co")).id;
    await createSite(owner.client, { domain: uniqueDomain("one"), teamId });
    const second = await owner.client.post("/api/websites", { domain: uniqueDomain("two"), teamId });
    expect((await expectApiError(second, 402, "plan_limit_reached")).error.message).toMatch(/Starter plan includes 1 site/);
    // Owner + one invitation = the plan's two members.
    expect((await owner.client.post(`/api/teams/${teamId}/invites`, { email: "first@example.com", role: "viewer" })).status).toBe(201);
    await expectApiError(await owner.client.post(`/api/teams/${teamId}/invites`, { email: "second@example.com", role: "viewer" }), 402, "plan_limit_reached");
    expect(await b.db.collection("invites").countDocuments({ email: "second@example.com" })).toBe(0);
    await subscribe(owner.client, b.stripe, teamId, "growth");
    await createSite(owner.client, { domain: uniqueDomain("two"), teamId });
    expect((await owner.client.post(`/api/teams/${teamId}/invites`, { email: "second@example.com", role: "viewer" })).status).toBe(201);
  });

  it("billing is the owners': admins and viewers read usage but not billing", async () => {
    const teamId = (await createTeam(owner.client, "Roles Co")).id;
    const [admin, viewer] = [await newUser(b.app.url, "Admin"), await newUser(b.app.url, "Viewer")];
    await addMember(owner.client, teamId, admin, "admin");
    // The trial plan has two seats: the viewer needs a larger plan.
    await subscribe(owner.client, b.stripe, teamId, "growth");
    await addMember(owner.client, teamId, viewer, "viewer");
    for (const member of [admin, viewer]) {
      expect(await getUsage(member.client, teamId)).toMatchObject({ plan: "growth", status: "active" });
      await expectApiError(await member.client.get(`/api/teams/${teamId}/billing`), 403, "forbidden");
      await expectApiError(await member.client.post(`/api/teams/${teamId}/billing/checkout`, { plan: "growth" }), 403, "forbidden");
      await expectApiError(await member.client.post(`/api/teams/${teamId}/billing/portal`), 403, "forbidden");
    }
  });
});
