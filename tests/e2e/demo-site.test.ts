// The demo site as `npm start` makes it (the real seed script against the app
// under test): goals and funnels already defined, a notice saying where its
// payments and markers come from, and the landing page's "Live demo" opening
// its public dashboard. Screenshots of the demo dashboard at 1440 px, light
// and dark (the landing page's product picture is made from these).
import { spawn } from "node:child_process";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, SCREENSHOT_DIR } from "../helpers/browser";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";

const root = path.resolve(import.meta.dirname, "../..");
let app: TestApp;
let browser: Browser;
let demoId = "";

/** `npm run seed`'s script, on this app's databases and secret. */
function seed(): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts"], {
      cwd: root,
      env: { ...process.env, MONGODB_URI: app.dbUri, ...app.engineEnv, NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789", NEXTAUTH_URL: app.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`seed exited ${code}:\n${out}`))));
  });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_demo" }), launchBrowser()]);
  expect(await seed()).toContain("demo ready");
  // Six weeks of traffic and their engine rows: minutes on a busy machine.
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the demo site", () => {
  it("comes with goals and funnels and says where its payments and markers come from", async () => {
    const context = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, "demo@trailmark.dev", "trailmark-demo");
    await page.getByRole("link", { name: /Acme \(demo\)/ }).first().click();
    await page.waitForURL(/\/dashboard\/[a-f0-9]{24}$/);
    demoId = /\/dashboard\/([a-f0-9]{24})/.exec(page.url())![1];

    const notice = page.getByTestId("demo-notice");
    await (await hydrated(notice.locator("summary"))).click();
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain("Stripe");
    expect(text).toContain("trailmark_visitor_id");
    expect(text).toMatch(/X mentions and GitHub commits the seed wrote/);

    await page.goto(`${app.url}/dashboard/${demoId}/goals`);
    for (const goal of ["Signed up", "Paid", "Saw pricing"]) await page.getByText(goal, { exact: true }).and(page.locator(":visible")).first().waitFor();
    await page.goto(`${app.url}/dashboard/${demoId}/funnels`);
    // The funnels' own links (the notice names them too, folded away).
    const funnels = page.getByRole("navigation", { name: "Funnels" });
    await funnels.getByRole("link", { name: "Pricing to payment" }).waitFor();
    await funnels.getByRole("link", { name: "Home to signup" }).waitFor();
    await context.close();
  });

  it("is the landing page's live demo, and its dashboard is the landing page's picture", async () => {
    const visitor = await browser.newPage({ userAgent: CHROME_UA, viewport: { width: 1440, height: 900 } });
    await visitor.goto(`${app.url}/`);
    await (await hydrated(visitor.getByRole("link", { name: "See the live demo" }))).click();
    await visitor.waitForURL(/\/share\//);
    await expect.poll(async () => /\d/.test((await visitor.getByTestId("metric-visitors").first().textContent()) ?? "")).toBe(true);
    await visitor.close();

    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1440, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, app.url, "demo@trailmark.dev", "trailmark-demo");
      await page.goto(`${app.url}/dashboard/${demoId}`);
      // The numbers have loaded once the revenue card shows an amount.
      await expect.poll(async () => /\d/.test((await page.getByTestId("metric-revenue").first().textContent()) ?? "")).toBe(true);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/demo-dashboard-${scheme}.png` });
      await context.close();
    }
    // The favicon: the SVG icon for browsers that ask the page, /favicon.ico for those that ask the site.
    const ico = await fetch(`${app.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const home = await (await fetch(`${app.url}/`)).text();
    expect(home).toMatch(/<link rel="icon" href="\/icon\.svg/);
  });
});
