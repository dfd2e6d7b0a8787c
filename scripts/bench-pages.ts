// npm run bench:pages: the pages a customer opens after the overview, on the
// store bench:query seeds (same env: BENCH_QUERY_SIZES takes its first size,
// BENCH_QUERY_DAYS, BENCH_QUERY_SITES, BENCH_QUERY_KEEP to reuse a seeded one).
// For each page, BENCH_PAGES_REPS times (default 20): the server render (the
// whole HTML answer, streamed parts included, timed while the browser is
// idle) and then, in Chromium, the time from navigation until the content
// shows (no loading skeleton left in <main>).
// Pages: the visitor profile of a visitor of the big site, of a small site,
// and of an unknown id; realtime, goals, funnels, revenue, settings. Then two
// checks: realtime's panels agree with its live feed, and a goal and a funnel
// saved through the API show in their lists at once. Prints p50/p95 per page.
import { chromium } from "playwright-core";
import { ms, pct, signIn, track, UA } from "./bench/http";
import { BENCH_EMAIL, BENCH_PASSWORD, benchStore } from "./bench/seed-store";
import { startServer, stopServer } from "./bench/server";
// @ts-expect-error -- plain ESM helpers shared with the other scripts
import { buildIfStale } from "./build-if-stale.mjs";

const SIZE = Number((process.env.BENCH_QUERY_SIZES || "10000000").split(",")[0]);
const DAYS = Number(process.env.BENCH_QUERY_DAYS || 365);
const SITES = Number(process.env.BENCH_QUERY_SITES ?? 2000);
const REPS = Number(process.env.BENCH_PAGES_REPS || 20);
const log = (m: string) => process.stderr.write(`[bench:pages] ${m}\n`);

