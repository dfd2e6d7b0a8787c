// @trailmark/node, built, against the real /api/v1: generated from the
// server's OpenAPI document (so it cannot drift), typed answers, idempotent
// payments, helpful errors, and retries that honour Retry-After.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { useV1 } from "../helpers/api-v1";
import { eventually } from "../helpers/eventually";
import { buildPackages, importBuilt, root } from "../helpers/packages";
import { expectAccepted, postTrack, UA } from "../helpers/track";
// @ts-expect-error plain ESM generator script
import { GENERATED, generateClientTypes } from "../../packages/node/scripts/generate.mjs";

// Types from the source (no build needed to typecheck), the code from the build.
type Sdk = typeof import("../../packages/node/src/index");
let sdk: Sdk;
// Each key has its own budget: the burst below gets a key of its own.
const ctx = useV1("sdknode", { TRAILMARK_API_RATE_LIMIT: "20" });
beforeAll(async () => {
  buildPackages();
  sdk = await importBuilt("@trailmark/node");
});

const client = (key = ctx.a.key, opts: Partial<ConstructorParameters<Sdk["Trailmark"]>[0]> = {}) => new sdk.Trailmark({ apiKey: key, host: ctx.app.url, ...opts });

/** A visitor the website has seen (a pageview through /api/track), once it is stored. */
async function visitor(domain = ctx.a.domain, websiteId = ctx.a.id): Promise<string> {
  const visitorId = `v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  await expectAccepted(await postTrack(ctx.app.url, { type: "pageview", websiteId, url: `https://${domain}/`, visitorId }, { "user-agent": UA.chromeWindows }));
  await eventually(async () => expect((await client().visitors.get(visitorId)).visitorId).toBe(visitorId));
  return visitorId;
}

