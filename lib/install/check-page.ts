import type { IncomingHttpHeaders } from "node:http";
import { connectAllowed, parsePolicies, scriptAllowed } from "./csp";

export type ProblemCode = "no_tag" | "tag_without_id" | "wrong_id" | "csp_script" | "csp_connect" | "page_status";
export type Problem = { code: ProblemCode; message: string };

export type PageCheck = {
  url: string;
  status: number;
  /** The tag for this website is on the page (plain or written by a framework's script loader). */
  tagFound: boolean;
  /** Every data-website-id the page carries. */
  websiteIds: string[];
  scriptUrl?: string;
  endpoint?: string;
  problems: Problem[];
};

type Attrs = Record<string, string>;

function attributes(source: string): Attrs {
  const attrs: Attrs = {};
  for (const m of source.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return attrs;
}

const TRACKER_FILE = /\/js\/script(?:\.[a-z-]+)*\.js(?:[?#]|$)/;

/** The page without comments, so a commented-out tag does not count. */
const uncommented = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "");

function resolve(href: string | undefined, base: URL): URL | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

/** Every data-website-id the page carries, as an attribute or in a loader's JSON ("data-website-id":"..."). */
function websiteIdsIn(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/data-website-id\\?["']?\s*[:=]\s*\\?["']([^"'\\\s>]+)/gi)) ids.add(m[1]);
  return [...ids];
}

/**
 * What a page says about its Trailmark tag: whether the tag for `websiteId`
 * is there (or one for another site, or one without an id), and whether the
 * page's Content-Security-Policy (headers and <meta http-equiv>) would stop
 * the browser from loading the script or sending to the events endpoint.
 * `trackerOrigin` is this deployment, where a tag that could not be read
 * (one a framework's loader writes) loads from.
 */
export function checkPage(page: { url: string; status: number; headers: IncomingHttpHeaders; html: string }, websiteId: string, trackerOrigin: string): PageCheck {
  const pageUrl = new URL(page.url);
  const html = uncommented(page.html);
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => attributes(m[1]));
  const tag = scripts.find((a) => a["data-website-id"] === websiteId) ?? scripts.find((a) => "data-website-id" in a) ?? scripts.find((a) => TRACKER_FILE.test(a.src ?? ""));
  const websiteIds = websiteIdsIn(html);
  const tagFound = websiteIds.includes(websiteId);
  const problems: Problem[] = [];

  if (page.status >= 400) problems.push({ code: "page_status", message: `The page answered HTTP ${page.status}; the check read what it sent.` });
  if (!tagFound && websiteIds.length) {
    problems.push({ code: "wrong_id", message: `The page has a Trailmark tag for another site (data-website-id="${websiteIds.join('", "')}"), not this one's ${websiteId}.` });
  } else if (!tagFound && tag) {
    problems.push({ code: "tag_without_id", message: "The page loads the Trailmark script, but its tag has no data-website-id." });
  } else if (!tagFound) {
    problems.push({ code: "no_tag", message: "No Trailmark tag on this page: paste the snippet into its <head> (or render <Analytics />)." });
  }

  // The script's own address when the tag could be read; else the loader's JSON, else this deployment.
  const loaderSrc = /["']([^"']*\/js\/script(?:\.[a-z-]+)*\.js)["']/.exec(html)?.[1];
  const scriptUrl = resolve(tag?.src || loaderSrc, pageUrl) ?? new URL("/js/script.js", trackerOrigin);
  const endpoint = resolve(tag?.["data-api"], pageUrl) ?? new URL("/api/track", scriptUrl);

  const header = page.headers["content-security-policy"];
  const metas = [...html.matchAll(/<meta\b([^>]*)>/gi)].map((m) => attributes(m[1])).filter((a) => a["http-equiv"]?.toLowerCase() === "content-security-policy" && a.content);
  const policies = parsePolicies([...(Array.isArray(header) ? header : header ? [header] : []), ...metas.map((a) => a.content)]);
  const script = scriptAllowed(policies, scriptUrl, pageUrl, tag?.nonce);
  if (!script.allowed) {
    problems.push({ code: "csp_script", message: `The page's Content-Security-Policy (${script.directive} ${script.sources.join(" ") || "(empty)"}) blocks ${scriptUrl.origin}${scriptUrl.pathname}: add ${scriptUrl.origin} to ${script.directive}.` });
  }
  const send = connectAllowed(policies, endpoint, pageUrl);
  if (!send.allowed) {
    problems.push({ code: "csp_connect", message: `The page's Content-Security-Policy (${send.directive} ${send.sources.join(" ") || "(empty)"}) blocks sending to ${endpoint.origin}${endpoint.pathname}: add ${endpoint.origin} to connect-src.` });
  }
  return { url: page.url, status: page.status, tagFound, websiteIds, scriptUrl: scriptUrl.href, endpoint: endpoint.href, problems };
}
