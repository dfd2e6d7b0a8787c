import type { Browser, BrowserContext, Page } from "playwright-core";
import { createSite, uniqueDomain, type WebsiteBody } from "./api";
import { startApp, type TestApp } from "./app";
import { hydrated, launchBrowser } from "./browser";
import { newUser } from "./client";

// Headless Chromium's own UA is dropped as a bot; a person's Chrome is not.
export const CHROME_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

export type SeededDashboard = { app: TestApp; browser: Browser; site: WebsiteBody; base: string; desktop: BrowserContext; stop: () => Promise<void> };

export async function signIn(page: Page, appUrl: string, email: string, password: string) {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await (await hydrated(page.getByRole("button", { name: "Sign in", exact: true }))).click();
  await page.waitForURL(/\/dashboard/);
}

/**
 * The app and Chromium, an owner with one website (made through the API),
 * `seed` run on it, and a desktop browser context signed in as the owner.
 */
export async function seededDashboard(opts: { label: string; owner: string; site?: Record<string, unknown>; env?: Record<string, string>; seed: (app: TestApp, websiteId: string) => Promise<void> }): Promise<SeededDashboard> {
  const [app, browser] = await Promise.all([startApp({ label: opts.label, env: opts.env }), launchBrowser()]);
  const owner = await newUser(app.url, opts.owner);
  const site = await createSite(owner.client, { domain: uniqueDomain(opts.label.replace(/[^a-z0-9]/gi, "")), ...opts.site });
  await opts.seed(app, site.id);
  const desktop = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
  await signIn(await desktop.newPage(), app.url, owner.email, owner.password);
  return { app, browser, site, base: `${app.url}/dashboard/${site.id}`, desktop, stop: async () => { await browser.close(); await app.stop(); } };
}
