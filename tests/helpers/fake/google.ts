import { startFakeServer, type Reply, type Seen } from "./server";

export type FakeRow = { date: string; query: string; page: string; clicks: number; impressions: number; position: number };

/**
 * Google's OAuth token endpoint (authorization_code and refresh_token grants,
 * invalid_grant for a revoked token) and the Search Console API
 * (searchAnalytics.query with rowLimit/startRow paging, sites.list); `api`
 * answers other authorised calls (e.g. the Analytics Data API, ./ga4.ts).
 */
export async function startFakeGoogle(opts: { refreshToken: string; code?: string; sites?: string[]; api?: (req: Seen) => Reply | null }) {
  const rows: FakeRow[] = [];
  let revoked = false;
  const server = await startFakeServer((req) => {
    if (req.path === "/token" && req.method === "POST") {
      const form = new URLSearchParams(req.body);
      if (form.get("grant_type") === "authorization_code" && form.get("code") === opts.code) {
        return { status: 200, body: { access_token: "at-from-code", refresh_token: opts.refreshToken, expires_in: 3599, token_type: "Bearer", scope: "https://www.googleapis.com/auth/webmasters.readonly" } };
      }
      if (form.get("grant_type") === "refresh_token" && form.get("refresh_token") === opts.refreshToken && !revoked) {
        return { status: 200, body: { access_token: "at-refreshed", expires_in: 3599, token_type: "Bearer" } };
      }
      return { status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } };
    }
    if (!/^Bearer at-/.test(String(req.headers.authorization))) return { status: 401, body: { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } } };
    if (req.path === "/webmasters/v3/sites" && req.method === "GET") {
      return { status: 200, body: { siteEntry: (opts.sites ?? []).map((siteUrl) => ({ siteUrl, permissionLevel: "siteOwner" })) } };
    }
    const m = /^\/webmasters\/v3\/sites\/(.+)\/searchAnalytics\/query$/.exec(req.path);
    if (m && req.method === "POST") {
      const q = JSON.parse(req.body) as { startDate: string; endDate: string; rowLimit: number; startRow?: number };
      const inRange = rows.filter((r) => r.date >= q.startDate && r.date <= q.endDate);
      const page = inRange.slice(q.startRow ?? 0, (q.startRow ?? 0) + q.rowLimit);
      return {
        status: 200,
        body: { rows: page.map((r) => ({ keys: [r.date, r.query, r.page], clicks: r.clicks, impressions: r.impressions, ctr: r.clicks / r.impressions, position: r.position })), responseAggregationType: "byPage" },
      };
    }
    return opts.api?.(req) ?? { status: 404, body: { error: { code: 404, message: "Not found" } } };
  });
  return { ...server, rows, revoke: () => (revoked = true), queries: () => server.seen.filter((r) => r.path.endsWith("/searchAnalytics/query")) };
}
