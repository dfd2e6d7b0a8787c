import { checkColumns, csvTable, records, type CsvTable } from "./csv";
import { badImport } from "./errors";
import { dayOf, deviceOf, referrerHost, RowSet, type Metrics, type ParsedImport } from "./rows";
import { unzipTexts } from "./zip";

/**
 * Plausible's CSV export (Site settings > Imports & Exports): a zip of one
 * CSV per table, named `imported_<table>_<YYYYMMDD>_<YYYYMMDD>.csv`, each
 * with a header line. The columns per table are those Plausible writes and
 * reads back; optional ones are those some versions add.
 */
type Table = { required: readonly string[]; optional?: readonly string[]; rows: (set: RowSet, day: string, get: (c: string) => string, m: Metrics) => void };

const visitMetrics = ["visitors", "visits", "visit_duration", "bounces", "pageviews"] as const;

const TABLES: Record<string, Table> = {
  visitors: { required: ["date", "visitors", "pageviews", "bounces", "visits", "visit_duration"], rows: (s, d, _g, m) => s.add(d, "", "", m) },
  sources: {
    required: ["date", "source", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "pageviews", "visitors", "visits", "visit_duration", "bounces"],
    optional: ["channel"],
    rows: (s, d, g, m) => {
      s.add(d, "referrer", referrerHost(g("referrer")), m);
      for (const u of ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"]) s.add(d, u, g(u), m);
    },
  },
  pages: {
    required: ["date", "hostname", "page", "visits", "visitors", "pageviews"],
    optional: ["scroll_depth", "pageleave_visitors", "exits", "time_on_page", "total_scroll_depth", "total_scroll_depth_visits", "total_time_on_page", "total_time_on_page_visits", "active_visitors"],
    rows: (s, d, g, m) => s.add(d, "page", g("page"), { ...m, bounces: 0, duration: 0 }),
  },
  entry_pages: { required: ["date", "entry_page", "visitors", "entrances", "visit_duration", "bounces", "pageviews"], rows: (s, d, g, m) => s.add(d, "entry_page", g("entry_page"), m) },
  exit_pages: { required: ["date", "exit_page", "visitors", "exits", "pageviews"], optional: ["visit_duration", "bounces"], rows: (s, d, g, m) => s.add(d, "exit_page", g("exit_page"), m) },
  locations: {
    required: ["date", "country", "region", "city", ...visitMetrics],
    rows: (s, d, g, m) => {
      s.add(d, "country", g("country").trim().toUpperCase(), m);
      // Plausible names regions by ISO 3166-2 ("DE-BE"); Trailmark keeps the part after the country.
      s.add(d, "region", g("region").trim().replace(/^[A-Z]{2}-/, ""), m);
    },
  },
  devices: { required: ["date", "device", ...visitMetrics], rows: (s, d, g, m) => s.add(d, "device", deviceOf(g("device")), m) },
  browsers: { required: ["date", "browser", ...visitMetrics], optional: ["browser_version"], rows: (s, d, g, m) => s.add(d, "browser", g("browser"), m) },
  operating_systems: { required: ["date", "operating_system", ...visitMetrics], optional: ["operating_system_version"], rows: (s, d, g, m) => s.add(d, "os", g("operating_system"), m) },
  // Goals are kept out: Plausible's custom events have no visits to show beside Trailmark's.
  custom_events: { required: ["date", "name", "visitors", "events"], optional: ["link_url", "path"], rows: () => {} },
};

const FILE = /^(?:imported_)?([a-z_]+?)_(\d{8})_(\d{8})\.csv$/;

function readTable(set: RowSet, spec: Table, t: CsvTable): void {
  checkColumns(t, spec.required, spec.optional);
  for (const r of records(t)) {
    const where = `${t.file}, line ${r.line}`;
    const visits = t.header.includes("visits") ? r.count("visits") : t.header.includes("entrances") ? r.count("entrances") : t.header.includes("exits") ? r.count("exits") : 0;
    const m: Metrics = {
      visitors: r.count("visitors"),
      visits,
      pageviews: t.header.includes("pageviews") ? r.count("pageviews") : 0,
      bounces: t.header.includes("bounces") ? r.count("bounces") : 0,
      duration: t.header.includes("visit_duration") ? r.count("visit_duration") : 0,
    };
    spec.rows(set, dayOf(r.get("date"), where), r.get, m);
  }
}

/** Every row of a Plausible export zip; refuses anything else with the reason. */
export function readPlausibleExport(bytes: Uint8Array): ParsedImport {
  const files = unzipTexts(bytes, "Plausible export");
  const set = new RowSet();
  let tables = 0;
  for (const [name, text] of files) {
    const m = FILE.exec(name);
    const spec = m && TABLES[m[1]];
    if (!spec) throw badImport("invalid_file", `${name} is not part of a Plausible export (expected files such as imported_visitors_20240101_20241231.csv)`);
    readTable(set, spec, csvTable(text, name));
    tables++;
  }
  if (!tables) throw badImport("invalid_file", "The zip holds no CSV files");
  if (![...files.keys()].some((n) => FILE.exec(n)?.[1] === "visitors")) throw badImport("invalid_file", "The export has no imported_visitors file: it holds the daily totals");
  return set.done("The export");
}
