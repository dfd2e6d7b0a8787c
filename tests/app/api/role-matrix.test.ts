// Every dashboard page and every site or team API route, called as each role
// of the team and as a stranger: allowed for the roles the action needs, 403
// for a member below it, 404 for someone outside the team. Refused calls change
// nothing.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";
import { addMember, createTeam } from "../../helpers/teams";

type Role = "owner" | "admin" | "viewer";
type Caller = Role | "stranger";
// Refusals first, so an allowed destructive call never removes what a later call needs.
const CALLERS: Caller[] = ["stranger", "viewer", "admin", "owner"];
const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

let app: TestApp;
let db: mongoose.Connection;
let users: Record<Caller, Awaited<ReturnType<typeof newUser>>>;
let extra: Awaited<ReturnType<typeof newUser>>;
const ids = { team: "", doomedTeam: "", site: "", key: "", goal: "", funnel: "", share: "", invite: "" };

beforeAll(async () => {
  app = await startApp({ label: "rolematrix", env: { TRAILMARK_RATE_LIMITS: "signup-ip=100,invite-account=200,invite-ip=200" } });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  const [owner, admin, viewer, stranger] = await Promise.all(["Owner", "Admin", "Viewer", "Stranger"].map((n) => newUser(app.url, n)));
  users = { owner, admin, viewer, stranger };
  extra = await newUser(app.url, "Extra");
  for (const key of ["team", "doomedTeam"] as const) {
    const team = await createTeam(owner.client, key === "team" ? "Matrix" : "Doomed");
    ids[key] = team.id;
    await addMember(owner.client, team.id, admin, "admin");
    await addMember(owner.client, team.id, viewer, "viewer");
    await addMember(owner.client, team.id, extra, "viewer");
  }
  // The stranger is a real owner of their own team and site.
  await createSite(stranger.client, { domain: uniqueDomain("strangers") });
  ids.site = (await createSite(owner.client, { domain: uniqueDomain("matrix"), teamId: ids.team })).id;
  const invite = await owner.client.post(`/api/teams/${ids.team}/invites`, { email: "pending@example.com", role: "viewer" });
  ids.invite = ((await invite.json()) as { id: string }).id;
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

/** Resources a destructive call uses up, made again (by the owner) before each allowed call. */
const fresh = {
  key: async () => ((await (await users.owner.client.post(`/api/websites/${ids.site}/api-keys`, { name: "k" })).json()) as { id: string }).id,
  goal: async () => ((await (await users.owner.client.post(`/api/websites/${ids.site}/goals`, { name: `g${Math.random()}`, eventName: "signup" })).json()) as { goal: { id: string } }).goal.id,
  funnel: async () =>
    ((await (await users.owner.client.post(`/api/websites/${ids.site}/funnels`, { name: `f${Math.random()}`, steps: [{ type: "page", value: "/" }, { type: "page", value: "/pricing" }] })).json()) as { funnel: { id: string } }).funnel.id,
  share: async () => ((await (await users.owner.client.post(`/api/websites/${ids.site}/shares`, {})).json()) as { id: string }).id,
  site: async () => (await createSite(users.owner.client, { domain: uniqueDomain("doomed"), teamId: ids.team })).id,
  // A visit as ingest stores it: enough for the erasure to find the visitor.
  visitor: async () => {
    const visitorId = `v${Math.random().toString(36).slice(2)}`;
    await db.collection("sessions").insertOne({ _id: `${ids.site}:s-${visitorId}` as never, websiteId: new mongoose.Types.ObjectId(ids.site), sessionId: `s-${visitorId}`, visitorId, startedAt: new Date(), lastSeenAt: new Date() });
    return visitorId;
  },
};

type Route = {
  label: string;
  method: string;
  path: (x: { site: string; team: string; made?: string }) => string;
  body?: unknown;
  needs: Role;
  /** The answer when allowed. */
  ok: number;
  /** For a destructive call: makes the thing it removes, before each allowed call. */
  make?: () => Promise<string>;
  /** The route is under /api/teams/{id}: the team, not the site, is checked. */
  team?: "team" | "doomedTeam";
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const w = (rest: string) => ({ site }: { site: string }) => `/api/websites/${site}${rest}`;
const routes: Route[] = [
  { label: "GET website", method: "GET", path: w(""), needs: "viewer", ok: 200 },
  { label: "PATCH website", method: "PATCH", path: w(""), body: { name: "Renamed" }, needs: "admin", ok: 200 },
  { label: "DELETE website", method: "DELETE", path: ({ made }) => `/api/websites/${made}`, needs: "admin", ok: 204, make: fresh.site },
  { label: "GET stats/overview", method: "GET", path: w("/stats/overview?period=7d"), needs: "viewer", ok: 200 },
  { label: "GET stats/timeseries", method: "GET", path: w("/stats/timeseries?period=7d"), needs: "viewer", ok: 200 },
  { label: "GET stats/breakdown", method: "GET", path: w("/stats/breakdown?period=7d&dimension=country"), needs: "viewer", ok: 200 },
  { label: "GET stats/dashboard", method: "GET", path: w(`/stats/dashboard?part=${encodeURIComponent("overview?period=7d")}&part=breakdown`), needs: "viewer", ok: 200 },
  { label: "GET markers", method: "GET", path: w("/markers?period=7d"), needs: "viewer", ok: 200 },
  { label: "GET realtime", method: "GET", path: w("/realtime"), needs: "viewer", ok: 200 },
  { label: "GET export", method: "GET", path: w(`/export?type=pageviews&from=${day(-7)}&to=${day(0)}`), needs: "viewer", ok: 200 },
  { label: "GET export zip", method: "GET", path: w("/export?format=zip"), needs: "viewer", ok: 200 },
  { label: "DELETE visitor", method: "DELETE", path: ({ site, made }) => `/api/websites/${site}/visitors/${made}`, needs: "admin", ok: 204, make: fresh.visitor },
  { label: "GET keywords", method: "GET", path: w("/keywords"), needs: "viewer", ok: 200 },
  { label: "GET goals", method: "GET", path: w("/goals"), needs: "viewer", ok: 200 },
  { label: "POST goals", method: "POST", path: w("/goals"), body: () => ({ name: `goal-${Math.random()}`, eventName: "signup" }), needs: "admin", ok: 201 },
  { label: "DELETE goal", method: "DELETE", path: ({ site, made }) => `/api/websites/${site}/goals/${made}`, needs: "admin", ok: 204, make: fresh.goal },
  { label: "GET funnels", method: "GET", path: w("/funnels"), needs: "viewer", ok: 200 },
  { label: "POST funnels", method: "POST", path: w("/funnels"), body: () => ({ name: `f-${Math.random()}`, steps: [{ type: "page", value: "/" }, { type: "page", value: "/a" }] }), needs: "admin", ok: 201 },
  { label: "DELETE funnel", method: "DELETE", path: ({ site, made }) => `/api/websites/${site}/funnels/${made}`, needs: "admin", ok: 204, make: fresh.funnel },
  { label: "GET api-keys", method: "GET", path: w("/api-keys"), needs: "admin", ok: 200 },
  { label: "POST api-keys", method: "POST", path: w("/api-keys"), body: { name: "matrix" }, needs: "admin", ok: 201 },
  { label: "DELETE api-key", method: "DELETE", path: ({ site, made }) => `/api/websites/${site}/api-keys/${made}`, needs: "admin", ok: 204, make: fresh.key },
  { label: "GET integrations", method: "GET", path: w("/integrations"), needs: "admin", ok: 200 },
  { label: "PATCH integrations", method: "PATCH", path: w("/integrations"), body: { github: { repos: ["acme/site"] } }, needs: "admin", ok: 200 },
  // Past the gate, these answer that nothing is set up to run or connect.
  { label: "POST integrations/x/run", method: "POST", path: w("/integrations/x/run"), needs: "admin", ok: 409 },
  { label: "GET search-console/connect", method: "GET", path: w("/integrations/search-console/connect"), needs: "admin", ok: 409 },
  { label: "GET shares", method: "GET", path: w("/shares"), needs: "admin", ok: 200 },
  { label: "POST shares", method: "POST", path: w("/shares"), body: { label: "matrix" }, needs: "admin", ok: 201 },
  { label: "DELETE share", method: "DELETE", path: ({ site, made }) => `/api/websites/${site}/shares/${made}`, needs: "admin", ok: 204, make: fresh.share },
  { label: "GET team", method: "GET", path: ({ team }) => `/api/teams/${team}`, needs: "viewer", ok: 200, team: "team" },
  { label: "PATCH team", method: "PATCH", path: ({ team }) => `/api/teams/${team}`, body: { name: "Matrix renamed" }, needs: "owner", ok: 200, team: "team" },
  { label: "GET members", method: "GET", path: ({ team }) => `/api/teams/${team}/members`, needs: "viewer", ok: 200, team: "team" },
  { label: "PATCH member", method: "PATCH", path: ({ team }) => `/api/teams/${team}/members/${extra.id}`, body: { role: "viewer" }, needs: "owner", ok: 200, team: "team" },
  { label: "GET invites", method: "GET", path: ({ team }) => `/api/teams/${team}/invites`, needs: "admin", ok: 200, team: "team" },
  { label: "POST invites", method: "POST", path: ({ team }) => `/api/teams/${team}/invites`, body: { email: "newcomer@example.com", role: "viewer" }, needs: "owner", ok: 201, team: "team" },
  { label: "DELETE invite", method: "DELETE", path: ({ team }) => `/api/teams/${team}/invites/${ids.invite}`, needs: "owner", ok: 204, team: "team" },
  { label: "GET usage", method: "GET", path: ({ team }) => `/api/teams/${team}/usage`, needs: "viewer", ok: 200, team: "team" },
  { label: "GET audit", method: "GET", path: ({ team }) => `/api/teams/${team}/audit`, needs: "admin", ok: 200, team: "team" },
  { label: "DELETE member", method: "DELETE", path: ({ team }) => `/api/teams/${team}/members/${extra.id}`, needs: "owner", ok: 204, team: "doomedTeam" },
  { label: "DELETE team", method: "DELETE", path: ({ team }) => `/api/teams/${team}`, needs: "owner", ok: 204, team: "doomedTeam" },
];

/** What a refused call could have changed. */
async function snapshot() {
  const all = async (name: string) => (await db.collection(name).find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  return Promise.all(["websites", "teams", "memberships", "invites", "apikeys", "goals", "funnels", "shares", "integrations"].map(all));
}

const expected = (caller: Caller, needs: Role, ok: number) => (caller === "stranger" ? 404 : RANK[caller] >= RANK[needs] ? ok : 403);

describe("API routes", () => {
  it.each(routes)("$label: allowed from $needs up, 403 below, 404 for a stranger", async (route) => {
    for (const caller of CALLERS) {
      const want = expected(caller, route.needs, route.ok);
      // Refused callers aim at a real resource too, so their answer is the role's, not "no such thing".
      const made = route.make ? await route.make() : undefined;
      const path = route.path({ site: ids.site, team: ids[route.team ?? "team"], made });
      const body = typeof route.body === "function" ? (route.body as () => unknown)() : route.body;
      const before = want === route.ok ? null : await snapshot();
      const res = await users[caller].client.request(route.method, path, body);
      if (want === 403) await expectApiError(res, 403, "forbidden");
      else if (want === 404) await expectApiError(res, 404, "not_found");
      else {
        expect(res.status, `${caller} ${route.method} ${path}: ${res.headers.get("content-type")?.includes("event-stream") ? "" : await res.clone().text()}`).toBe(want);
        await res.body?.cancel();
      }
      if (before) expect(await snapshot(), `${caller} ${route.label} changed something`).toEqual(before);
    }
  });
});

type Page = { label: string; path: () => string; needs: Role };
const pages: Page[] = [
  ...["", "/goals", "/funnels", "/revenue", "/realtime", "/keywords", "/visitors/some-visitor"].map((p) => ({ label: `/dashboard/{id}${p}`, path: () => `/dashboard/${ids.site}${p}`, needs: "viewer" as const })),
  { label: "/dashboard/{id}/settings", path: () => `/dashboard/${ids.site}/settings`, needs: "admin" },
  { label: "/dashboard/{id}/proxy", path: () => `/dashboard/${ids.site}/proxy`, needs: "admin" },
  { label: "/team/{id}", path: () => `/team/${ids.team}`, needs: "viewer" },
];

// A page's answer is its status and the page it renders: the site's own, "You don't have access", or "Page not found".
describe("dashboard pages", () => {
  it.each(pages)("$label: shown from $needs up, the 403 page below, the 404 page for a stranger", async (page) => {
    for (const caller of CALLERS) {
      const want = expected(caller, page.needs, 200);
      const res = await users[caller].client.get(page.path());
      const raw = await res.text();
      expect(res.status, `${caller} ${page.label}`).toBe(want);
      // The error pages are rendered from the RSC payload (which also carries every fallback
      // page's template): a shown page's own HTML, without scripts, must not be one of them.
      if (want === 200) expect(raw.replace(/<script[\s\S]*?<\/script>/g, "")).not.toMatch(/__next_error__|Site not found|Page not found|have access to this page/);
      if (want === 403) expect(raw).toContain("have access to this page");
      if (want === 404) expect(raw).toMatch(/Site not found|Page not found/);
    }
  });
});
