import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type JsonSchema = Record<string, unknown>;
export type SchemaMap = Record<string, JsonSchema>;

type Field = { name: string; type: string; required: boolean; description?: string; constraints: string[] };

const resolve = (s: JsonSchema, components: SchemaMap): JsonSchema =>
  typeof s.$ref === "string" ? (components[s.$ref.split("/").pop()!] ?? {}) : s;

/** A short human type: "string | null", "integer", "object", "array of object"... */
export function typeLabel(raw: JsonSchema, components: SchemaMap): string {
  const s = resolve(raw, components);
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map((x) => typeLabel(x, components)).join(" | ");
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return `array of ${typeLabel((s.items as JsonSchema) ?? {}, components)}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") {
    return `map of ${typeLabel(s.additionalProperties as JsonSchema, components)}`;
  }
  return typeof s.type === "string" ? s.type : "any";
}

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  // zod gives every int the safe-integer range; only a narrower one is news.
  const bound = (v: unknown) => (typeof v === "number" && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
  const [min, max] = [bound(s.minimum), bound(s.maximum)];
  if (min !== undefined || max !== undefined) out.push(`${min ?? "…"}–${max ?? "…"}`);
  if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} chars`);
  if (typeof s.format === "string") out.push(s.format);
  if (typeof s.pattern === "string" && !s.format) out.push(`matches ${s.pattern}`);
  return out;
}

/** The schema's properties, nested objects (and arrays of objects) flattened to dotted names. */
export function flattenFields(raw: JsonSchema, components: SchemaMap, prefix = "", depth = 0): Field[] {
  const s = resolve(raw, components);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out: Field[] = [];
  for (const [name, rawProp] of Object.entries(props)) {
    const prop = resolve(rawProp, components);
    const full = `${prefix}${name}`;
    out.push({ name: full, type: typeLabel(rawProp, components), required: required.has(name), description: prop.description as string | undefined, constraints: constraints(prop) });
    if (depth >= 4) continue;
    const nested = Array.isArray(prop.anyOf) ? (prop.anyOf as JsonSchema[]).find((x) => resolve(x, components).type === "object") : prop;
    const items = prop.type === "array" ? (prop.items as JsonSchema) : undefined;
    if (nested && resolve(nested, components).properties) out.push(...flattenFields(nested, components, `${full}.`, depth + 1));
    else if (items && resolve(items, components).properties) out.push(...flattenFields(items, components, `${full}[].`, depth + 1));
  }
  return out;
}

/** Prose from the schemas, with `backticked` words set as code. */
export function Prose({ text }: { text?: string }) {
  if (!text) return null;
  return text.split("`").map((part, i) => (i % 2 ? <code key={i} className="rounded bg-muted px-1 font-mono text-[0.85em]">{part}</code> : part));
}

export function SchemaFields({ schema, components }: { schema: JsonSchema; components: SchemaMap }) {
  const fields = flattenFields(schema, components);
  if (!fields.length) return <p className="text-sm text-muted-foreground">{typeLabel(schema, components)}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Field</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Notes</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((f) => (
          <TableRow key={f.name}>
            <TableCell className="font-mono text-xs whitespace-nowrap">
              {f.name}
              {f.required && <span className="ml-1 text-destructive" title="required">*</span>}
            </TableCell>
            <TableCell className="font-mono text-xs text-muted-foreground">{f.type}</TableCell>
            <TableCell className="text-xs">
              <Prose text={f.description} />
              {f.constraints.length > 0 && <span className="ml-1 text-muted-foreground">({f.constraints.join(", ")})</span>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
