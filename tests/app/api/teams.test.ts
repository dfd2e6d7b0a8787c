// Teams, invitations and membership through the running app and the real store.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { Client, newUser } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { startSmtp } from "../../helpers/smtp";
import { addMember, createTeam, inviteToken, type TeamBody } from "../../helpers/teams";

let app: TestApp;
let db: mongoose.Connection;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
type User = Awaited<ReturnType<typeof newUser>>;
let owner: User;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ label: "teams", env: { SMTP_URL: smtp.url, TRAILMARK_RATE_LIMITS: "signup-ip=200" } });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  owner = await newUser(app.url, "Olivia Owner");
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await smtp?.close();
});

const invite = async (teamId: string, email: string, role = "viewer", by = owner.client) => {
  const res = await by.post(`/api/teams/${teamId}/invites`, { email, role });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; url: string; emailed: boolean; expiresAt: string };
};
const markVerified = (email: string) => db.collection("users").updateOne({ email }, { $set: { emailVerifiedAt: new Date() } });

describe("personal team", () => {
  it("every new account has one, it owns the sites made without a teamId, and it cannot be deleted", async () => {
    const { teams } = (await (await owner.client.get("/api/teams")).json()) as { teams: TeamBody[] };
    expect(teams).toEqual([expect.objectContaining({ id: owner.id, personal: true, role: "owner" })]);
    const site = await createSite(owner.client, { domain: uniqueDomain("personal") });
    expect(site).toMatchObject({ teamId: owner.id, role: "owner" });
    await expectApiError(await owner.client.delete(`/api/teams/${owner.id}`), 409, "personal_team");
    await expectApiError(await owner.client.delete(`/api/teams/${owner.id}/members/${owner.id}`), 409, "personal_team");
  });

  it("a website from before teams is moved into its creator's personal team on the next request, once", async () => {
    const legacy = await newUser(app.url, "Legacy");
    const userId = new mongoose.Types.ObjectId(legacy.id);
    // As the store held it before teams: no team, no membership.
    await db.collection("memberships").deleteMany({ userId });
    await db.collection("teams").deleteOne({ _id: userId });
    await db.collection("users").updateOne({ _id: userId }, { $unset: { teamsReady: 1 } });
    const { insertedId } = await db.collection("websites").insertOne({ userId, domain: "legacy.example.com", name: "Old", timezone: "UTC", currency: "USD", settings: {}, createdAt: new Date() });
    const res = await legacy.client.get(`/api/websites/${insertedId}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { website: { teamId: string; role: string } }).website).toMatchObject({ teamId: legacy.id, role: "owner" });
    expect(await db.collection("websites").findOne({ _id: insertedId })).toMatchObject({ teamId: userId });
    await legacy.client.get("/api/websites");
    expect(await db.collection("teams").countDocuments({ _id: userId })).toBe(1);
    expect(await db.collection("memberships").countDocuments({ userId })).toBe(1);
  });
});

describe("invitations", () => {
  let team: TeamBody;
  beforeAll(async () => {
    team = await createTeam(owner.client, "Acme");
  });

  it("an existing account accepts through the link once, with the role invited; the link then stops working", async () => {
    const bob = await newUser(app.url, "Bob");
    const inv = await invite(team.id, bob.email.toUpperCase(), "admin");
    expect(inv.url).toMatch(new RegExp(`^${app.url}/invite/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    const res = await bob.client.post(`/api/invites/${inviteToken(inv.url)}/accept`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { team: TeamBody }).team).toMatchObject({ id: team.id, role: "admin" });
    await expectApiError(await bob.client.post(`/api/invites/${inviteToken(inv.url)}/accept`), 404, "not_found");
    const members = (await (await owner.client.get(`/api/teams/${team.id}/members`)).json()) as { members: { email: string; role: string }[] };
    expect(members.members).toContainEqual(expect.objectContaining({ email: bob.email, role: "admin" }));
  });

  it("a new sign-up with the invited address can accept; another account cannot", async () => {
    const email = `newcomer${Date.now()}@example.com`;
    const inv = await invite(team.id, email);
    const other = await newUser(app.url, "Other");
    await expectApiError(await other.client.post(`/api/invites/${inviteToken(inv.url)}/accept`), 403, "invite_email_mismatch");
    const client = new Client(app.url);
    expect((await client.signUp({ email, password: "a fresh passphrase", name: "Newcomer" })).status).toBe(201);
    expect(await client.signIn(email, "a fresh passphrase")).toBe(true);
    expect((await client.post(`/api/invites/${inviteToken(inv.url)}/accept`)).status).toBe(200);
    expect((await (await client.get(`/api/teams/${team.id}`)).json()) as { team: TeamBody }).toMatchObject({ team: { role: "viewer" } });
  });

  it("is mailed only when the inviter's address is confirmed", async () => {
    const email = `mailme${Date.now()}@example.com`;
    const before = smtp.messages.length;
    expect((await invite(team.id, email)).emailed).toBe(false);
    await markVerified(owner.email);
    const inv = await invite(team.id, email);
    expect(inv.emailed).toBe(true);
    const mail = await eventually(async () => {
      const m = smtp.messages.slice(before).find((x) => x.to === email);
      if (!m) throw new Error("no invitation mail yet");
      return m;
    });
    expect(mail.subject).toContain("Acme");
    expect(mail.text).toContain(inv.url);
    expect(smtp.messages.slice(before).filter((x) => x.to === email)).toHaveLength(1);
  });

  it("a revoked, a replaced, an expired and a forged link are all the same 404", async () => {
    const carol = await newUser(app.url, "Carol");
    const revoked = await invite(team.id, carol.email);
    expect((await owner.client.delete(`/api/teams/${team.id}/invites/${revoked.id}`)).status).toBe(204);
    await expectApiError(await carol.client.post(`/api/invites/${inviteToken(revoked.url)}/accept`), 404, "not_found");
    const replaced = await invite(team.id, carol.email);
    const current = await invite(team.id, carol.email);
    await expectApiError(await carol.client.post(`/api/invites/${inviteToken(replaced.url)}/accept`), 404, "not_found");
    await db.collection("invites").updateOne({ _id: new mongoose.Types.ObjectId(current.id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await expectApiError(await carol.client.post(`/api/invites/${inviteToken(current.url)}/accept`), 404, "not_found");
    const forged = `${inviteToken(current.url).split(".")[0]}.AAAAAAAAAAAAAAAAAAAAAA`;
    await expectApiError(await carol.client.post(`/api/invites/${forged}/accept`), 404, "not_found");
    expect(await db.collection("memberships").countDocuments({ userId: new mongoose.Types.ObjectId(carol.id), teamId: new mongoose.Types.ObjectId(team.id) })).toBe(0);
  });

  it("expires after 7 days and refuses a member already in the team", async () => {
    const asked = Date.now();
    const inv = await invite(team.id, `later${Date.now()}@example.com`);
    expect(Date.parse(inv.expiresAt)).toBeGreaterThanOrEqual(asked + 7 * 86_400_000);
    expect(Date.parse(inv.expiresAt)).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    await expectApiError(await owner.client.post(`/api/teams/${team.id}/invites`, { email: owner.email, role: "viewer" }), 409, "already_member");
  });
});

describe("membership is checked on every request", () => {
  it("removing a member or lowering a role applies to their very next request", async () => {
    const team = await createTeam(owner.client, "Checked");
    const site = await createSite(owner.client, { domain: uniqueDomain("checked"), teamId: team.id });
    const dan = await newUser(app.url, "Dan");
    await addMember(owner.client, team.id, dan, "admin");
    expect((await dan.client.patch(`/api/websites/${site.id}`, { name: "By Dan" })).status).toBe(200);
    expect((await owner.client.patch(`/api/teams/${team.id}/members/${dan.id}`, { role: "viewer" })).status).toBe(200);
    await expectApiError(await dan.client.patch(`/api/websites/${site.id}`, { name: "Again" }), 403, "forbidden");
    expect((await dan.client.get(`/api/websites/${site.id}/stats/overview`)).status).toBe(200);
    // Like every mutating dashboard call, a removal posted from another site is refused.
    await expectApiError(await owner.client.withOrigin("https://evil.example").delete(`/api/teams/${team.id}/members/${dan.id}`), 403, "cross_origin_request");
    expect((await dan.client.get(`/api/websites/${site.id}/stats/overview`)).status).toBe(200);
    expect((await owner.client.delete(`/api/teams/${team.id}/members/${dan.id}`)).status).toBe(204);
    await expectApiError(await dan.client.get(`/api/websites/${site.id}/stats/overview`), 404, "not_found");
    const { websites } = (await (await dan.client.get("/api/websites")).json()) as { websites: { id: string }[] };
    expect(websites.map((x) => x.id)).not.toContain(site.id);
  });

  it("the last owner can neither leave nor be demoted; with a second owner, either can", async () => {
    const team = await createTeam(owner.client, "Owners");
    await expectApiError(await owner.client.patch(`/api/teams/${team.id}/members/${owner.id}`, { role: "admin" }), 409, "last_owner");
    await expectApiError(await owner.client.delete(`/api/teams/${team.id}/members/${owner.id}`), 409, "last_owner");
    const eve = await newUser(app.url, "Eve");
    await addMember(owner.client, team.id, eve, "owner");
    expect((await eve.client.patch(`/api/teams/${team.id}/members/${owner.id}`, { role: "admin" })).status).toBe(200);
    await expectApiError(await eve.client.delete(`/api/teams/${team.id}/members/${eve.id}`), 409, "last_owner");
    // A viewer may leave on their own.
    const fay = await newUser(app.url, "Fay");
    await addMember(eve.client, team.id, fay, "viewer");
    expect((await fay.client.delete(`/api/teams/${team.id}/members/${fay.id}`)).status).toBe(204);
    await expectApiError(await fay.client.get(`/api/teams/${team.id}`), 404, "not_found");
  });

  it("viewers see members' names only", async () => {
    const team = await createTeam(owner.client, "Names");
    const gus = await newUser(app.url, "Gus");
    await addMember(owner.client, team.id, gus, "viewer");
    const { members } = (await (await gus.client.get(`/api/teams/${team.id}/members`)).json()) as { members: Record<string, unknown>[] };
    expect(members.map((m) => Object.keys(m).sort())).toEqual([["name", "userId"], ["name", "userId"]]);
  });
});

describe("moving a site between teams", () => {
  it("needs admin in both teams, keeps the data, and both audit logs record it", async () => {
    const from = await createTeam(owner.client, "From");
    const to = await createTeam(owner.client, "To");
    const site = await createSite(owner.client, { domain: uniqueDomain("moving"), teamId: from.id });
    const key = await owner.client.post(`/api/websites/${site.id}/api-keys`, { name: "stays" });
    expect(key.status).toBe(201);
    const hal = await newUser(app.url, "Hal");
    await addMember(owner.client, from.id, hal, "admin");
    await addMember(owner.client, to.id, hal, "viewer");
    await expectApiError(await hal.client.patch(`/api/websites/${site.id}`, { teamId: to.id }), 403, "forbidden");
    await expectApiError(await hal.client.patch(`/api/websites/${site.id}`, { teamId: owner.id }), 404, "not_found");
    expect((await db.collection("websites").findOne({ _id: new mongoose.Types.ObjectId(site.id) }))?.teamId.toString()).toBe(from.id);
    const res = await owner.client.patch(`/api/websites/${site.id}`, { teamId: to.id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { website: { teamId: string } }).website.teamId).toBe(to.id);
    expect((await owner.client.get(`/api/websites/${site.id}/api-keys`)).status).toBe(200);
    await expectApiError(await hal.client.patch(`/api/websites/${site.id}`, { name: "x" }), 403, "forbidden");
    const logOf = async (t: string) => ((await (await owner.client.get(`/api/teams/${t}/audit`)).json()) as { entries: { action: string; target: string; actor: { name: string } }[] }).entries;
    expect(await logOf(from.id)).toContainEqual(expect.objectContaining({ action: "site.moved_out", target: site.domain, actor: expect.objectContaining({ name: "Olivia Owner" }) }));
    expect(await logOf(to.id)).toContainEqual(expect.objectContaining({ action: "site.moved_in", target: site.domain }));
  });
});

describe("audit log", () => {
  it("records members, keys, secrets, integrations, shares and sites with who and when, newest first", async () => {
    const team = await createTeam(owner.client, "Audited");
    const site = await createSite(owner.client, { domain: uniqueDomain("audited"), teamId: team.id });
    const ivy = await newUser(app.url, "Ivy");
    await addMember(owner.client, team.id, ivy, "viewer");
    await owner.client.patch(`/api/teams/${team.id}/members/${ivy.id}`, { role: "admin" });
    const key = (await (await owner.client.post(`/api/websites/${site.id}/api-keys`, { name: "CI" })).json()) as { id: string };
    await owner.client.delete(`/api/websites/${site.id}/api-keys/${key.id}`);
    await owner.client.patch(`/api/websites/${site.id}`, { paymentProviders: { stripe: { webhookSecret: "whsec_abcdefgh" } } });
    await owner.client.patch(`/api/websites/${site.id}/integrations`, { github: { token: "ghp_secret_token", repos: ["acme/site"] } });
    await owner.client.post(`/api/websites/${site.id}/shares`, {});
    await owner.client.delete(`/api/teams/${team.id}/members/${ivy.id}`);
    await owner.client.delete(`/api/websites/${site.id}`);
    const started = Date.now();
    const { entries } = (await (await owner.client.get(`/api/teams/${team.id}/audit`)).json()) as { entries: { action: string; at: string; actor: { name: string }; target: string | null; detail: string | null }[] };
    expect(entries.map((e) => e.action)).toEqual([
      "site.deleted", "member.removed", "share.created", "integration.connected", "payment_secret.changed", "key.revoked", "key.created",
      "member.role_changed", "member.joined", "member.invited", "site.created", "team.created",
    ]);
    expect(entries.find((e) => e.action === "member.joined")).toMatchObject({ actor: { name: "Ivy" }, target: ivy.email });
    expect(entries.find((e) => e.action === "member.role_changed")).toMatchObject({ actor: { name: "Olivia Owner" }, detail: "viewer → admin" });
    expect(entries.find((e) => e.action === "payment_secret.changed")?.detail).toBe("stripe: set");
    expect(JSON.stringify(entries)).not.toMatch(/whsec_abcdefgh|ghp_secret_token/);
    for (const e of entries) expect(Date.parse(e.at)).toBeLessThanOrEqual(started);
    const page = (await (await owner.client.get(`/api/teams/${team.id}/audit?limit=3&before=${encodeURIComponent(entries[2].at)}`)).json()) as { entries: { action: string }[] };
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.length).toBeLessThanOrEqual(3);
    await expectApiError(await owner.client.get(`/api/teams/${team.id}/audit?limit=0`), 400, "invalid_input");
  });
});