async function api(base: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: { cookie, origin: base, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

/**
 * A visitor of a site, read from the public API with a key made for the
 * occasion: a customer of the last 7 days (the richest profile), else any
 * visitor of the last 30 (a small site has few customers).
 */
async function someVisitor(base: string, cookie: string, siteId: string): Promise<string> {
  const { key } = (await api(base, cookie, "POST", `/api/websites/${siteId}/api-keys`, { name: "bench" })) as { key: string };
  for (const [days, only] of [[7, "&isCustomer=true"], [30, ""]] as const) {
    const from = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${base}/api/v1/visitors?from=${from}&limit=1${only}`, { headers: { authorization: `Bearer ${key}` } });
    const { visitors } = (await res.json()) as { visitors: { visitorId: string }[] };
    if (visitors.length) return visitors[0].visitorId;
  }
  throw new Error(`no visitor on ${siteId} in the last 30 days`);
}

async function main() {
  await buildIfStale({ ...process.env, NEXT_DIST_DIR: ".next" });
  const store = await benchStore({ size: SIZE, days: DAYS, sites: SITES, keep: process.env.BENCH_QUERY_KEEP });
  const { siteId, smallIds } = store.seeded;
  const { child, base } = await startServer(store.env);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const cookie = await signIn(base, BENCH_EMAIL, BENCH_PASSWORD);
    for (const goal of [{ name: "Signed up", eventName: "signup" }, { name: "Pricing", pagePath: "/pricing" }, { name: "Docs", pagePath: "/docs*" }]) {
      await fetch(`${base}/api/websites/${siteId}/goals`, { method: "POST", headers: { cookie, origin: base, "content-type": "application/json" }, body: JSON.stringify(goal) });
    }
    await fetch(`${base}/api/websites/${siteId}/funnels`, {
      method: "POST", headers: { cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify({ name: "Signup", windowHours: 24, steps: [{ type: "page", value: "/" }, { type: "page", value: "/pricing" }, { type: "goal", value: "signup" }] }),
    });
    const big = await someVisitor(base, cookie, siteId);
    const small = smallIds.length ? await someVisitor(base, cookie, smallIds[0]) : big;
    const site = `/dashboard/${siteId}`;
    const pages: [string, string][] = [
      ["visitor of the big site", `${site}/visitors/${encodeURIComponent(big)}`],
      ["visitor of a small site", `/dashboard/${smallIds[0] ?? siteId}/visitors/${encodeURIComponent(small)}`],
      ["unknown visitor id", `${site}/visitors/nobody-${process.pid}`],
      ["realtime", `${site}/realtime`],
      ["goals", `${site}/goals`],
      ["funnels", `${site}/funnels`],
      ["revenue", `${site}/revenue`],
      ["settings", `${site}/settings`],
    ];
    const context = await browser.newContext({ userAgent: UA, viewport: { width: 1280, height: 900 } });
    const [name, value] = cookie.split("; ").find((c) => c.includes("session-token"))!.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const rows: string[][] = [];
    for (const [label, path] of pages) {
      const server: number[] = [];
      const content: number[] = [];
      // Server renders first, with the browser parked on a blank page: the
      // data calls a loaded page keeps making would otherwise run beside them.
      await page.goto("about:blank");
      for (let i = 0; i < REPS; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { cookie } });
        await res.text();
        server.push(performance.now() - t);
      }
      for (let i = 0; i < REPS; i++) {
        const t = performance.now();
        await page.goto(`${base}${path}`, { waitUntil: "commit" });
        await page.waitForFunction(() => {
          const main = document.querySelector("main");
          return !!main && !main.querySelector('[aria-busy="true"]') && (main.textContent ?? "").trim().length > 40;
        }, undefined, { timeout: 60_000, polling: 10 });
        content.push(performance.now() - t);
      }
      log(`${label}: server p95 ${ms(pct(server, 95))}, content p95 ${ms(pct(content, 95))}`);
      rows.push([label, `${ms(pct(server, 50))} / ${ms(pct(server, 95))}`, `${ms(pct(content, 50))} / ${ms(pct(content, 95))}`]);
    }

    // Realtime: three visitors' pageviews, then the page's count and pages panel against its feed.
    const paths = ["/live-a", "/live-b", "/live-a"];
    for (const [i, p] of paths.entries()) await track(base, siteId, `bench-rt-${process.pid}-${i}`, p);
    await page.goto(`${base}${site}/realtime`);
    // Streamed parts wait hidden outside <main> (div id="S:n") until React moves them in: read the page once none is left.
    await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'), undefined, { timeout: 60_000 });
    const active = Number((await page.getByRole("main").getByTestId("active-visitors").textContent())?.replace(/\D/g, ""));
    const html = await page.content();
    const agree = active >= 3 && html.includes("/live-a") && html.includes("/live-b");
    // A goal saved through the API, then the goals page at once.
    const goalName = `Bench goal ${process.pid}`;
    await api(base, cookie, "POST", `/api/websites/${siteId}/goals`, { name: goalName, eventName: "bench_goal" });
    const shown = (await (await fetch(`${base}${site}/goals`, { headers: { cookie } })).text()).includes(goalName);
    // The same for a funnel and the funnels list.
    const funnelName = `Bench funnel ${process.pid}`;
    await api(base, cookie, "POST", `/api/websites/${siteId}/funnels`, { name: funnelName, windowHours: 24, steps: [{ type: "page", value: "/" }, { type: "goal", value: "bench_goal" }] });
    const funnelShown = (await (await fetch(`${base}${site}/funnels`, { headers: { cookie } })).text()).includes(funnelName);

    console.log(`\nPage benchmark: ${SIZE} events over ${DAYS} days beside ${SITES} small sites, production server, embedded ClickHouse; ${REPS} loads each`);
    console.log(`${"page".padEnd(26)}  ${"server render p50 / p95".padEnd(24)}  to content in Chromium p50 / p95`);
    for (const [label, s, c] of rows) console.log(`${label.padEnd(26)}  ${s.padEnd(24)}  ${c}`);
    console.log(`realtime panels agree with the live feed: ${agree ? "yes" : "NO"} (active ${active}, both pages listed: ${html.includes("/live-a") && html.includes("/live-b")})`);
    console.log(`a goal saved through the API shows in the goals list at once: ${shown ? "yes" : "NO"}`);
    console.log(`a funnel saved through the API shows in the funnels list at once: ${funnelShown ? "yes" : "NO"}`);
  } finally {
    await browser.close();
    await stopServer(child);
    await store.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
