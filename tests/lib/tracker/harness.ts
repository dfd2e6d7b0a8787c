// A static site and a fake collector on one node:http server, reached through
// *.trailmark.test / *.paylink.test host names that Chromium maps to 127.0.0.1:
// real-looking domains, so cookies are set the way they are on a customer's site.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
// @ts-expect-error plain ESM build script
import { buildAllTrackers } from "../../../scripts/build-tracker.mjs";
import { launchBrowser } from "../../helpers/browser";
import { eventually } from "../../helpers/eventually";

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
  /**
   * Waits until `count` events of `websiteId` arrived and so did every event
   * for it that a watched browser context has sent so far; returns them all,
   * extras included, so a test that expects exactly `count` sees any extra.
   */
  events: (websiteId: string, count: number) => Promise<Record<string, any>[]>;
  /** Records what `context` sends to /api/track, so `events` knows what is still on its way. */
  watch: (context: BrowserContext) => void;
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
  // Bodies Chromium reported sending: the positive signal that nothing more is
  // on its way, instead of a pause that is too short on a slow machine.
  // A request that failed never arrives, so it is taken off again.
  const sent = new Map<Request, Record<string, any>>();
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
    async events(websiteId, count) {
      const mine = () => hits.filter((h) => h.body.websiteId === websiteId).map((h) => h.body);
      return eventually(async () => {
        const arrived = mine();
        expect(arrived.length, `events of ${websiteId} that arrived`).toBeGreaterThanOrEqual(count);
        expect(arrived.length, `events of ${websiteId} the browser sent`).toBeGreaterThanOrEqual([...sent.values()].filter((b) => b.websiteId === websiteId).length);
        return arrived;
      });
    },
    watch(context) {
      context.on("request", (req) => {
        if (req.method() !== "POST" || new URL(req.url()).pathname !== "/api/track") return;
        try {
          sent.set(req, JSON.parse(req.postData() ?? ""));
        } catch {
          // not an event body: the collector rejects it too
        }
      });
      context.on("requestfailed", (req) => sent.delete(req));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const launchTestBrowser = (): Promise<Browser> => launchBrowser(["--host-resolver-rules=MAP *.trailmark.test 127.0.0.1, MAP *.paylink.test 127.0.0.1"]);

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
    t.h.watch(t.context);
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
