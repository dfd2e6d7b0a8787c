import { z } from "zod";
import { endpoints as allEndpoints } from "./endpoints";
import { type Endpoint, requestSchemas, responseSchemas } from "./registry";

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  // Applies to every operation that does not opt out with `security: []`.
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};
export type Parameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: JsonSchema };
export type Operation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; headers?: Record<string, JsonSchema>; content?: Record<string, { schema?: JsonSchema }> }>;
  "x-codeSamples"?: { lang: string; label: string; source: string }[];
};

const ref = (id: string) => `#/components/schemas/${id}`;

/** JSON Schema of a zod schema for use inside the document: a $ref when it is named. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = (io === "input" ? requestSchemas : responseSchemas).get(schema)?.id;
  if (id) return { $ref: ref(id) };
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function components(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [registry, io] of [[requestSchemas, "input"], [responseSchemas, "output"]] as const) {
    const { schemas } = z.toJSONSchema(registry, { io, uri: ref, unrepresentable: "any" }) as { schemas: Record<string, JsonSchema> };
    for (const [id, { $schema: _s, $id: _i, ...schema }] of Object.entries(schemas)) out[id] = schema;
  }
  return out;
}

function parameters(where: "path" | "query", shape: z.ZodObject | undefined): Parameter[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const { description, ...schema } = schemaOf(field as z.ZodType, "input");
    const required = where === "path" || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(typeof description === "string" && { description }), schema };
  });
}

const errorContent = { "application/json": { schema: { $ref: ref("Error") } } };

function curl(e: Endpoint, origin: string): string {
  let path = e.path;
  for (const [k, v] of Object.entries(e.example?.pathParams ?? {})) path = path.replace(`{${k}}`, v);
  const url = `${origin}/api/v1${path}${e.example?.query ? `?${e.example.query}` : ""}`;
  const lines = [`curl${e.method === "get" ? "" : ` -X ${e.method.toUpperCase()}`} "${url}"`];
  if (e.auth !== false) lines.push(`  -H "Authorization: Bearer $TRAILMARK_API_KEY"`);
  if (e.example?.body !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(e.example.body)}'`);
  return lines.join(" \\\n");
}

function operation(e: Endpoint, origin: string): Operation {
  const responses: Operation["responses"] = {};
  for (const [status, r] of Object.entries(e.responses)) {
    const content = r.schema ? { "application/json": { schema: schemaOf(r.schema, "output") } } : r.contentType ? { [r.contentType]: {} } : undefined;
    responses[status] = { description: r.description, ...(content && { content }) };
  }
  const errors: Record<number, string> = {};
  if (e.query || e.body || e.params) errors[400] = "Invalid input (`invalid_input`, `invalid_json`); nothing was written";
  if (e.auth !== false) errors[401] = "Missing, unknown or revoked API key (`unauthorized`)";
  Object.assign(errors, e.errors);
  for (const [status, description] of Object.entries(errors)) responses[status] = { description, content: errorContent };
  if (e.auth !== false) {
    responses["429"] = {
      description: "Rate limit reached (`rate_limited`); retry after the given seconds",
      headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
      content: errorContent,
    };
  }
  const params = [...parameters("path", e.params), ...parameters("query", e.query)];
  return {
    operationId: `${e.method}${e.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ?? "").toUpperCase())}`,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description && { description: e.description }),
    ...(e.auth === false && { security: [] }),
    ...(params.length && { parameters: params }),
    ...(e.body && { requestBody: { required: true as const, content: { "application/json": { schema: schemaOf(e.body, "input") } } } }),
    responses,
    "x-codeSamples": [{ lang: "shell", label: "curl", source: curl(e, origin) }],
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoint list and
 * the zod schemas the routes validate with. `origin` goes into the curl
 * examples and the server URL.
 */
export function buildOpenApiDocument(origin = "https://trailmark.example.com", endpoints: Endpoint[] = allEndpoints): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const e of endpoints) (paths[e.path] ??= {})[e.method] = operation(e, origin);
  return {
    openapi: "3.1.0",
    info: {
      title: "Trailmark API",
      version: "1.0.0",
      description:
        "Read visitors and write goals, identities and payments of one website. Authenticate with `Authorization: Bearer <key>` (a key is created per website in its settings and bound to it). Each key may make 600 requests per minute by default; responses carry X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (seconds until the budget is full). Errors are `{\"error\": {\"code\", \"message\"}}`.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths,
    components: { schemas: components(), securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key of the website" } } },
  };
}
