// Account security through the running app: sign-up that tells nothing,
// email verification, password reset by mail, password and email changes,
// ending sessions, account deletion, and the rate limits of these flows.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { Client } from "../../helpers/client";
import { linkIn, nextMail } from "../../helpers/mailbox";
import { startSmtp } from "../../helpers/smtp";
import { addMember, createTeam } from "../../helpers/teams";

let app: TestApp;
let db: mongoose.Connection;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    label: "accounts",
    // Each test speaks from its own client IPs (X-Forwarded-For, trusted here), so budgets do not mix.
    env: { SMTP_URL: smtp.url, TRUSTED_IP_HEADER: "x-forwarded-for", TRAILMARK_RATE_LIMITS: "signin-ip=6,signin-account=4,signup-ip=5,reset-ip=4,reset-email=2,invite-ip=3,invite-account=100" },
  });
  db = await mongoose.createConnection(app.dbUri).asPromise();
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await smtp?.close();
});

let ipCounter = 1;
/** A client with an IP of its own. */
const clientAt = (ip = `198.51.100.${ipCounter++}`) => {
  const c = new Client(app.url);
  c.headers["x-forwarded-for"] = ip;
  return c;
};
let n = 0;
async function account(name = "Ann", password = "a long passphrase") {
  const email = `acct${Date.now().toString(36)}${n++}@example.com`;
  const client = clientAt();
  const res = await client.signUp({ email, password, name });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(await client.signIn(email, password)).toBe(true);
  const { user } = (await res.json()) as { user: { id: string } };
  return { client, email, password, id: user.id };
}
const signInStatus = async (client: Client, email: string, password: string) => {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return client.request("POST", "/api/auth/callback/credentials", undefined, {
    rawBody: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
};

describe("sign-up", () => {
  it("answers a known address exactly like a new one, changes nothing, and mails the known address instead", async () => {
    const first = await account("First");
    const before = smtp.messages.length;
    const res = await clientAt().signUp({ email: first.email.toUpperCase(), password: "another passphrase", name: "Imposter" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: { id: string; email: string; name: string } };
    expect(Object.keys(body.user).sort()).toEqual(["email", "id", "name"]);
    expect(body.user).toMatchObject({ email: first.email, name: "Imposter" });
    expect(body.user.id).toMatch(/^[a-f0-9]{24}$/);
    expect(body.user.id).not.toBe(first.id);
    expect(await db.collection("users").countDocuments({ email: first.email })).toBe(1);
    expect(await clientAt().signIn(first.email, "another passphrase")).toBe(false);
    expect(await clientAt().signIn(first.email, first.password)).toBe(true);
    const mail = await nextMail(smtp, first.email, before, /tried to sign up/);
    expect(mail.text).toContain(`${app.url}/forgot-password`);
  });

  it.each([
    ["9 characters", "abcdefghi"],
    ["only spaces", "             "],
    ["a common password", "Password123"],
  ])("refuses %s with 400 and creates nothing", async (_label, password) => {
    const email = `weak${Date.now()}${n++}@example.com`;
    await expectApiError(await clientAt().signUp({ email, password, name: "Weak" }), 400, "invalid_input");
    expect(await db.collection("users").countDocuments({ email })).toBe(0);
  });

  it("makes the personal team and mails a verification link that works once; unverified accounts see a banner", async () => {
    const before = smtp.messages.length;
    const a = await account("Vera");
    expect(await (await a.client.get("/dashboard")).text()).toContain("Confirm your email address");
    const link = linkIn(await nextMail(smtp, a.email, before, /Confirm your email/), `${app.url}/api/account/verify-email`);
    const res = await fetch(link, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${app.url}/account?email=verified`);
    expect((await db.collection("users").findOne({ email: a.email }))?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await fetch(link, { redirect: "manual" })).headers.get("location")).toBe(`${app.url}/account?email=invalid`);
    expect(await (await a.client.get("/dashboard")).text()).not.toContain("Confirm your email address");
    expect(((await (await a.client.get("/api/account")).json()) as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
  });
});

describe("password reset", () => {
  it("answers 202 whatever the address, and mails a one-hour single-use link only to an account", async () => {
    const a = await account("Rita");
    const before = smtp.messages.length;
    const unknown = await clientAt().post("/api/account/password-reset", { email: `nobody${Date.now()}@example.com` });
    const asked = Date.now();
    const known = await clientAt().post("/api/account/password-reset", { email: a.email });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect([await unknown.text(), await known.text()]).toEqual(["", ""]);
    const link = linkIn(await nextMail(smtp, a.email, before, /Reset your/), `${app.url}/reset-password?token=`);
    expect(smtp.messages.slice(before).filter((m) => m.subject.includes("Reset"))).toHaveLength(1);
    const token = new URL(link).searchParams.get("token")!;
    const stored = await db.collection("accounttokens").findOne({ kind: "reset_password", userId: new mongoose.Types.ObjectId(a.id) });
    // An hour from when it was asked for, however long the mail took.
    expect(stored!.expiresAt.getTime()).toBeGreaterThanOrEqual(asked + 3_600_000);
    expect(stored!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await (await fetch(link)).text()).toContain("Choose a new password");

    await expectApiError(await clientAt().post("/api/account/password-reset/confirm", { token, password: "short" }), 400, "invalid_input");
    expect((await clientAt().post("/api/account/password-reset/confirm", { token, password: "my brand new passphrase" })).status).toBe(204);
    // Every session of the account ended, the old password is gone, the link is used up.
    await expectApiError(await a.client.get("/api/websites"), 401);
    expect(await clientAt().signIn(a.email, a.password)).toBe(false);
    expect(await clientAt().signIn(a.email, "my brand new passphrase")).toBe(true);
    await expectApiError(await clientAt().post("/api/account/password-reset/confirm", { token, password: "yet another passphrase" }), 400, "invalid_token");
    expect(await (await fetch(link)).text()).toContain("This link no longer works");
  });

  it("refuses an expired link", async () => {
    const a = await account("Exp");
    const before = smtp.messages.length;
    await clientAt().post("/api/account/password-reset", { email: a.email });
    const token = new URL(linkIn(await nextMail(smtp, a.email, before, /Reset/), `${app.url}/reset-password?token=`)).searchParams.get("token")!;
    await db.collection("accounttokens").updateMany({ userId: new mongoose.Types.ObjectId(a.id) }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await expectApiError(await clientAt().post("/api/account/password-reset/confirm", { token, password: "a fine new passphrase" }), 400, "invalid_token");
  });

  it("is rate limited per address and per client IP, 429 with Retry-After", async () => {
    const email = `limited${Date.now()}@example.com`;
    expect((await clientAt().post("/api/account/password-reset", { email })).status).toBe(202);
    expect((await clientAt().post("/api/account/password-reset", { email })).status).toBe(202);
    const perEmail = await clientAt().post("/api/account/password-reset", { email });
    expect(Number(perEmail.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectApiError(perEmail, 429, "rate_limited");
    const one = clientAt();
    for (let i = 0; i < 4; i++) expect((await one.post("/api/account/password-reset", { email: `ip${i}${Date.now()}@example.com` })).status).toBe(202);
    await expectApiError(await one.post("/api/account/password-reset", { email: `ip-last${Date.now()}@example.com` }), 429, "rate_limited");
  });
});

describe("sessions", () => {
  it("a password change ends every other session at once and keeps the caller's", async () => {
    const a = await account("Pat");
    const laptop = clientAt();
    expect(await laptop.signIn(a.email, a.password)).toBe(true);
    await expectApiError(await a.client.patch("/api/account/password", { currentPassword: "not it at all", newPassword: "a better passphrase" }), 403, "wrong_password");
    expect((await laptop.get("/api/websites")).status).toBe(200);
    expect((await a.client.patch("/api/account/password", { currentPassword: a.password, newPassword: "a better passphrase" })).status).toBe(204);
    expect((await a.client.get("/api/websites")).status).toBe(200);
    await expectApiError(await laptop.get("/api/websites"), 401);
    expect(await (await laptop.get("/api/auth/session")).json()).toEqual({});
  });

  it("“sign out everywhere” ends every other session, even a copied cookie, and keeps the caller's", async () => {
    const a = await account("Sam");
    const phone = clientAt();
    expect(await phone.signIn(a.email, a.password)).toBe(true);
    const cookie = (await phone.get("/api/auth/session")).headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))?.split(";")[0];
    expect(cookie).toBeDefined();
    expect((await a.client.post("/api/account/sessions/revoke")).status).toBe(204);
    await expectApiError(await phone.get("/api/websites"), 401);
    expect((await fetch(`${app.url}/api/websites`, { headers: { cookie: cookie! } })).status).toBe(401);
    expect((await a.client.get("/api/websites")).status).toBe(200);
    expect((await a.client.get("/dashboard")).status).toBe(200);
  });
});

describe("change of email", () => {
  it("needs the password and takes effect when the link mailed to the new address is followed", async () => {
    const a = await account("Em");
    const newEmail = `moved${Date.now()}@example.com`;
    await expectApiError(await a.client.post("/api/account/email", { email: newEmail, password: "wrong password!" }), 403, "wrong_password");
    const before = smtp.messages.length;
    expect((await a.client.post("/api/account/email", { email: newEmail, password: a.password })).status).toBe(202);
    expect((await db.collection("users").findOne({ _id: new mongoose.Types.ObjectId(a.id) }))?.email).toBe(a.email);
    const link = linkIn(await nextMail(smtp, newEmail, before, /new email/), `${app.url}/api/account/verify-email`);
    expect((await fetch(link, { redirect: "manual" })).headers.get("location")).toBe(`${app.url}/account?email=email_changed`);
    expect(await clientAt().signIn(newEmail, a.password)).toBe(true);
    expect(await clientAt().signIn(a.email, a.password)).toBe(false);
    await nextMail(smtp, a.email, before, /address changed/);
  });
});

describe("deleting an account", () => {
  it("removes the user, their personal team and teams they alone own with all site data; shared teams stay", async () => {
    const a = await account("Del");
    const partner = await account("Partner");
    const personalSite = await createSite(a.client, { domain: uniqueDomain("gone") });
    const solo = await createTeam(a.client, "Solo");
    const soloSite = await createSite(a.client, { domain: uniqueDomain("solo"), teamId: solo.id });
    const shared = await createTeam(a.client, "Shared");
    await addMember(a.client, shared.id, partner, "owner");
    const sharedSite = await createSite(a.client, { domain: uniqueDomain("kept"), teamId: shared.id });
    const guest = await createTeam(partner.client, "Partner's");
    await addMember(partner.client, guest.id, a, "viewer");
    const key = (await (await a.client.post(`/api/websites/${soloSite.id}/api-keys`, {})).json()) as { key: string };

    await expectApiError(await a.client.request("DELETE", "/api/account", { password: "not my password" }), 403, "wrong_password");
    expect((await a.client.request("DELETE", "/api/account", { password: a.password })).status).toBe(204);

    const oid = (id: string) => new mongoose.Types.ObjectId(id);
    expect(await db.collection("users").countDocuments({ _id: oid(a.id) })).toBe(0);
    expect(await db.collection("teams").countDocuments({ _id: { $in: [oid(a.id), oid(solo.id)] } })).toBe(0);
    expect(await db.collection("websites").countDocuments({ _id: { $in: [oid(personalSite.id), oid(soloSite.id)] } })).toBe(0);
    expect(await db.collection("apikeys").countDocuments({ websiteId: oid(soloSite.id) })).toBe(0);
    expect(await db.collection("memberships").countDocuments({ userId: oid(a.id) })).toBe(0);
    expect(await db.collection("websites").countDocuments({ _id: oid(sharedSite.id) })).toBe(1);
    expect((await partner.client.get(`/api/websites/${sharedSite.id}`)).status).toBe(200);
    expect((await partner.client.get(`/api/teams/${guest.id}`)).status).toBe(200);
    const api = await fetch(`${app.url}/api/v1/stats/overview`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(api.status).toBe(401);
    await expectApiError(await a.client.get("/api/websites"), 401);
  });
});

describe("rate limits", () => {
  it("sign-in: wrong passwords use up the account's budget, then even the right one is refused with 429 and Retry-After", async () => {
    const a = await account("Guessed");
    for (let i = 0; i < 4; i++) {
      const res = await signInStatus(clientAt(), a.email, `wrong guess ${i}`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { url: string }).url).toContain("error=CredentialsSignin");
    }
    const refused = await signInStatus(clientAt(), a.email, a.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectApiError(refused, 429, "rate_limited");
    // Another account from the same addresses is not affected.
    const b = await account("Other");
    expect(await clientAt().signIn(b.email, b.password)).toBe(true);
  });

  it("sign-in and sign-up: per client IP", async () => {
    const one = clientAt();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await signInStatus(one, `nobody${i}@example.com`, "whatever you like")).status);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    expect(await clientAt().signIn(`nobody@example.com`, "x")).toBe(false);
    const two = clientAt();
    const signups = [];
    for (let i = 0; i < 6; i++) signups.push((await two.signUp({ email: `burst${i}${Date.now()}@example.com`, password: "a long passphrase", name: "B" })).status);
    expect(signups).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it("invitations: per client IP", async () => {
    const a = await account("Inviter");
    const team = await createTeam(a.client, "Inviting");
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await a.client.post(`/api/teams/${team.id}/invites`, { email: `i${i}@example.com`, role: "viewer" })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
