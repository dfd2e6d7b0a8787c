// Deleting a website, and deleting an account, leave nothing behind: a scan of
// every collection of the store and every row of the stats engine (rows only
// marked deleted included) finds neither the site's id, its visitors, nor the
// account's id or email; the team's audit log keeps a line naming the domain.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { createSite, uniqueDomain } from "../../helpers/api";
import { createKey, v1 } from "../../helpers/api-v1";
import { startApp, useDatabasesOf, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { addMember, createTeam } from "../../helpers/teams";
import { findTraces } from "../../helpers/traces";
import { expectAccepted, postTrack, uid } from "../../helpers/track";

let app: TestApp;
let db: mongoose.Connection;

beforeAll(async () => {
  app = await startApp({ label: "deletionscan" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  useDatabasesOf(app);
  await connectDb();
});
afterAll(async () => {
  await disconnectDb();
  await db?.close();
  await app?.stop();
});

type Owner = Awaited<ReturnType<typeof newUser>>;

/** A site with everything a site collects: visits, goals, an identity, payments, a key, a goal and funnel, a share, integration settings. */
async function busySite(owner: Owner, teamId?: string) {
  const site = await createSite(owner.client, { domain: uniqueDomain("doomed"), ...(teamId ? { teamId } : {}) });
  const { key } = await createKey(owner, site.id);
  const visitors = [`v${uid()}`, `v${uid()}`];
  for (const [i, visitorId] of visitors.entries()) {
    const base = { websiteId: site.id, visitorId, sessionId: `s${uid()}`, url: `https://${site.domain}/p${i}` };
    await expectAccepted(await postTrack(app.url, { ...base, type: "pageview" }));
    await expectAccepted(await postTrack(app.url, { ...base, type: "goal", name: "signup" }));
    await expectAccepted(await postTrack(app.url, { ...base, type: "identify", userId: `u${uid()}`, email: `${visitorId}@example.com` }));
  }
  expect((await v1(app.url, key, "POST", "/payments", { transactionId: `tx${uid()}`, amount: 900, currency: "USD", visitorId: visitors[0] })).status).toBe(201);
  expect((await owner.client.post(`/api/websites/${site.id}/goals`, { name: "Signup", eventName: "signup" })).status).toBe(201);
  expect((await owner.client.post(`/api/websites/${site.id}/funnels`, { name: "F", steps: [{ type: "page", value: "/p0" }, { type: "page", value: "/p1" }] })).status).toBe(201);
  expect((await owner.client.post(`/api/websites/${site.id}/shares`, {})).status).toBe(201);
  expect((await owner.client.patch(`/api/websites/${site.id}/integrations`, { github: { repos: ["acme/site"] } })).status).toBe(200);
  // Written through to the engine: the scan below must have something to miss.
  await eventually(async () => {
    const res = await v1(app.url, key, "GET", `/visitors/${visitors[1]}`);
    expect(res.status).toBe(200);
  });
  return { site, visitors };
}

describe("deleting a website", () => {
  it("removes every document and engine row of the site and its visitors; other sites stay", async () => {
    const owner = await newUser(app.url, "Site Owner");
    const { site, visitors } = await busySite(owner);
    const other = await busySite(owner);
    const needles = [site.id, ...visitors];
    expect((await findTraces(db, needles)).length).toBeGreaterThan(5);

    expect((await owner.client.request("DELETE", `/api/websites/${site.id}`)).status).toBe(204);

    expect(await findTraces(db, needles)).toEqual([]);
    expect((await findTraces(db, [other.site.id, ...other.visitors])).length).toBeGreaterThan(5);
    // The team's log still says what happened, by domain.
    expect(await db.collection("auditevents").countDocuments({ action: "site.deleted", target: site.domain })).toBe(1);
  });
});

describe("deleting an account", () => {
  it("removes the account, its sites' data, and its name and address from other teams' logs", async () => {
    const leaving = await newUser(app.url, `Leaving ${uid()}`);
    const other = await newUser(app.url, "Other Owner");
    const { site, visitors } = await busySite(leaving);
    // A member of someone else's team too, invited there and active in its log.
    const team = await createTeam(other.client, "Shared");
    await addMember(other.client, team.id, leaving, "admin");
    const theirs = await createSite(leaving.client, { domain: uniqueDomain("theirs"), teamId: team.id });
    const needles = [leaving.id, leaving.email, site.id, ...visitors];
    expect((await findTraces(db, needles)).length).toBeGreaterThan(5);

    expect((await leaving.client.request("DELETE", "/api/account", { password: leaving.password })).status).toBe(204);

    expect(await findTraces(db, needles)).toEqual([]);
    // What belongs to the other team stays: its site (made by the leaver) and its log.
    expect((await other.client.get(`/api/websites/${theirs.id}`)).status).toBe(200);
    expect(await db.collection("auditevents").countDocuments({ teamId: new mongoose.Types.ObjectId(team.id), action: "member.left" })).toBe(1);
  });
});
