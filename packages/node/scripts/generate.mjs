// Generates src/generated.ts (types and the operation table of the client)
// from Trailmark's OpenAPI document, so the client cannot drift from the API:
//   node scripts/generate.mjs https://your-trailmark/api/v1/openapi.json
//   node scripts/generate.mjs openapi.json
// Trailmark's own tests regenerate it from the server's document and fail
// when the committed file differs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATED = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "generated.ts");

// Component names that would shadow a global inside the module.
const RENAMED = { Error: "ErrorBody" };
const typeName = (name) => RENAMED[name] ?? name;
const pascal = (s) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c) => c.toUpperCase());
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const doc = (text, indent) => (text ? `${indent}/** ${String(text).replace(/\*\//g, "*\\/").replace(/\n+/g, ` `)} */\n` : "");

/** The TypeScript type of a JSON Schema (the subset zod's toJSONSchema writes). */
export function tsType(s, indent = "") {
  if (!s || s === true) return "unknown";
  if (s.$ref) return typeName(s.$ref.split("/").pop());
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = s.anyOf ?? s.oneOf;
  if (union) return [...new Set(union.map((m) => tsType(m, indent)))].join(" | ");
  if (Array.isArray(s.type)) return s.type.map((t) => tsType({ ...s, type: t }, indent)).join(" | ");
  switch (s.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const item = tsType(s.items, indent);
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case "object":
      return objectType(s, indent);
    default:
      return "unknown";
  }
}

function objectType(s, indent) {
  const props = Object.entries(s.properties ?? {});
  const extra = s.additionalProperties;
  if (!props.length) return extra && extra !== true ? `Record<string, ${tsType(extra, indent)}>` : "Record<string, unknown>";
  const required = new Set(s.required ?? []);
  const inner = indent + "  ";
  const lines = props.map(([k, v]) => `${doc(v.description, inner)}${inner}${key(k)}${required.has(k) ? "" : "?"}: ${tsType(v, inner)};\n`);
  return `{\n${lines.join("")}${indent}}`;
}

function paramsType(params, indent) {
  if (!params.length) return "{}";
  const inner = indent + "  ";
  const lines = params.map((p) => {
    // A repeatable query parameter (an array) also takes one value.
    const t = p.schema?.type === "array" ? `${tsType(p.schema.items, inner)} | ${tsType(p.schema, inner)}` : tsType(p.schema, inner);
    return `${doc(p.description, inner)}${inner}${key(p.name)}${p.required ? "" : "?"}: ${t};\n`;
  });
  return `{\n${lines.join("")}${indent}}`;
}

/** The response type: the first 2xx body (JSON by its schema, text otherwise), or undefined. */
function responseType(op) {
  const [, ok] = Object.entries(op.responses).filter(([status]) => /^2/.test(status)).sort(([a], [b]) => a.localeCompare(b))[0] ?? [];
  const content = ok?.content ?? {};
  const json = content["application/json"];
  if (json) return json.schema ? tsType(json.schema, "  ") : "unknown";
  return Object.keys(content).length ? "string" : "undefined";
}

export function generateClientTypes(openapi) {
  const out = [
    "// Generated from Trailmark's /api/v1/openapi.json by scripts/generate.mjs: do not edit.",
    `// ${openapi.info.title} ${openapi.info.version}`,
    "",
  ];
  for (const [name, schema] of Object.entries(openapi.components.schemas)) {
    const t = tsType(schema);
    out.push(`${doc(schema.description, "")}${t.startsWith("{") ? `export interface ${typeName(name)} ${t}` : `export type ${typeName(name)} = ${t};`}`, "");
  }
  const ops = [];
  for (const [p, methods] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const pathParams = params.filter((x) => x.in === "path");
      const query = params.filter((x) => x.in === "query");
      const base = pascal(op.operationId);
      if (pathParams.length) out.push(`export type ${base}Params = ${paramsType(pathParams, "")};`, "");
      if (query.length) out.push(`export type ${base}Query = ${paramsType(query, "")};`, "");
      const body = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({ id: op.operationId, base, method: method.toUpperCase(), path: p, summary: op.summary, pathParams, query, body, response: responseType(op), auth: !(op.security && op.security.length === 0) });
    }
  }
  out.push("/** Every operation of /api/v1: what it takes and what it answers. */", "export interface Operations {");
  for (const o of ops) {
    out.push(
      `${doc(o.summary, "  ")}  ${o.id}: {`,
      `    params: ${o.pathParams.length ? `${o.base}Params` : "{}"};`,
      `    query: ${o.query.length ? `${o.base}Query` : "{}"};`,
      `    body: ${o.body ? tsType(o.body, "    ") : "undefined"};`,
      `    response: ${o.response};`,
      "  };",
    );
  }
  out.push("}", "", "/** How each operation is called: method, path, and the query parameters it reads. */", "export const OPERATIONS = {");
  for (const o of ops) {
    out.push(`  ${o.id}: { method: "${o.method}", path: "${o.path}", query: [${o.query.map((q) => JSON.stringify(q.name)).join(", ")}], auth: ${o.auth} },`);
  }
  out.push("} as const;", "");
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: node scripts/generate.mjs <url or file of /api/v1/openapi.json>");
    process.exit(2);
  }
  const text = /^https?:/.test(source) ? await (await fetch(source)).text() : readFileSync(source, "utf8");
  writeFileSync(GENERATED, generateClientTypes(JSON.parse(text)));
  console.log(`wrote ${path.relative(process.cwd(), GENERATED)} from ${source}`);
}
