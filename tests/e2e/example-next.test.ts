// examples/next, built and served by `next start`, in real Chromium against a
// Trailmark server: @trailmark/react counts the first page and each App Router
// navigation once, sends a goal, and hands its visitor id to a checkout whose
// server records the payment with @trailmark/node; @trailmark/next proxies the
// script and events through the site, passing on the visitor's IP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import mongoose from "mongoose";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite } from "../helpers/api";
import { createKey } from "../helpers/api-v1";
import { startApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { eventually } from "../helpers/eventually";
import { buildPackages, root } from "../helpers/packages";
import { startEdge, type RunningProxy } from "../helpers/rewrite-proxy";
// @ts-expect-error plain ESM helper shared with npm start
import { freePort } from "../../scripts/store.mjs";

const EXAMPLE = path.join(root, "examples/next");
const SHOP = "shop.trailmark.test";
const VISITOR_IP = "81.2.69.142"; // Bracknell, England, GB in the bundled database
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const env = (extra: Record<string, string>) => ({ ...process.env, NEXT_DIST_DIR: ".next-test", NEXT_TELEMETRY_DISABLED: "1", ...extra });

let trailmark: TestApp;
let db: mongoose.Connection;
let example: ChildProcess;
let exampleOutput = "";
let edge: RunningProxy;
let browser: Browser;
let website: { id: string };

beforeAll(async () => {
  buildPackages();
  [trailmark, browser] = await Promise.all([startApp({ label: "e2e_example", env: { TRUSTED_IP_HEADER: "x-forwarded-for" } }), launchBrowser([`--host-resolver-rules=MAP *.trailmark.test 127.0.0.1`])]);
  db = await mongoose.createConnection(trailmark.dbUri).asPromise();
  const owner = await newUser(trailmark.url, "Example Owner");
  website = await createSite(owner.client, { domain: SHOP, name: "Acme" });
  const { key } = await createKey(owner, website.id);

  // The rewrites' destination is fixed at build time, so the example is built for this server.
  const built = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: EXAMPLE, encoding: "utf8", env: env({ NODE_ENV: "production", TRAILMARK_HOST: trailmark.url }) });
  if (built.status !== 0) throw new Error(`next build of examples/next failed:\n${built.stdout}\n${built.stderr}`);

  const port = await freePort();
  example = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: EXAMPLE,
    env: env({ NODE_ENV: "production", TRAILMARK_HOST: trailmark.url, TRAILMARK_API_KEY: key, TRAILMARK_WEBSITE_ID: website.id, TRAILMARK_DOMAIN: SHOP }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  example.stdout!.on("data", (d) => (exampleOutput += d));
  example.stderr!.on("data", (d) => (exampleOutput += d));
  await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200), 60_000, 250);
  // A CDN in front of the site names the visitor in X-Forwarded-For, as Vercel's edge does.
  edge = await startEdge({ origin: `http://127.0.0.1:${port}`, clientIp: VISITOR_IP });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  if (example && example.exitCode === null) {
    const exited = new Promise((r) => example.once("exit", r));
    example.kill("SIGTERM");
    await exited;
  }
  await db?.close();
  await trailmark?.stop();
});

const of = (collection: string) => db.collection(collection).find({ websiteId: new mongoose.Types.ObjectId(website.id) }).toArray();

describe("examples/next", () => {
  it("counts pageviews, a goal and a payment with the visitor id from useTrailmark(), through the site's own domain", async () => {
    const context = await browser.newContext({ userAgent: UA });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && !m.text().startsWith("Failed to load resource") && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    const hosts = new Set<string>();
    page.on("request", (r) => hosts.add(new URL(r.url()).host));
    const site = `http://${SHOP}:${edge.port}`;

    await page.goto(`${site}/`);
    await eventually(async () => expect((await of("pageviews")).map((p) => p.path)).toEqual(["/"]));
    await page.getByRole("link", { name: "See pricing" }).click();
    await page.waitForURL(`${site}/pricing`);
    await page.getByRole("link", { name: "Back home" }).click();
    await page.waitForURL(`${site}/`);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("button", { name: "Welcome aboard" }).waitFor();
    await page.getByRole("link", { name: "See pricing" }).click();
    await page.waitForURL(`${site}/pricing`);
    await eventually(async () => expect((await of("pageviews")).length).toBe(4));
    await page.getByRole("button", { name: "Buy pro" }).click();
    await page.getByRole("status").filter({ hasText: "Paid, thank you!" }).waitFor();

    const visitorId = (await context.cookies()).find((c) => c.name === "tm_vid")!.value;
    // Client-side navigations count once each; nothing is counted twice.
    expect((await of("pageviews")).map((p) => p.path).sort()).toEqual(["/", "/", "/pricing", "/pricing"]);
    await eventually(async () => {
      const [goal] = await of("goalevents");
      expect(goal).toMatchObject({ name: "signup", visitorId, props: [{ k: "plan", v: "free" }] });
    });
    const payments = await of("payments");
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ provider: "api", amount: 4900, currency: "USD", visitorId, matchedBy: "metadata" });
    // The visitor's IP came through the site's proxy: the visit is placed where the visitor is.
    await eventually(async () => expect((await of("sessions"))[0]).toMatchObject({ visitorId, country: "GB", city: "Bracknell" }));
    // First-party only: the browser never contacted Trailmark's own host.
    expect([...hosts]).toEqual([`${SHOP}:${edge.port}`]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
