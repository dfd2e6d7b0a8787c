// Teams, shared dashboards and password reset in real Chromium: an owner
// invites a member who signs up through the link, sees the site as a viewer
// without settings, and loses it on their next request once removed; public
// links with and without a password (also inside another page's iframe); a
// password reset through the mailed link. Screenshots at desktop and phone widths.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain, type WebsiteBody } from "../helpers/api";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, screenshot, streamed } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { linkIn, nextMail } from "../helpers/mailbox";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";
import { startSmtp } from "../helpers/smtp";
import { createTeam, type TeamBody } from "../helpers/teams";
import { expectAccepted, postTrack, UA } from "../helpers/track";

let app: TestApp;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let db: mongoose.Connection;
let owner: Awaited<ReturnType<typeof newUser>>;
let ownerCtx: BrowserContext;
let team: TeamBody;
let site: WebsiteBody;

const phone = { viewport: { width: 390, height: 844 }, userAgent: UA.safariIphone, isMobile: true, hasTouch: true };

beforeAll(async () => {
  smtp = await startSmtp();
  [app, browser] = await Promise.all([startApp({ label: "e2e_teams", env: { SMTP_URL: smtp.url } }), launchBrowser()]);
  db = await mongoose.createConnection(app.dbUri).asPromise();
  owner = await newUser(app.url, "Olga Owner");
  await db.collection("users").updateOne({ email: owner.email }, { $set: { emailVerifiedAt: new Date() } });
  team = await createTeam(owner.client, "Acme Analytics");
  site = await createSite(owner.client, { domain: uniqueDomain("acme"), name: "Acme shop", teamId: team.id });
  for (const [i, path] of ["/", "/pricing", "/blog/launch", "/pricing"].entries()) {
    await expectAccepted(await postTrack(app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}${path}`, visitorId: `visitor-${i}`, referrer: "https://news.ycombinator.com/" }));
  }
  ownerCtx = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
  // Fail on a missing element with its name, before the test's own deadline.
  await signIn(await ownerCtx.newPage(), app.url, owner.email, owner.password);
});
afterAll(async () => {
  await browser?.close();
  await db?.close();
  await app?.stop();
  await smtp?.close();
});

async function shot(page: Page, name: string) {
  expect(await screenshot(page, name)).toBeGreaterThan(5_000);
}

describe("a member's life in a team", () => {
  it("invite, accept as a new user, view without settings, be removed and refused on the next request", async () => {
    const page = await ownerCtx.newPage();
    await page.goto(`${app.url}/team/${team.id}`);
    const memberEmail = `member${Date.now()}@example.com`;
    await page.getByLabel("Email").fill(memberEmail);
    await page.getByRole("button", { name: "Invite" }).click();
    await page.getByText(`Invitation mailed to ${memberEmail}`).waitFor();
    const url = (await page.getByTestId("invite-url").first().textContent())!;
    expect(url).toMatch(new RegExp(`^${app.url}/invite/`));
    expect(linkIn(await nextMail(smtp, memberEmail, 0, /invited you/), `${app.url}/invite/`)).toBe(url);

    const member = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
    const m = await member.newPage();
    await m.goto(url);
    await m.getByText("Join Acme Analytics").waitFor();
    await shot(m, "team-invite");
    await m.getByRole("link", { name: "Create an account" }).click();
    expect(await m.getByLabel("Email").inputValue()).toBe(memberEmail);
    await m.getByLabel("Name").fill("Vic Viewer");
    await m.getByLabel("Password").fill("viewer passphrase");
    await m.getByRole("button", { name: "Create account" }).click();
    await m.getByRole("button", { name: "Accept invitation" }).click();
    await m.waitForURL(`${app.url}/team/${team.id}`);
    await m.getByText("You are a viewer").waitFor();

    await m.goto(`${app.url}/dashboard/${site.id}`);
    await streamed(m);
    await m.getByTestId("metric-visitors").waitFor();
    const nav = m.getByRole("navigation", { name: "Site" });
    expect(await nav.getByRole("link", { name: "Overview" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Settings" }).count()).toBe(0);
    expect(await m.getByText("View only").count()).toBeGreaterThan(0);
    const settings = await m.goto(`${app.url}/dashboard/${site.id}/settings`);
    expect(settings?.status()).toBe(403);
    await m.getByText("You don't have access to this page").waitFor();

    // The owner sees the new member and the audit trail, then removes them.
    await page.reload();
    const row = page.locator(`[data-member="${memberEmail}"]`);
    await row.waitFor();
    await page.locator('[data-action="member.joined"]').first().waitFor();
    await shot(page, "team-page");
    await row.getByRole("button", { name: "Remove" }).click();
    await page.getByText("Member removed").waitFor();

    const after = await m.goto(`${app.url}/dashboard/${site.id}`);
    expect(after?.status()).toBe(404);
    await m.getByText("Site not found").waitFor();
    await member.close();
  });

  it("the team page fits a phone", async () => {
    const ctx = await browser.newContext(phone);
    await signIn(await ctx.newPage(), app.url, owner.email, owner.password);
    const p = await ctx.newPage();
    await p.goto(`${app.url}/team/${team.id}`);
    await p.locator('[data-action="team.created"]').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(p, "team-page-phone");
    await p.goto(`${app.url}/account`);
    await p.getByText("Sign out everywhere else").waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(p, "account-phone");
    await ctx.close();
  });
});

describe("shared dashboards", () => {
  async function createShare(page: Page, opts: { label: string; password?: string }) {
    await page.goto(`${app.url}/dashboard/${site.id}/settings#sharing`);
    await page.getByLabel("Name (optional)").fill(opts.label);
    if (opts.password) await page.getByLabel("Password (optional)").fill(opts.password);
    await page.getByRole("button", { name: "Create link" }).click();
    const item = page.locator("li[data-share]").filter({ hasText: opts.label });
    await item.waitFor();
    return (await item.getByTestId("share-url").textContent())!;
  }

  it("a public link shows the dashboard read-only, also inside another site's iframe", async () => {
    const page = await ownerCtx.newPage();
    const url = await createShare(page, { label: "Investors" });
    await page.locator("#sharing").screenshot({ path: "test-results/screenshots/settings-sharing.png" });
    await shot(page, "settings-with-sharing");

    const visitor = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
    const v = await visitor.newPage();
    await v.goto(url);
    await v.getByText(`Shared dashboard of ${site.domain}`).waitFor();
    await expect.poll(() => v.getByTestId("metric-visitors").textContent()).toBe("4");
    await v.locator('[data-panel="Pages"]').getByText("/pricing").first().waitFor();
    // Filters work as on the team's dashboard.
    await v.locator('[data-panel="Pages"]').getByRole("row").filter({ hasText: "/pricing" }).first().click();
    await expect.poll(() => v.getByTestId("metric-visitors").textContent()).toBe("2");
    expect(await v.getByRole("link", { name: "Settings" }).count()).toBe(0);
    await shot(v, "share-page");

    // Another site (another origin) embedding the link.
    const embedder = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<h1>Our numbers</h1><iframe src="${url}" style="width:1200px;height:900px;border:0"></iframe>`));
    await new Promise<void>((r) => embedder.listen(0, "127.0.0.1", r));
    const host = await visitor.newPage();
    await host.goto(`http://localhost:${(embedder.address() as AddressInfo).port}/`);
    const frame = host.frameLocator("iframe");
    await frame.getByText(`Shared dashboard of ${site.domain}`).waitFor();
    await expect.poll(() => frame.getByTestId("metric-visitors").first().textContent()).toBe("4");
    await visitor.close();
    embedder.close();

    const small = await browser.newContext(phone);
    const s = await small.newPage();
    await s.goto(url);
    await streamed(s);
    await s.getByTestId("metric-visitors").waitFor();
    expect(await s.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(s, "share-page-phone");
    await small.close();
  });

  it("a password link asks for the password once and remembers it for that link", async () => {
    const page = await ownerCtx.newPage();
    const url = await createShare(page, { label: "Board", password: "board secret" });
    const visitor = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
    const v = await visitor.newPage();
    await v.goto(url);
    await v.getByText("This dashboard is protected").waitFor();
    await shot(v, "share-password");
    await v.getByLabel("Password").fill("not the secret");
    await v.getByRole("button", { name: "View dashboard" }).click();
    await v.getByText("That password is not right").waitFor();
    await v.getByLabel("Password").fill("board secret");
    await v.getByRole("button", { name: "View dashboard" }).click();
    await v.getByTestId("metric-visitors").waitFor();
    await v.reload();
    await streamed(v);
    await v.getByTestId("metric-visitors").waitFor();
    const cookies = (await visitor.cookies()).filter((c) => c.name.startsWith("tm_share_"));
    expect(cookies.map((c) => c.path).sort()).toEqual([`/api${new URL(url).pathname}`, new URL(url).pathname].sort());
    await visitor.close();
  });
});

describe("password reset by email", () => {
  it("the mailed link sets a new password that signs in", async () => {
    const user = await newUser(app.url, "Forgetful");
    const ctx = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${app.url}/login`);
    await (await hydrated(p.getByRole("link", { name: "Forgot password?" }))).click();
    // The login page has an Email field too: fill the one of the page the link opens.
    await p.waitForURL(/\/forgot-password/);
    await (await hydrated(p.getByLabel("Email"))).fill(user.email);
    const before = smtp.messages.length;
    await (await hydrated(p.getByRole("button", { name: "Send reset link" }))).click();
    await p.getByTestId("reset-sent").waitFor();
    const link = linkIn(await nextMail(smtp, user.email, before, /Reset/), `${app.url}/reset-password?token=`);
    await p.goto(link);
    await (await hydrated(p.getByLabel("New password", { exact: true }))).fill("remembered at last");
    await p.getByLabel("New password again").fill("remembered at last");
    await shot(p, "reset-password");
    await (await hydrated(p.getByRole("button", { name: "Set new password" }))).click();
    await p.waitForURL(/\/login\?reset=1/);
    await signIn(p, app.url, user.email, "remembered at last");
    expect(p.url()).toContain("/dashboard");
    // The old session of the account ended with the reset.
    expect((await user.client.get("/api/websites")).status).toBe(401);
    await ctx.close();
  });
});
