// The install check against a real HTTP server on this machine: what it
// finds in a page (tag, another site's tag, none, a CSP that blocks it) and
// where it refuses to go.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage } from "@/lib/install/check-page";
import { fetchPage, FetchPageError } from "@/lib/install/fetch-page";
import { verifyInstallation } from "@/lib/install/verify";

const SITE = "65f000000000000000000001";
const OTHER = "65f000000000000000000002";
const TRACKER = "https://stats.trailmark.test";
const tag = (id: string, extra = "") => `<script defer src="${TRACKER}/js/script.js" data-website-id="${id}" data-domain="shop.test"${extra}></script>`;
const doc = (head: string) => `<!doctype html><html><head><title>Shop</title>${head}</head><body>Hello</body></html>`;

type Route = { status?: number; headers?: Record<string, string>; body?: string | Buffer; hang?: boolean; stream?: number };
const routes: Record<string, Route> = {
  "/ok": { body: doc(tag(SITE)) },
  "/wrong": { body: doc(tag(OTHER)) },
  "/none": { body: doc(`<script src="/app.js"></script><!-- ${tag(SITE)} -->`) },
  "/noid": { body: doc(`<script defer src="${TRACKER}/js/script.outbound-links.js"></script>`) },
  "/next": { body: doc(`<script>(self.__next_s=self.__next_s||[]).push(["${TRACKER}/js/script.js",{"data-website-id":"${SITE}","data-domain":"shop.test"}])</script>`) },
  "/csp-header": { headers: { "content-security-policy": "default-src 'self'; script-src 'self' https://cdn.example.com" }, body: doc(tag(SITE)) },
  "/csp-connect": { headers: { "content-security-policy": `script-src 'self' ${TRACKER}; connect-src 'self'` }, body: doc(tag(SITE)) },
  "/csp-meta": { body: doc(`<meta http-equiv="Content-Security-Policy" content="script-src 'self'">${tag(SITE)}`) },
  "/csp-allows": { headers: { "content-security-policy": `default-src 'self'; script-src 'self' *.trailmark.test; connect-src https://stats.trailmark.test/api/` }, body: doc(tag(SITE)) },
  "/csp-nonce": { headers: { "content-security-policy": "script-src 'nonce-abc123' 'strict-dynamic'" }, body: doc(tag(SITE, ' nonce="abc123"')) },
  "/gzip": { headers: { "content-encoding": "gzip" }, body: gzipSync(doc(tag(SITE))) },
  "/moved": { status: 301, headers: { location: "/ok" } },
  "/to-private": { status: 302, headers: { location: "http://10.1.2.3/" } },
  "/loop": { status: 302, headers: { location: "/loop" } },
  "/hang": { hang: true },
  "/huge": { stream: 5 * 1024 * 1024 },
};

let server: http.Server;
let origin: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const r = routes[new URL(req.url!, "http://x").pathname];
    if (!r) return res.writeHead(404).end("not found");
    if (r.hang) return; // never answers
    res.writeHead(r.status ?? 200, { "content-type": "text/html; charset=utf-8", ...r.headers });
    if (r.stream) {
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < r.stream! && res.write(chunk)) sent += chunk.length;
        if (sent >= r.stream!) res.end();
        else res.once("drain", () => ((sent += chunk.length), pump()));
      };
      return pump();
    }
    res.end(r.body ?? "");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const check = async (path: string) => checkPage(await fetchPage(origin + path, { allowLoopback: true }), SITE, TRACKER);
const codes = (c: { problems: { code: string }[] }) => c.problems.map((p) => p.code);

