// Usage without billing (self-hosting): counted and shown, no limit, no plan,
// no billing routes; exact at any moment and after a restart, a killed one
// included (the ingest log's events count once they are replayed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { connectDb, disconnectDb } from "@/lib/db";
import { makeVisit } from "../../factories";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, useDatabasesOf, type TestApp } from "../../helpers/app";
import { getUsage } from "../../helpers/billing";
import { Client, newUser } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { addMember, createTeam } from "../../helpers/teams";
import { expectAccepted, postTrack } from "../../helpers/track";

const apps: TestApp[] = [];
let app: TestApp;
let owner: Awaited<ReturnType<typeof newUser>>;
let teamId: string;
let site: WebsiteBody;

beforeAll(async () => {
  app = await startApp({ label: "usage" });
  apps.push(app);
  useDatabasesOf(app);
  await connectDb();
  owner = await newUser(app.url, "Self Hoster");
  teamId = (await createTeam(owner.client, "Own Server")).id;
  site = await createSite(owner.client, { domain: uniqueDomain("own"), teamId });
});
afterAll(async () => {
  await disconnectDb();
  for (const a of apps) await a.stop();
});

async function track(url: string, n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    await expectAccepted(await postTrack(url, { type: i % 2 ? "goal" : "pageview", name: i % 2 ? "signup" : undefined, websiteId: site.id, url: `https://${site.domain}/p${i}`, visitorId: `v${i % 4}`, sessionId: `s${i % 4}` }));
  }
}

const month = () => new Date().toISOString().slice(0, 7);

describe("GET /api/teams/{id}/usage without billing", () => {
  it("counts every accepted event of the team's sites this month, at once, with no limit or plan", async () => {
    expect(await getUsage(owner.client, teamId)).toEqual({ month: month(), events: 0, limit: null, plan: null, status: "none" });
    await track(app.url, 7);
    expect(await getUsage(owner.client, teamId)).toEqual({ month: month(), events: 7, limit: null, plan: null, status: "none" });
    // Another team's site and last month's events are not this team's usage this month.
    const other = await createSite(owner.client, { domain: uniqueDomain("personal") });
    await expectAccepted(await postTrack(app.url, { type: "pageview", websiteId: other.id, url: `https://${other.domain}/` }));
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 3 * 3_600_000);
    await makeVisit(new Types.ObjectId(site.id), lastMonth, { paths: ["/old", "/older"] });
    expect((await getUsage(owner.client, teamId)).events).toBe(7);
    expect((await getUsage(owner.client, owner.id)).events).toBe(1);
  });

  it("is readable by every member and by nobody else; billing routes do not exist", async () => {
    const viewer = await newUser(app.url, "Viewer");
    await addMember(owner.client, teamId, viewer, "viewer");
    expect((await getUsage(viewer.client, teamId)).events).toBe(7);
    const stranger = await newUser(app.url, "Stranger");
    await expectApiError(await stranger.client.get(`/api/teams/${teamId}/usage`), 404, "not_found");
    await expectApiError(await owner.client.get(`/api/teams/${teamId}/billing`), 404, "not_found");
    await expectApiError(await owner.client.post(`/api/teams/${teamId}/billing/checkout`, { plan: "growth" }), 404, "not_found");
    await expectApiError(await owner.client.post(`/api/teams/${teamId}/billing/portal`), 404, "not_found");
    const hook = await fetch(`${app.url}/api/billing/webhook`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" }, body: "{}" });
    await expectApiError(hook, 404, "not_found");
  });

  it("no limits apply: sites and members are not counted against anything", async () => {
    for (let i = 0; i < 3; i++) await createSite(owner.client, { domain: uniqueDomain(`many${i}`), teamId });
    expect((await getUsage(owner.client, teamId)).limit).toBeNull();
  });
});

describe("usage after a restart", () => {
  it("is exact after a clean stop and after a kill, without counting an event twice", async () => {
    await track(app.url, 5, 100);
    expect((await getUsage(owner.client, teamId)).events).toBe(12);
    await app.stop();
    app = await startApp({ label: "usage", dbUri: app.dbUri, ingestDir: app.ingestDir });
    apps.push(app);
    const client = await signedIn(app.url);
    expect((await getUsage(client, teamId)).events).toBe(12);

    // Killed right after the acknowledgements: what was not written yet waits in the log and counts once replayed.
    await track(app.url, 6, 200);
    expect((await getUsage(client, teamId)).events).toBe(18);
    await app.kill("SIGKILL");
    app = await startApp({ label: "usage", dbUri: app.dbUri, ingestDir: app.ingestDir });
    apps.push(app);
    const again = await signedIn(app.url);
    await eventually(async () => expect((await getUsage(again, teamId)).events).toBe(18));
    await track(app.url, 1, 300);
    expect((await getUsage(again, teamId)).events).toBe(19);
  });
});

async function signedIn(url: string): Promise<Client> {
  const c = new Client(url);
  expect(await c.signIn(owner.email, owner.password)).toBe(true);
  return c;
}
