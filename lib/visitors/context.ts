import { visitContextFields } from "@/models/fields";

const CONTEXT_KEYS = Object.keys(visitContextFields) as (keyof typeof visitContextFields)[];

/** The visit-context fields of a stored session, to copy onto an event written outside ingest. */
export function visitContextOf(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CONTEXT_KEYS) if (doc[k] !== undefined && doc[k] !== null) out[k] = doc[k];
  return out;
}

/** A key/value list as the API shows it: a plain object (a later key wins). */
export const propsObject = (props: { k: string; v: string }[] | null | undefined): Record<string, string> =>
  Object.fromEntries((props ?? []).map((p) => [p.k, p.v]));

/** A stored optional string as the API shows it: null when absent. */
export const orNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
