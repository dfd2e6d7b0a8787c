// The integrations settings in real Chromium, with the in-app scheduler on: it syncs newly configured
// integrations by itself, a revoked token's error is shown on its card, and "Run now" runs a sync.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain } from "../helpers/api";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, SCREENSHOT_DIR } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { eventually } from "../helpers/eventually";
import { startFakeGithub } from "../helpers/fake/github";
import { startFakeX } from "../helpers/fake/x";

let app: TestApp;
let browser: Browser;
let x: Awaited<ReturnType<typeof startFakeX>>;
let gh: Awaited<ReturnType<typeof startFakeGithub>>;

beforeAll(async () => {
  [x, gh] = await Promise.all([startFakeX({ token: "AAAA-e2e-bearer" }), startFakeGithub({ token: "ghp_e2e_valid_token" })]);
  [app, browser] = await Promise.all([
    startApp({ label: "e2e_integrations", env: { TRAILMARK_SCHEDULER_TICK_MS: "1000", TRAILMARK_X_API_URL: `${x.url}/2/`, TRAILMARK_GITHUB_API_URL: gh.url } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await Promise.all([x?.close(), gh?.close()]);
});

type Job = { lastRunAt: string | null; lastError: string | null; lastResult: string | null };

describe("integrations in settings", () => {
  it("the scheduler syncs on its own; errors and results show on the cards; Run now works", async () => {
    const owner = await newUser(app.url, "Ivy Integrator");
    const domain = uniqueDomain("e2e");
    const site = await createSite(owner.client, { domain, name: "Ivy's shop" });
    x.addUser("u1", "happycustomer");
    x.tweets.push({ id: "8001", text: `Just bought from ${domain}`, author_id: "u1", created_at: new Date().toISOString(), urls: [`https://${domain}/`] });
    gh.addRepo("ivy/shop").commits.push({ sha: "b".repeat(40), message: "launch", login: "ivy", date: new Date().toISOString() });
    const base = `/api/websites/${site.id}/integrations`;
    expect((await owner.client.patch(base, { x: { query: domain, bearerToken: "AAAA-e2e-bearer" }, github: { repos: ["ivy/shop"], token: "ghp_revoked_by_user" } })).status).toBe(200);

    // No "run now": the scheduler inside the app picks both up within a tick or two.
    const jobs = await eventually(async () => {
      const i = ((await (await owner.client.get(base)).json()) as { integrations: { x: { job: Job }; github: { job: Job } } }).integrations;
      expect(i.x.job.lastRunAt && i.github.job.lastRunAt, "both integrations have run").toBeTruthy();
      return { x: i.x.job, github: i.github.job };
    });
    expect(jobs.x.lastResult).toContain("1 new mention");
    expect(jobs.github.lastError).toMatch(/revoked/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await (await hydrated(page.getByRole("button", { name: /sign in|log in/i }))).click();
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${app.url}/dashboard/${site.id}/settings#integrations`);
    const section = page.locator("#integrations");
    const xCard = section.getByRole("region", { name: "X (Twitter) mentions" });
    const ghCard = section.getByRole("region", { name: "GitHub commits" });
    await xCard.getByText(/1 new mention/).waitFor();
    await ghCard.getByRole("alert").getByText(/revoked/).waitFor();
    expect(await section.getByPlaceholder("Saved · paste to replace").count()).toBe(2);

    // Fix the token in the browser, then Run now.
    await ghCard.getByLabel(/Token/).fill("ghp_e2e_valid_token");
    await ghCard.getByRole("button", { name: "Save" }).click();
    await ghCard.getByText("GitHub settings saved").waitFor();
    await ghCard.getByRole("button", { name: "Run now" }).click();
    await ghCard.getByText("1 new commit from 1 repository").waitFor();
    expect(await ghCard.getByRole("alert").count()).toBe(0);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await section.scrollIntoViewIfNeeded();
    const file = path.join(SCREENSHOT_DIR, "settings-integrations.png");
    await section.screenshot({ path: file });
    await page.close();
  });
});
