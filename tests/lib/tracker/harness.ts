// A static site and a fake collector on one node:http server, reached through
// *.trailmark.test / *.paylink.test host names that Chromium maps to 127.0.0.1:
// real-looking domains, so cookies are set the way they are on a customer's site.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
// @ts-expect-error plain ESM build script
import { buildAllTrackers } from "../../../scripts/build-tracker.mjs";

export type Hit = { host: string; contentType: string; body: Record<string, any> };

export type Harness = {
  port: number;
  hits: Hit[];
  preflights: number;
  /** Origin of a host name under the harness, e.g. origin("www.shop.trailmark.test"). */
  origin: (host: string) => string;
  /** Serves `body` at `path` with the tracker tag (`file`, default the core) carrying `attrs`; returns the path. */
  page: (path: string, attrs: Record<string, string | true>, body?: string, head?: string, file?: string) => string;
  /** Serves `body` as is at `path` (any host), e.g. a page or an app's bundle. */
  serve: (path: string, body: string, contentType?: string) => void;
  /** Waits until `count` events of `websiteId` arrived (and a little longer, to catch extras). */
  events: (websiteId: string, count: number, settleMs?: number) => Promise<Record<string, any>[]>;
  close: () => Promise<void>;
};

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => resolve(s));
  });

export async function startHarness(): Promise<Harness> {
  const scripts = new Map<string, string>((await buildAllTrackers()).map((b: { file: string; code: string }) => [`/js/${b.file}`, b.code]));
  const pages = new Map<string, string>();
  const assets = new Map<string, { body: string; contentType: string }>();
  const hits: Hit[] = [];
  const state = { preflights: 0 };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "OPTIONS") {
      state.preflights++;
      res.writeHead(204, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*" }).end();
    } else if (req.method === "POST" && url.pathname === "/api/track") {
      const text = await read(req);
      hits.push({ host: String(req.headers.host), contentType: String(req.headers["content-type"]), body: JSON.parse(text) });
      res.writeHead(202, { "Access-Control-Allow-Origin": "*" }).end();
    } else if (assets.has(url.pathname)) {
      const { body, contentType } = assets.get(url.pathname)!;
      res.writeHead(200, { "Content-Type": contentType }).end(body);
    } else if (scripts.has(url.pathname)) {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(scripts.get(url.pathname));
    } else {
      res.writeHead(200, { "Content-Type": "text/html" }).end(pages.get(url.pathname) ?? "<!doctype html><title>elsewhere</title><p>elsewhere</p>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = (host: string) => `http://${host}:${port}`;

  return {
    port,
    hits,
    get preflights() {
      return state.preflights;
    },
    origin,
    page(path, attrs, body = "<h1>Hello</h1>", head = "", file = "script.js") {
      const a = Object.entries(attrs)
        .map(([k, v]) => (v === true ? ` data-${k}` : ` data-${k}="${v}"`))
        .join("");
      const tag = `<script defer src="${origin("cdn.trailmark.test")}/js/${file}"${a}></script>`;
      pages.set(path, `<!doctype html><html><head><title>Test page</title>${head}${tag}</head><body>${body}</body></html>`);
      return path;
    },
    serve(path, body, contentType = "text/html") {
      assets.set(path, { body, contentType });
    },
    async events(websiteId, count, settleMs = 300) {
      const mine = () => hits.filter((h) => h.body.websiteId === websiteId).map((h) => h.body);
      const deadline = Date.now() + 5_000;
      while (mine().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, settleMs));
      return mine();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launchTestBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--host-resolver-rules=MAP *.trailmark.test 127.0.0.1, MAP *.paylink.test 127.0.0.1",
    ],
  });
}

let seq = 0;
/** A fresh website id per test keeps each test's events apart on the shared collector. */
export const newSiteId = () => `site_${process.pid}_${++seq}`;

/** Fails the test on any uncaught page error: a tracker must never break the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

export type TrackerSuite = {
  h: Harness;
  browser: Browser;
  context?: BrowserContext;
  /** What the page printed in its console since it was opened. */
  logged: string[];
  errors: string[];
  /** Opens `url` in a fresh context, after `init` ran in it; the context closes after the test. */
  open: (url: string, opts?: { referer?: string; init?: string }) => Promise<Page>;
};

/** The harness and a browser for a test file; each test's page must throw nothing. */
export function trackerSuite(): TrackerSuite {
  const t = { logged: [], errors: [] } as unknown as TrackerSuite;
  beforeAll(async () => {
    [t.h, t.browser] = await Promise.all([startHarness(), launchTestBrowser()]);
  });
  afterAll(async () => {
    await t.browser?.close();
    await t.h?.close();
  });
  afterEach(async () => {
    await t.context?.close();
    expect(t.errors).toEqual([]);
  });
  t.open = async (url, opts = {}) => {
    t.context = await t.browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await t.context.newPage();
    t.errors = watchErrors(page);
    t.logged = [];
    page.on("console", (m) => t.logged.push(m.text()));
    if (opts.init) await page.addInitScript(opts.init);
    await page.goto(url, { referer: opts.referer });
    return page;
  };
  return t;
}
