// The dashboard's Web vitals panel in real Chromium, on vitals posted through
// /api/track by desktop and phone browsers: the p75 of each metric and its
// colour are the API's answer, per page and per device; a period without
// vitals says how to enable them. Screenshots of the panel: desktop and
// phone, light and dark.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatVital } from "@/components/site/dashboard/vitals-table";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { useDatabasesOf, type TestApp } from "../helpers/app";
import { SCREENSHOT_DIR } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { uniqueDomain } from "../helpers/api";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";
import { expectAccepted, postTrack, UA } from "../helpers/track";

type Name = "lcp" | "inp" | "cls" | "ttfb";
type Metric = { p75: number; samples: number; rating: string } | null;
type Group = { value: string; samples: number } & Record<Name, Metric>;
type Answer = { total: Omit<Group, "value">; pages: Group[]; devices: Group[] };
const NAMES: Name[] = ["lcp", "inp", "cls", "ttfb"];

// A fast home page, a middling blog post and a slow pricing page on phones: every rating shows.
const PAGES = [
  { path: "/", ua: UA.chromeWindows, loads: 6, vitals: (i: number) => ({ lcp: 900 + 60 * i, inp: 80 + 9 * i, cls: 0.01 * i, ttfb: 150 + 20 * i }) },
  { path: "/blog/launch", ua: UA.chromeWindows, loads: 3, vitals: (i: number) => ({ lcp: 2900 + 150 * i, inp: 260 + 30 * i, cls: 0.12 + 0.02 * i, ttfb: 1000 + 90 * i }) },
  { path: "/pricing", ua: UA.safariIphone, loads: 4, vitals: (i: number) => ({ lcp: 4300 + 400 * i, cls: 0.3 + 0.05 * i, ttfb: 1900 + 120 * i }) },
];
const LOADS = PAGES.reduce((n, p) => n + p.loads, 0);

const DOMAIN = uniqueDomain("vitals");

async function seed(app: TestApp, websiteId: string) {
  for (const p of PAGES) {
    for (let i = 0; i < p.loads; i++) {
      const page = { websiteId, url: `https://${DOMAIN}${p.path}`, visitorId: `v${p.path.length}x${i}`, sessionId: `s${p.path.length}x${i}` };
      await expectAccepted(await postTrack(app.url, { type: "pageview", ...page }, { "user-agent": p.ua }));
      await expectAccepted(await postTrack(app.url, { type: "vitals", ...page, vitals: p.vitals(i) }, { "user-agent": p.ua }));
    }
  }
  useDatabasesOf(app);
  const e = await engine();
  await eventually(async () => {
    const [{ n }] = await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.vitals} WHERE website_id = ${str(websiteId)}`);
    expect(n).toBe(LOADS);
  }, 30_000);
}

let t: SeededDashboard;
beforeAll(async () => {
  t = await seededDashboard({ label: "e2e_vitals", owner: "Vera Vitals", site: { timezone: "UTC", domain: DOMAIN }, seed });
});
afterAll(() => t?.stop());

const panelOf = (page: Page) => page.locator("[data-panel='Web vitals']");

async function shoot(panel: Locator, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The cells of each row of the panel's table: [label, ...metric texts], with the rating of each metric cell. */
async function tableOf(panel: Locator): Promise<{ label: string; cells: { text: string; rating: string | null }[] }[]> {
  return panel.locator("[role=table] [role=row]:not(:first-child)").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll("[role=cell]")];
      return {
        label: (cells[0].firstElementChild?.textContent ?? "").trim(),
        cells: cells.slice(1, 5).map((c) => ({ text: c.querySelector("[data-testid=vital-value]")?.textContent ?? "", rating: c.getAttribute("data-rating") })),
      };
    }),
  );
}

const shown = (m: Metric, name: Name) => ({ text: m ? formatVital(name, m.p75) : "–", rating: m ? m.rating : "none" });

describe("the Web vitals panel", () => {
  it("shows the API's p75 and rating per page and per device, and how to enable vitals when there are none", async () => {
    const answer = (await (await t.desktop.request.get(`${t.app.url}/api/websites/${t.site.id}/stats/vitals?period=24h`)).json()) as Answer;
    expect(answer.total.samples).toBe(LOADS);
    expect(new Set(answer.pages.flatMap((p) => NAMES.map((n) => p[n]?.rating)).filter(Boolean))).toEqual(new Set(["good", "needs_improvement", "poor"]));

    const page = await t.desktop.newPage();
    await page.goto(`${t.base}?period=24h`);
    const panel = panelOf(page);
    await panel.getByTestId("vitals-total").waitFor({ timeout: 30_000 });
    const totals = await panel.getByTestId("vitals-total").locator("[role=cell]").evaluateAll((cells) => cells.map((c) => ({ text: c.querySelector("[data-testid=vital-value]")?.textContent ?? "", rating: c.getAttribute("data-rating") })));
    expect(totals).toEqual(NAMES.map((n) => shown(answer.total[n], n)));
    const expectRows = (groups: Group[]) => groups.map((g) => ({ cells: NAMES.map((n) => shown(g[n], n)) }));
    expect((await tableOf(panel)).map(({ cells }) => ({ cells }))).toEqual(expectRows(answer.pages));
    expect((await tableOf(panel)).map((r) => r.label)).toEqual(answer.pages.map((p) => p.value));
    await shoot(panel, "vitals-desktop-light");

    await panel.getByRole("tab", { name: "Devices" }).click();
    await panel.getByRole("table", { name: "Web vitals per device" }).waitFor();
    expect((await tableOf(panel)).map(({ cells }) => ({ cells }))).toEqual(expectRows(answer.devices));
    expect((await tableOf(panel)).map((r) => r.label.toLowerCase())).toEqual(answer.devices.map((d) => d.value));
    await shoot(panel, "vitals-desktop-light-devices");

    // Yesterday had no vitals: the panel says how to send them.
    await page.goto(`${t.base}?period=yesterday`);
    await panel.getByTestId("vitals-enable").waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId("vitals-enable").textContent()).toContain("script.web-vitals.js");
    await shoot(panel, "vitals-desktop-light-empty");
    await page.close();
  }, 120_000);

  it("fits desktop and phone, light and dark", async () => {
    const storageState = await t.desktop.storageState();
    for (const view of [{ name: "desktop", viewport: { width: 1280, height: 900 } }, { name: "phone", viewport: { width: 390, height: 844 } }]) {
      for (const colorScheme of ["light", "dark"] as const) {
        const context = await t.browser.newContext({ userAgent: CHROME_UA, viewport: view.viewport, colorScheme, storageState });
        const page = await context.newPage();
        await page.goto(`${t.base}?period=24h`);
        const panel = panelOf(page);
        await panel.getByTestId("vitals-total").waitFor({ timeout: 30_000 });
        expect(await tableOf(panel)).toHaveLength(PAGES.length);
        // Nothing pushes the page sideways, and each row's cells stay inside the panel.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(view.viewport.width);
        // The phone's rows are two lines (the page, then the values): the phone screenshot shows them.
        const overflow = await panel.evaluate((el) => {
          const right = el.getBoundingClientRect().right;
          return [...el.querySelectorAll("[role=cell]")].filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > right).length;
        });
        expect(overflow).toBe(0);
        await shoot(panel, `vitals-${view.name}-${colorScheme}`);
        await context.close();
      }
    }
  }, 180_000);
});
