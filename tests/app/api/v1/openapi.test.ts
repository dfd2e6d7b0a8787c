// The OpenAPI document: served without a key, structurally sound, complete, rendered at /docs/api.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, useV1 } from "../../../helpers/api-v1";

const t = useV1("v1openapi");
type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; parameters?: { name: string; in: string }[] }>>; components: { schemas: Record<string, unknown> } };

/** Every /api/v1 route in the app, as OpenAPI paths with the methods its route.ts exports. */
function appRoutes(): string[] {
  const root = path.resolve(import.meta.dirname, "../../../../app/api/v1");
  const out: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith("route.ts")) continue;
    out.push(`/${path.dirname(entry)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\\/g, "/"));
  }
  return out.sort();
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document covering every /api/v1 route, each with a success response", async () => {
    const doc = await json<Doc>(await fetch(`${t.app.url}/api/v1/openapi.json`), 200);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(appRoutes());
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(["get", "post", "put", "patch", "delete"], `${method} ${p}`).toContain(method);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${p} has a 2xx`).toBe(true);
        for (const name of p.match(/\{(\w+)\}/g) ?? []) {
          expect(op.parameters?.some((x) => x.in === "path" && `{${x.name}}` === name), `${p} declares ${name}`).toBe(true);
        }
      }
    }
  });

  it("resolves every $ref to a component schema", async () => {
    const doc = await json<Doc>(await fetch(`${t.app.url}/api/v1/openapi.json`), 200);
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(5);
    for (const ref of all) {
      expect(ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(doc.components.schemas[ref.split("/").pop()!], ref).toBeTypeOf("object");
    }
    expect(doc.paths["/goals"].post.responses["404"]).toBeDefined();
    expect(doc.paths["/visitors"].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["from", "to", "page", "goal", "country", "device", "utm_campaign", "isCustomer", "limit", "cursor"]));
  });
});

describe("GET /docs/api", () => {
  it("renders every path with its curl example, server-side", async () => {
    const res = await fetch(`${t.app.url}/docs/api`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    for (const route of appRoutes()) expect(html).toContain(`/api/v1${route}`);
    expect(html).toContain("Authorization: Bearer $TRAILMARK_API_KEY");
    expect(html).toContain("X-RateLimit-Remaining");
    expect(html).toContain("utm_campaign");
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
  });
});
