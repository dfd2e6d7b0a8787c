import { dayKeyFormatter } from "@/lib/stats/day-key";
import { checkColumns, csvTable, records } from "./csv";
import { badImport } from "./errors";
import { deviceOf, referrerHost, RowSet, type ParsedImport } from "./rows";
import { unzipTexts } from "./zip";

/**
 * Umami's data export: its website events, one row each, as a CSV (alone or
 * in a zip) with the columns of Umami's website_event joined with session.
 * Imported data are daily aggregates, so the events are folded here into
 * days of the site's time zone: visitors are distinct sessions, visits
 * distinct visit ids, a bounce a visit with one pageview, a visit's duration
 * its first to last event.
 */
const REQUIRED = ["session_id", "visit_id", "created_at", "event_type", "url_path"] as const;
const OPTIONAL = [
  "website_id", "event_id", "hostname", "browser", "os", "device", "screen", "language", "country", "region", "city", "url_query",
  "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "referrer_path", "referrer_query", "referrer_domain", "page_title",
  "gclid", "fbclid", "msclkid", "ttclid", "li_fat_id", "twclid", "event_name", "tag", "distinct_id", "job_id",
] as const;

// Session attributes that become dimensions, by Umami column.
const SESSION_DIMENSIONS: Record<string, string> = {
  referrer_domain: "referrer", utm_source: "utm_source", utm_medium: "utm_medium", utm_campaign: "utm_campaign", utm_content: "utm_content",
  utm_term: "utm_term", country: "country", region: "region", browser: "browser", os: "os", device: "device",
};

// Umami's ids for browsers and systems, as Trailmark's parser names them.
const BROWSERS: Record<string, string> = { chrome: "Chrome", crios: "Chrome", firefox: "Firefox", fxios: "Firefox", safari: "Safari", ios: "Safari", "ios-webview": "Safari", "edge-chromium": "Edge", edge: "Edge", "edge-ios": "Edge", opera: "Opera", samsung: "Samsung Internet", brave: "Brave" };
const SYSTEMS: Record<string, string> = { "Mac OS": "macOS", "Windows 10": "Windows", "Windows 7": "Windows", "Chrome OS": "ChromeOS" };
const NAMES: Record<string, (v: string) => string> = {
  referrer: referrerHost,
  device: (v) => (v === "laptop" ? "desktop" : deviceOf(v)),
  country: (v) => v.toUpperCase(),
  region: (v) => v.replace(/^[A-Z]{2}-/, ""),
  browser: (v) => BROWSERS[v] ?? v,
  os: (v) => SYSTEMS[v] ?? v,
};

type Visit = { day: string; session: string; first: number; last: number; views: number; entry: string; entryAt: number; exit: string; exitAt: number; attrs: Record<string, string>; pages: Map<string, number> };

const PAGEVIEW = "1";

function csvOf(bytes: Uint8Array): { name: string; text: string } {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!zip) return { name: "the CSV file", text: new TextDecoder().decode(bytes) };
  const csvs = [...unzipTexts(bytes, "Umami export")].filter(([n]) => n.toLowerCase().endsWith(".csv"));
  if (csvs.length !== 1) throw badImport("invalid_file", `An Umami export zip holds one CSV of events; this one holds ${csvs.length}`);
  return { name: csvs[0][0], text: csvs[0][1] };
}

export function readUmamiExport(bytes: Uint8Array, timeZone = "UTC"): ParsedImport {
  const { name, text } = csvOf(bytes);
  const t = csvTable(text, name);
  checkColumns(t, REQUIRED, OPTIONAL);
  const dayOf = dayKeyFormatter(timeZone);
  const visits = new Map<string, Visit>();
  for (const r of records(t)) {
    const at = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(r.get("created_at")) ? r.get("created_at") : `${r.get("created_at").replace(" ", "T")}Z`);
    if (Number.isNaN(at)) throw badImport("invalid_csv", `${name}, line ${r.line}: created_at "${r.get("created_at")}" is not a time`);
    const id = r.get("visit_id") || r.get("session_id");
    let v = visits.get(id);
    if (!v) {
      const attrs: Record<string, string> = {};
      for (const [col, dim] of Object.entries(SESSION_DIMENSIONS)) {
        const raw = r.get(col);
        attrs[dim] = (NAMES[dim] ?? ((v: string) => v))(raw.trim());
      }
      v = { day: dayOf(new Date(at)), session: r.get("session_id"), first: at, last: at, views: 0, entry: "", entryAt: Infinity, exit: "", exitAt: -Infinity, attrs, pages: new Map() };
      visits.set(id, v);
    }
    v.first = Math.min(v.first, at);
    v.last = Math.max(v.last, at);
    if (r.get("event_type") === PAGEVIEW) {
      const path = r.get("url_path") || "/";
      v.views++;
      v.pages.set(path, (v.pages.get(path) ?? 0) + 1);
      if (at < v.entryAt) (v.entry = path), (v.entryAt = at);
      if (at >= v.exitAt) (v.exit = path), (v.exitAt = at);
    }
  }
  if (!visits.size) throw badImport("empty_import", `${name} holds no events`);
  return fold([...visits.values()]);
}

/** Visits into daily rows: visitors are distinct sessions of the day per value. */
function fold(visits: Visit[]): ParsedImport {
  const set = new RowSet();
  const seen = new Set<string>();
  for (const v of visits) {
    const m = { visits: 1, pageviews: v.views, bounces: v.views === 1 ? 1 : 0, duration: Math.round((v.last - v.first) / 1000) };
    const once = (dimension: string, value: string) => {
      const key = `${v.day}\u0000${dimension}\u0000${value}\u0000${v.session}`;
      const first = !seen.has(key);
      seen.add(key);
      return first ? 1 : 0;
    };
    set.add(v.day, "", "", { ...m, visitors: once("", "") });
    for (const [dim, value] of Object.entries(v.attrs)) set.add(v.day, dim, value, { ...m, visitors: once(dim, value) });
    if (v.views) {
      set.add(v.day, "entry_page", v.entry, { ...m, visitors: once("entry_page", v.entry) });
      set.add(v.day, "exit_page", v.exit, { ...m, visitors: once("exit_page", v.exit) });
    }
    for (const [path, n] of v.pages) set.add(v.day, "page", path, { visitors: once("page", path), visits: 1, pageviews: n, bounces: 0, duration: 0 });
  }
  return set.done("The export");
}
