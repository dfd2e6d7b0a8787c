// "Verify installation" in real Chromium: a newcomer adds a site, opens their
// own page on localhost (the tag carries data-include-localhost), and the
// panel shows that visit as dropped with the reason; the server-side page
// check finds the tag, and names the CSP line that would block it.
// Screenshots of the panel: 1440 and 390 px, light and dark.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, SCREENSHOT_DIR } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";

let app: TestApp;
let browser: Browser;
let shop: http.Server;
let shopPort: number;
let websiteId = "";

/** The customer's own site, served on localhost as a developer would: its tag points at the app under test. */
function shopPage(path: string): { headers: Record<string, string>; body: string } {
  const tag = `<script defer src="${app.url}/js/script.js" data-website-id="${websiteId}" data-domain="x" data-include-localhost></script>`;
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
  if (path === "/strict") headers["content-security-policy"] = `script-src 'self' ${app.url}; connect-src 'self'`;
  return { headers, body: `<!doctype html><html><head><title>Shop</title>${tag}</head><body><h1>Shop ${path}</h1></body></html>` };
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_install", env: { TRAILMARK_VERIFY_LOCAL: "true" } }), launchBrowser()]);
  shop = http.createServer((req, res) => {
    const { headers, body } = shopPage(new URL(req.url!, "http://x").pathname);
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((ok) => shop.listen(0, "127.0.0.1", ok));
  shopPort = (shop.address() as AddressInfo).port;
});
afterAll(async () => {
  shop?.closeAllConnections();
  await new Promise((ok) => (shop ? shop.close(ok) : ok(null)));
  await browser?.close();
  await app?.stop();
});

async function ownerContext(viewport = { width: 1440, height: 1000 }, colorScheme: "light" | "dark" = "light"): Promise<BrowserContext> {
  return browser.newContext({ userAgent: CHROME_UA, viewport, colorScheme });
}

describe("verify installation", () => {
  let owner: Awaited<ReturnType<typeof newUser>>;

  it("after adding a site: a visit from localhost is listed as dropped, with why; the page check finds the tag", async () => {
    owner = await newUser(app.url, "Ines Installer");
    const context = await ownerContext();
    const page = await context.newPage();
    await signIn(page, app.url, owner.email, owner.password);
    await page.goto(`${app.url}/dashboard/new`);
    await page.getByLabel(/domain/i).fill("ines-shop.example.com");
    await (await hydrated(page.getByRole("button", { name: /add site|create/i }))).click();
    const panel = page.getByTestId("verify-installation");
    await panel.waitFor();
    websiteId = /data-website-id="([a-f0-9]{24})"/.exec((await page.locator("text=/data-website-id=/").first().textContent()) ?? "")![1];
    await panel.getByText(/Nothing received yet/).waitFor();

    // The developer opens their page on localhost: the tracker sends, the server drops it.
    const shopTab = await context.newPage();
    await shopTab.goto(`http://localhost:${shopPort}/pricing`);
    const row = panel.getByTestId("received-event").first();
    await row.waitFor();
    expect(await row.getAttribute("data-accepted")).toBe("false");
    expect(await row.textContent()).toContain(`localhost/pricing`);
    expect(await row.textContent()).toContain("Dropped: localhost");
    expect(await row.textContent()).toContain("allowed hostnames");

    // The server reads the same page and finds the tag for this site.
    await panel.getByLabel(/Page to check/).fill(`http://localhost:${shopPort}/pricing`);
    await panel.getByRole("button", { name: "Verify installation" }).click();
    await panel.getByText(`The tag is on http://localhost:${shopPort}/pricing`).waitFor();
    expect(await panel.textContent()).toContain(`${app.url}/js/script.js`);
    await context.close();
  });

  it("in the settings: a CSP that would block sending is named, and another host is refused", async () => {
    const context = await ownerContext();
    const page = await context.newPage();
    await signIn(page, app.url, owner.email, owner.password);
    await page.goto(`${app.url}/dashboard/${websiteId}/settings#verify`);
    const panel = page.locator("#verify").getByTestId("verify-installation");
    const input = await hydrated(panel.getByLabel(/Page to check/));
    await input.fill(`http://localhost:${shopPort}/strict`);
    await panel.getByRole("button", { name: "Verify installation" }).click();
    const problem = panel.locator("[data-problem=csp_connect]");
    await problem.waitFor();
    expect(await problem.textContent()).toContain(`blocks sending to ${app.url}/api/track`);
    expect(await panel.locator("[data-problem]").count()).toBe(1);

    await input.fill("https://somebody-else.example.org/");
    await panel.getByRole("button", { name: "Verify installation" }).click();
    await panel.getByRole("alert").filter({ hasText: "is not ines-shop.example.com" }).waitFor();
    await context.close();
  });

  it("looks right at 1440 and 390 px, light and dark", async () => {
    for (const [name, viewport] of [["1440", { width: 1440, height: 1000 }], ["390", { width: 390, height: 844 }]] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const context = await ownerContext(viewport, scheme);
        const page = await context.newPage();
        await signIn(page, app.url, owner.email, owner.password);
        await page.goto(`${app.url}/dashboard/${websiteId}/settings#verify`);
        const section = page.locator("#verify");
        const panel = section.getByTestId("verify-installation");
        await (await hydrated(panel.getByLabel(/Page to check/))).fill(`http://localhost:${shopPort}/strict`);
        await panel.getByRole("button", { name: "Verify installation" }).click();
        await panel.locator("[data-problem=csp_connect]").waitFor();
        await panel.getByTestId("received-event").first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(scheme === "dark");
        await section.screenshot({ path: `${SCREENSHOT_DIR}/verify-panel-${name}-${scheme}.png` });
        await context.close();
      }
    }
  });
});
