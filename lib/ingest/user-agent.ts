import UAParser from "ua-parser-js";
import type { Device } from "./types";

export interface UserAgentInfo {
  browser?: string;
  /** Major version only: "124", not "124.0.6367.82" (the rest splits breakdowns for no insight). */
  browserVersion?: string;
  os?: string;
  /** Major.minor: "17.4", "10.15", "14". */
  osVersion?: string;
  device: Device;
}

// One dashboard row per product, however ua-parser spells the variant.
const BROWSER_NAMES: Record<string, string> = {
  "Mobile Safari": "Safari",
  "Mobile Chrome": "Chrome",
  "Mobile Firefox": "Firefox",
  "Chrome WebView": "Chrome WebView",
  "Samsung Browser": "Samsung Internet",
  "Edge Mobile": "Edge",
  "Opera Mobi": "Opera",
};
const OS_NAMES: Record<string, string> = {
  "Mac OS": "macOS",
  "Chromium OS": "ChromeOS",
};

const MAX_ENTRIES = 2000;
// Insertion-ordered Map as an LRU: a hit is re-inserted, the oldest key evicted.
// A few hundred UA strings cover most traffic, so parsing each once pays off.
const cache = new Map<string, UserAgentInfo>();

function majorMinor(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const match = /^\d+(\.\d+)?/.exec(version);
  return match ? match[0] : version.slice(0, 20);
}

function deviceOf(type: string | undefined, os: string | undefined, ua: string): Device {
  if (type === "mobile" || type === "wearable") return "mobile";
  if (type === "tablet") return "tablet";
  if (type) return "desktop"; // smarttv, console, embedded, xr: big screens, not phones
  // Android browsers drop the "Mobile" token on tablets; ua-parser only knows
  // tablets whose model it recognises.
  if (os === "Android" && !/Mobile/i.test(ua)) return "tablet";
  if (os === "Android" || os === "iOS") return "mobile";
  return "desktop";
}

function parse(ua: string): UserAgentInfo {
  const r = new UAParser(ua).getResult();
  const browser = r.browser.name ? (BROWSER_NAMES[r.browser.name] ?? r.browser.name) : undefined;
  const os = r.os.name ? (OS_NAMES[r.os.name] ?? r.os.name) : undefined;
  const info: UserAgentInfo = { device: deviceOf(r.device.type, r.os.name, ua) };
  if (browser) info.browser = browser;
  if (browser && r.browser.major) info.browserVersion = r.browser.major;
  if (os) info.os = os;
  const osVersion = os ? majorMinor(r.os.version) : undefined;
  if (osVersion) info.osVersion = osVersion;
  return info;
}

/** Browser, OS and device class of a User-Agent string. Never throws. */
export function parseUserAgent(userAgent: string | null | undefined): UserAgentInfo {
  // Cap the key: a hostile multi-KB UA must not bloat the cache.
  const ua = (userAgent ?? "").slice(0, 512);
  const hit = cache.get(ua);
  if (hit) {
    cache.delete(ua);
    cache.set(ua, hit);
    return { ...hit };
  }
  const info = parse(ua);
  cache.set(ua, info);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return { ...info };
}

/** For tests and memory checks. */
export function userAgentCacheSize(): number {
  return cache.size;
}