describe("what the check finds on a page", () => {
  it("the site's tag, with nothing in its way", async () => {
    const c = await check("/ok");
    expect(c).toMatchObject({ tagFound: true, websiteIds: [SITE], scriptUrl: `${TRACKER}/js/script.js`, endpoint: `${TRACKER}/api/track`, problems: [] });
  });

  it("a tag written by a framework's script loader, and a gzipped page", async () => {
    expect(await check("/next")).toMatchObject({ tagFound: true, problems: [] });
    expect(await check("/gzip")).toMatchObject({ tagFound: true, problems: [] });
  });

  it("another site's tag, naming both ids", async () => {
    const c = await check("/wrong");
    expect(c.tagFound).toBe(false);
    expect(codes(c)).toEqual(["wrong_id"]);
    expect(c.problems[0].message).toContain(OTHER);
    expect(c.problems[0].message).toContain(SITE);
  });

  it("no tag (a commented-out one does not count), and a tag without an id", async () => {
    expect(codes(await check("/none"))).toEqual(["no_tag"]);
    expect(codes(await check("/noid"))).toEqual(["tag_without_id"]);
  });

  it("a Content-Security-Policy that blocks the script or the endpoint, from a header or a <meta>", async () => {
    const header = await check("/csp-header");
    expect(codes(header)).toEqual(["csp_script", "csp_connect"]);
    expect(header.problems[0].message).toContain("script-src");
    expect(header.problems[1].message).toContain("default-src");
    expect(codes(await check("/csp-connect"))).toEqual(["csp_connect"]);
    expect(codes(await check("/csp-meta"))).toEqual(["csp_script"]);
  });

  it("a policy that lists the tracker's host (wildcard, path prefix) or trusts the tag's nonce", async () => {
    expect(codes(await check("/csp-allows"))).toEqual([]);
    expect(codes(await check("/csp-nonce"))).toEqual([]);
  });
});

describe("where the fetch goes", () => {
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: FetchPageError) => (expect(e).toBeInstanceOf(FetchPageError), e.code));

  it("follows redirects, holding each hop to the same rules, and gives up on a loop", async () => {
    expect((await fetchPage(`${origin}/moved`, { allowLoopback: true })).url).toBe(`${origin}/ok`);
    expect(await failure(fetchPage(`${origin}/to-private`, { allowLoopback: true }))).toBe("refused_address");
    expect(await failure(fetchPage(`${origin}/loop`, { allowLoopback: true }))).toBe("too_many_redirects");
  });

  it("refuses this machine unless allowed and named as such, and private networks always", async () => {
    expect(await failure(fetchPage(`${origin}/ok`))).toBe("refused_address");
    expect(await failure(fetchPage(`http://10.0.0.8:${port}/ok`, { allowLoopback: true }))).toBe("refused_address");
    expect(await failure(fetchPage(`http://169.254.169.254/latest/meta-data/`, { allowLoopback: true }))).toBe("refused_address");
    expect(await failure(fetchPage(`http://[::ffff:127.0.0.1]:${port}/ok`))).toBe("refused_address");
    // localhost resolves to the loopback address: allowed only when the caller allows it.
    expect(await failure(fetchPage(`http://localhost:${port}/ok`))).toBe("refused_address");
    expect((await fetchPage(`http://localhost:${port}/ok`, { allowLoopback: true })).status).toBe(200);
  });

  it("stops at its time and size bounds", async () => {
    expect(await failure(fetchPage(`${origin}/hang`, { allowLoopback: true, timeoutMs: 500 }))).toBe("timeout");
    const huge = await fetchPage(`${origin}/huge`, { allowLoopback: true, maxBytes: 256 * 1024 });
    expect(huge.truncated).toBe(true);
    expect(huge.html.length).toBeLessThan(1024 * 1024);
  });

  it("tries https, then http, on the site's own domain; other hosts are refused", async () => {
    process.env.TRAILMARK_VERIFY_LOCAL = "true";
    try {
      const site = { id: SITE, domain: `localhost:${port}`, allowedHostnames: [] };
      // The home page is a 404 here: the check still reports on it, after https failed.
      const home = await verifyInstallation(site, undefined, TRACKER);
      expect(home.failures.map((f) => f.url)).toEqual([`https://localhost:${port}/`]);
      expect(home.page).toMatchObject({ status: 404, tagFound: false });
      expect(codes(home.page!)).toEqual(["page_status", "no_tag"]);
      const listed = { ...site, domain: "shop.test", allowedHostnames: ["localhost"] };
      expect((await verifyInstallation(listed, `http://localhost:${port}/ok`, TRACKER)).page).toMatchObject({ tagFound: true });
      await expect(verifyInstallation(listed, "https://elsewhere.example/", TRACKER)).rejects.toMatchObject({ code: "url_not_on_site" });
    } finally {
      delete process.env.TRAILMARK_VERIFY_LOCAL;
    }
  });
});
