import { google, type analyticsdata_v1beta } from "googleapis";
import { decryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { deleteImported, insertImported } from "@/lib/engine/imported";
import { ApiError } from "@/lib/http/errors";
import { googleOAuth } from "@/lib/integrations/search-console/client";
import { addDays } from "@/lib/stats/period";
import { dayKeyFormatter } from "@/lib/stats/day-key";
import { Integration, integrationKey } from "@/models/Integration";
import { checkOverlap } from "./analytics";
import { createJob, runInBackground } from "./jobs";
import { deviceOf, RowSet } from "./rows";

/**
 * Google Analytics 4 history through the Analytics Data API (runReport),
 * with the Google connection made for Search Console (it asks for
 * analytics.readonly too). One report per dimension, by day, paged with
 * limit/offset; sessions are visits, bounces and durations come from GA4's
 * rates and averages times sessions.
 */
const METRICS = ["totalUsers", "sessions", "screenPageViews", "bounceRate", "averageSessionDuration"];
const REPORTS: { dimension: string; ga: string | null; value?: (v: string) => string }[] = [
  { dimension: "", ga: null },
  { dimension: "utm_source", ga: "sessionSource", value: (v) => (v === "(direct)" ? "" : v) },
  { dimension: "utm_medium", ga: "sessionMedium", value: (v) => (v === "(none)" ? "" : v) },
  { dimension: "utm_campaign", ga: "sessionCampaignName", value: (v) => (v === "(direct)" || v === "(not set)" || v === "(organic)" || v === "(referral)" ? "" : v) },
  { dimension: "page", ga: "pagePath" },
  { dimension: "entry_page", ga: "landingPage" },
  { dimension: "country", ga: "countryId" },
  { dimension: "browser", ga: "browser" },
  { dimension: "os", ga: "operatingSystem" },
  { dimension: "device", ga: "deviceCategory", value: deviceOf },
];
const PAGE = 10_000;

function analyticsData(refreshToken: string): analyticsdata_v1beta.Analyticsdata {
  const auth = googleOAuth();
  auth.setCredentials({ refresh_token: refreshToken });
  const root = process.env.TRAILMARK_GOOGLE_ANALYTICS_ROOT || process.env.TRAILMARK_GOOGLE_API_ROOT;
  return google.analyticsdata({ version: "v1beta", auth, retry: false, ...(root ? { rootUrl: root } : {}) });
}

const notSet = (v: string) => (v === "(not set)" ? "" : v);
const gaDay = (v: string) => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;

async function readReport(api: analyticsdata_v1beta.Analyticsdata, property: string, from: string, to: string, report: (typeof REPORTS)[number], set: RowSet): Promise<void> {
  for (let offset = 0; ; ) {
    const res = await api.properties.runReport({
      property: `properties/${property}`,
      requestBody: {
        dateRanges: [{ startDate: from, endDate: to }],
        dimensions: [{ name: "date" }, ...(report.ga ? [{ name: report.ga }] : [])],
        metrics: METRICS.map((name) => ({ name })),
        limit: String(PAGE),
        offset: String(offset),
      },
    });
    const rows = res.data.rows ?? [];
    for (const r of rows) {
      const d = r.dimensionValues ?? [];
      const m = (r.metricValues ?? []).map((x) => Number(x.value ?? 0));
      const [users, sessions, views, bounceRate, avgDuration] = METRICS.map((_, i) => (Number.isFinite(m[i]) ? m[i] : 0));
      const raw = notSet(d[1]?.value ?? "");
      const value = report.value ? report.value(raw) : raw;
      set.add(gaDay(d[0]?.value ?? ""), report.dimension, value, {
        visitors: Math.round(users), visits: Math.round(sessions), pageviews: Math.round(views),
        bounces: Math.round(bounceRate * sessions), duration: Math.round(avgDuration * sessions),
      });
    }
    // Paged by what came back: the API may send fewer rows than the limit.
    offset += rows.length;
    if (!rows.length || offset >= (res.data.rowCount ?? 0)) return;
  }
}

function googleFailure(err: unknown): ApiError {
  const e = err as { response?: { status?: number; data?: { error?: { message?: string } } }; message?: string };
  const status = e.response?.status;
  const why = e.response?.data?.error?.message ?? e.message ?? "unknown error";
  if (status === 403) return new ApiError(400, "ga4_forbidden", `Google Analytics refused access to this property: ${why}. Connect Google again in settings (it asks for Analytics access) with an account that can read the property.`);
  if (status === 401 || /invalid_grant/.test(why)) return new ApiError(400, "google_unauthorized", "Google rejected the connection; connect Google again in settings.");
  return new ApiError(502, "ga4_failed", `Google Analytics answered ${status ?? "nothing"}: ${why}`);
}

/** Starts a GA4 import of `from`..`to` (default: the last 2 years to yesterday) as a job. */
export async function startGa4Import(site: { id: string; timezone: string }, userId: string, input: { propertyId: string; from?: string; to?: string }): Promise<{ id: string; duplicate: boolean }> {
  await connectDb();
  const sc = await Integration.findOne({ _id: integrationKey(site.id, "searchConsole") }, { tokenEnc: 1 }).lean<{ tokenEnc?: string }>();
  if (!sc?.tokenEnc) throw new ApiError(400, "google_not_connected", "Connect Google in settings (Search Console) first: the GA4 import uses that connection");
  const today = dayKeyFormatter(site.timezone)(new Date());
  const to = input.to ?? addDays(today, -1);
  const from = input.from ?? addDays(to, -730);
  if (from > to) throw new ApiError(400, "invalid_input", "`from` must not be after `to`");
  await checkOverlap(site.id, { from, to });
  const { job, duplicate } = await createJob({ websiteId: site.id, kind: "analytics", source: "ga4", from, to, createdBy: userId }, `${site.id}:ga4:${input.propertyId}:${from}:${to}`);
  const id = String(job._id);
  if (duplicate) return { id, duplicate };
  const api = analyticsData(decryptSecret(sc.tokenEnc));
  runInBackground(
    id,
    async (ctl) => {
      const set = new RowSet();
      for (const [i, report] of REPORTS.entries()) {
        if (await ctl.step((i / REPORTS.length) * 0.8)) return "cancelled";
        await readReport(api, input.propertyId, from, to, report, set).catch((err) => {
          throw googleFailure(err);
        });
      }
      const parsed = set.done(`GA4 property ${input.propertyId}`);
      for (let i = 0; i < parsed.rows.length; i += 5_000) {
        if (await ctl.step(0.8 + (i / parsed.rows.length) * 0.2)) return "cancelled";
        await insertImported(site.id, id, parsed.rows.slice(i, i + 5_000));
      }
      return { rows: parsed.rows.length, from: parsed.from, to: parsed.to };
    },
    () => deleteImported(site.id, id),
  );
  return { id, duplicate };
}
