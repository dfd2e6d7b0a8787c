import { isbot } from "isbot";
import { memo } from "./memo";
import { getHeader, type HeaderSource } from "./types";

// Automation that presents a browser-like UA isbot does not list: headless
// Chrome (Puppeteer and Playwright keep "HeadlessChrome" unless told not to),
// PhantomJS, Lighthouse/PageSpeed, test runners. Their pageviews are not people.
const HEADLESS = /HeadlessChrome|PhantomJS|SlimerJS|Lighthouse|Puppeteer|Playwright|Selenium|WebDriver|Cypress|HeadlessShell|Google-PageRenderer|PTST\//i;

const testAgent = (ua: string) => HEADLESS.test(ua) || isbot(ua);
// isbot's pattern is long: a UA string is tested once, except past 512
// characters (a hostile one must not bloat the cache).
const knownAgents = memo<boolean>(2000);
const isBotAgent = (ua: string) => (ua.length > 512 ? testAgent(ua) : knownAgents(ua, () => testAgent(ua)));

/**
 * True when the request comes from a crawler, script or headless browser.
 * An empty UA counts: every real browser sends one, scripts often do not.
 */
export function isBotRequest(userAgent: string | null | undefined, headers?: HeaderSource): boolean {
  const ua = userAgent?.trim() ?? "";
  if (ua.length < 5) return true;
  if (isBotAgent(ua)) return true;
  // Headless Chrome still names itself in its client-hint brands when the UA
  // string has been overridden to look like desktop Chrome.
  const brands = getHeader(headers, "sec-ch-ua");
  if (brands && /HeadlessChrome/i.test(brands)) return true;
  return false;
}
