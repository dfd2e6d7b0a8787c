// Billing in real Chromium against the local Stripe stand-in: a trial team
// over its trial's limit upgrades through the stand-in's checkout page and
// sees its plan; a team whose trial ended long ago sees the upgrade page
// instead of stats, on a desktop and on a 390 px phone (light and dark), and gets its stats
// back by choosing a plan. Screenshots of the billing section and the upgrade page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain, type WebsiteBody } from "../helpers/api";
import { backdate, startBillingApp, type BillingApp } from "../helpers/billing";
import { launchBrowser, screenshot, streamed } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";
import { createTeam } from "../helpers/teams";
import { expectAccepted, postTrack, UA } from "../helpers/track";

let b: BillingApp;
let browser: Browser;
let owner: Awaited<ReturnType<typeof newUser>>;
let desktop: BrowserContext;
let phone: BrowserContext;
let darkDesktop: BrowserContext;
let darkPhone: BrowserContext;

async function pageviews(site: WebsiteBody, n: number) {
  for (let i = 0; i < n; i++) {
    await expectAccepted(await postTrack(b.app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}/${["", "pricing", "blog/launch"][i % 3]}`, visitorId: `visitor-${i % 5}`, referrer: "https://news.ycombinator.com/" }));
  }
}

async function shot(page: Page, name: string) {
  // From the top: a full-page capture of a scrolled page paints the sticky bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await screenshot(page, name)).toBeGreaterThan(5_000);
}

/** The page's own background, to tell a dark page from a light one. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** The same page in the dark contexts: dark, readable on a phone, and looked at. */
async function shootDark(url: string, ready: (page: Page) => Promise<unknown>, name: string, light: Page) {
  for (const [ctx, suffix] of [[darkDesktop, "dark"], [darkPhone, "phone-dark"]] as const) {
    const page = await ctx.newPage();
    await page.goto(url);
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark")), `${name} ${suffix}`).toBe(true);
    expect(await background(page), `${name} ${suffix}`).not.toBe(await background(light));
    if (suffix === "phone-dark") await fitsWidth(page);
    await shot(page, `${name}-${suffix}`);
    await page.close();
  }
}

const fitsWidth = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

beforeAll(async () => {
  [b, browser] = await Promise.all([startBillingApp("e2e_billing"), launchBrowser()]);
  owner = await newUser(b.app.url, "Olga Owner");
  desktop = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: UA.safariIphone, isMobile: true, hasTouch: true });
  darkDesktop = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 }, colorScheme: "dark" });
  darkPhone = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: UA.safariIphone, isMobile: true, hasTouch: true, colorScheme: "dark" });
  for (const ctx of [desktop, phone, darkDesktop, darkPhone]) {
    await signIn(await ctx.newPage(), b.app.url, owner.email, owner.password);
  }
});
afterAll(async () => {
  await browser?.close();
  await b?.stop();
});

describe("billing in the browser", () => {
  it("a trial team over its trial's limit upgrades through Stripe Checkout and sees its plan", async () => {
    const team = await createTeam(owner.client, "Acme Analytics");
    const site = await createSite(owner.client, { domain: uniqueDomain("acme"), name: "Acme shop", teamId: team.id });
    await pageviews(site, 12);

    const page = await desktop.newPage();
    await page.goto(`${b.app.url}/team/${team.id}#billing`);
    await page.getByTestId("billing-plan").getByText("Free trial").waitFor();
    await page.getByTestId("billing-grace").getByText("Stats lock on").waitFor();
    expect(await page.getByTestId("usage-meter").getAttribute("data-tone")).toBe("over");
    await page.getByText("12", { exact: true }).first().waitFor();
    await shot(page, "billing-settings-trial");

    const site2 = await page.goto(`${b.app.url}/dashboard/${site.id}`);
    expect(site2?.status()).toBe(200);
    // Inside main: while the page changes, a hidden copy of the banner can stand outside it for a moment.
    await page.getByRole("main").getByTestId("billing-banner").getByText("stats lock on").waitFor();
    await streamed(page);
    await page.getByTestId("metric-visitors").waitFor();
    await shot(page, "billing-site-banner");

    await page.goto(`${b.app.url}/team/${team.id}#billing`);
    await page.getByRole("button", { name: "Yearly" }).click();
    await page.locator('[data-plan="growth"]').getByText("$190").waitFor();
    await page.locator('[data-plan="growth"]').getByRole("button", { name: "Upgrade to Growth" }).click();
    await page.waitForURL(new RegExp(`^${b.stripe.url}/checkout/`));
    expect(await page.locator("[data-price]").getAttribute("data-price")).toBe("price_growth_y");
    await page.getByRole("button", { name: "Pay and subscribe" }).click();
    await page.waitForURL(new RegExp(`^${b.app.url}/team/${team.id}\\?checkout=cs_test_\\w+#billing$`));
    await page.getByTestId("billing-plan").getByText("Growth plan").waitFor();
    expect(await page.getByTestId("billing-status").textContent()).toBe("Active");
    await page.getByText(/Billed yearly; renews on/).waitFor();
    expect(await page.getByTestId("billing-grace").count()).toBe(0);
    expect(await page.getByTestId("usage-meter").getAttribute("data-tone")).toBe("ok");
    await page.getByRole("button", { name: "Manage billing" }).waitFor();
    await shot(page, "billing-settings-active");
    await shootDark(page.url(), (d) => d.getByTestId("billing-plan").getByText("Growth plan").waitFor(), "billing-settings-active", page);

    // The portal button leads to Stripe's Customer Portal for the team's customer.
    await page.getByRole("button", { name: "Manage billing" }).click();
    await page.waitForURL(new RegExp(`^${b.stripe.url}/portal/`));
    await page.getByRole("link", { name: "Return to Trailmark" }).click();
    await page.waitForURL(`${b.app.url}/team/${team.id}#billing`);

    const p = await phone.newPage();
    await p.goto(`${b.app.url}/team/${team.id}#billing`);
    await p.getByTestId("billing-plan").getByText("Growth plan").waitFor();
    await fitsWidth(p);
    await shot(p, "billing-settings-phone");
  });

  it("a trial that ended long ago shows the upgrade page instead of stats until a plan is chosen", async () => {
    const team = await createTeam(owner.client, "Dormant Co");
    const site = await createSite(owner.client, { domain: uniqueDomain("dormant"), name: "Dormant blog", teamId: team.id });
    await pageviews(site, 3);
    await backdate(b.db, team.id, "trialEndsAt", 10);

    const p = await phone.newPage();
    await p.goto(`${b.app.url}/dashboard/${site.id}`);
    await p.getByTestId("upgrade-wall").getByText("Stats for Dormant blog are paused").waitFor();
    expect(await p.getByTestId("metric-visitors").count()).toBe(0);
    await fitsWidth(p);
    await shot(p, "billing-upgrade-page-phone");

    const page = await desktop.newPage();
    await page.goto(`${b.app.url}/dashboard/${site.id}/revenue`);
    const wall = page.getByTestId("upgrade-wall");
    await wall.getByText("The team's free trial has ended").waitFor();
    await wall.getByText(/3 events were recorded this month/).waitFor();
    await shot(page, "billing-upgrade-page");
    await shootDark(page.url(), (d) => d.getByTestId("upgrade-wall").getByText("The team's free trial has ended").waitFor(), "billing-upgrade-page", page);

    await wall.locator('[data-plan="starter"]').getByRole("button", { name: "Upgrade to Starter" }).click();
    await page.waitForURL(new RegExp(`^${b.stripe.url}/checkout/`));
    await page.getByRole("button", { name: "Pay and subscribe" }).click();
    await page.waitForURL(new RegExp(`/team/${team.id}`));
    await page.getByTestId("billing-plan").getByText("Starter plan").waitFor();
    await page.goto(`${b.app.url}/dashboard/${site.id}`);
    await streamed(page);
    await page.getByTestId("metric-visitors").waitFor();
    expect(await page.getByTestId("upgrade-wall").count()).toBe(0);
  });
});