describe("generated from the API's OpenAPI document", () => {
  it("matches the committed src/generated.ts, from the code and from the running server", async () => {
    const committed = readFileSync(GENERATED, "utf8");
    // Stale: run `npm run generate -w @trailmark/node -- <your server>/api/v1/openapi.json`.
    expect(generateClientTypes(buildOpenApiDocument())).toBe(committed);
    const served = await (await fetch(`${ctx.app.url}/api/v1/openapi.json`)).json();
    expect(generateClientTypes(served)).toBe(committed);
  });

  it("runs on fetch alone: the build imports nothing and uses no Node-only global", () => {
    const dist = path.join(root, "packages/node/dist");
    for (const file of ["index.js", "client.js", "errors.js", "generated.js"]) {
      const code = readFileSync(path.join(dist, file), "utf8");
      const specifiers = [...code.matchAll(/^(?:import|export)\s*(?:type\s*)?(?:\{[^}]*\}|\*(?:\s*as\s+\w+)?|\w+)\s*from\s*"([^"]+)"/gm)].map((m) => m[1]);
      expect(specifiers.length, file).toBeGreaterThanOrEqual(file === "index.js" ? 3 : 0);
      for (const spec of specifiers) expect(spec, file).toMatch(/^\.\/\w+\.js$/);
      expect(code, file).not.toMatch(/\bimport\s*\(/);
      expect(code, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });
});

describe("against the API", () => {
  it("records a payment once: a repeat answers the stored payment, attributed to the visitor", async () => {
    const visitorId = await visitor();
    const tm = client();
    const payment = { transactionId: `tx_${visitorId}`, amount: 4900, currency: "usd", visitorId };
    const first = await tm.payments.record(payment);
    expect(first.created).toBe(true);
    expect(first.payment).toMatchObject({ transactionId: payment.transactionId, amount: 4900, currency: "USD", visitorId, matchedBy: "metadata" });
    const again = await tm.payments.record(payment);
    expect(again).toEqual({ created: false, payment: first.payment });
    expect((await tm.visitors.get(visitorId)).money).toMatchObject({ paymentCount: 1, netRevenue: 4900 });
    await tm.payments.delete(payment.transactionId);
    expect((await tm.visitors.get(visitorId)).money).toMatchObject({ paymentCount: 0 });
  });

  it("records goals and identities, reads visitors page by page, stats, realtime and the export", async () => {
    const tm = client();
    const visitorId = await visitor();
    expect(await tm.goals.record({ visitorId, name: "signup", props: { plan: "pro" } })).toMatchObject({ goal: { name: "signup", visitorId } });
    expect(await tm.identify({ visitorId, userId: "user_77", metadata: { seats: 3 } })).toMatchObject({ visitorId, profile: { userId: "user_77" } });
    const seen: string[] = [];
    for await (const v of tm.visitors.all({ limit: 1 })) seen.push(v.visitorId);
    expect(seen).toContain(visitorId);
    expect(new Set(seen).size).toBe(seen.length);
    const overview = await tm.stats.overview({ period: "7d" });
    expect(overview.visitors).toBeGreaterThanOrEqual(1);
    expect(overview.currency).toMatch(/^[A-Z]{3}$/);
    const rows = (await tm.stats.breakdown({ dimension: "page", filter: ["page:is:/"] })).rows;
    expect(rows.map((r) => r.value)).toEqual(["/"]);
    expect((await tm.stats.timeseries({ interval: "day", period: "7d" })).points.length).toBeGreaterThanOrEqual(7);
    expect((await tm.realtime()).activeVisitors).toBeGreaterThanOrEqual(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await tm.export({ from: today, to: today })).split("\n")[0]).toMatch(/^type,/);
  });

  it("throws TrailmarkError with the API's code and a message that says what to fix", async () => {
    const tm = client();
    const err = (p: Promise<unknown>) => p.then(() => expect.fail("resolved"), (e: InstanceType<Sdk["TrailmarkError"]>) => e);
    const unauthorized = await err(client("tm_not_a_key").stats.overview());
    expect(unauthorized).toBeInstanceOf(sdk.TrailmarkError);
    expect(unauthorized).toMatchObject({ status: 401, code: "unauthorized", request: "GET /api/v1/stats/overview", attempts: 1 });
    expect(unauthorized.message).toContain("Settings → API keys");
    const unknown = await err(tm.goals.record({ visitorId: "never_seen_here", name: "x" }));
    expect(unknown).toMatchObject({ status: 404, code: "visitor_not_found" });
    const invalid = await err(tm.payments.record({ transactionId: "t", amount: 1.5, currency: "usd" }));
    expect(invalid).toMatchObject({ status: 400, code: "invalid_input" });
    expect(invalid.message).toMatch(/^POST \/api\/v1\/payments answered 400 invalid_input: amount/);
    await tm.payments.record({ transactionId: "tx_conflict", amount: 100, currency: "usd" });
    expect(await err(tm.payments.record({ transactionId: "tx_conflict", amount: 200, currency: "usd" }))).toMatchObject({
      status: 409,
      code: "transaction_conflict",
      message: "POST /api/v1/payments answered 409 transaction_conflict: Transaction tx_conflict is already recorded as 100 USD; delete it first to record it differently",
    });
    const wrongHost = await err(new sdk.Trailmark({ apiKey: "tm_x", host: `${ctx.app.url}/dashboard` }).realtime());
    expect(wrongHost).toMatchObject({ status: 404, code: "invalid_response" });
    expect(wrongHost.message).toContain("is host the address of your Trailmark deployment?");
    expect(() => new sdk.Trailmark({ apiKey: "", host: ctx.app.url })).toThrow("apiKey is required");
    await expect(tm.api.call("getVisitors", { query: { colour: "red" } as never })).rejects.toThrow("takes no query parameter colour");
  });

  it("waits out 429s for as long as Retry-After says, so a burst past the rate limit still completes", async () => {
    const { createKey } = await import("../helpers/api-v1");
    const { key } = await createKey(ctx.owner, ctx.b.id);
    const statuses: number[] = [];
    const counting: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      statuses.push(res.status);
      return res;
    };
    const tm = client(key, { fetch: counting, maxRetries: 5 });
    // 20 requests a minute: a burst of 22 has two refused, each told to come back in 3 s.
    const answers = await Promise.all(Array.from({ length: 22 }, () => tm.realtime()));
    expect(answers).toHaveLength(22);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(22);
  });
});
