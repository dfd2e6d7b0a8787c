import { DIMENSIONS, label, type Dimension } from "./dimensions";

export const FILTER_OPS = ["is", "is_not", "contains"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type Filter = { dimension: Dimension; op: FilterOp; value: string };

/**
 * `dimension:op:value`; the value is everything after the second colon, so a
 * page such as `/a:b` or a referrer with a port survives.
 */
export function parseFilter(raw: string): Filter | string {
  const first = raw.indexOf(":");
  const second = first < 0 ? -1 : raw.indexOf(":", first + 1);
  if (second < 0) return "must be `dimension:op:value`";
  const dimension = raw.slice(0, first) as Dimension;
  const op = raw.slice(first + 1, second) as FilterOp;
  const value = raw.slice(second + 1);
  if (!DIMENSIONS.includes(dimension)) return `unknown dimension \`${dimension}\` (one of ${DIMENSIONS.join(", ")})`;
  if (!FILTER_OPS.includes(op)) return `unknown operator \`${op}\` (one of ${FILTER_OPS.join(", ")})`;
  if (!value) return "needs a value after `dimension:op:`";
  return { dimension, op, value };
}

/** Tests one value (already labelled: missing is "(none)"). `contains` ignores case, like the peers' search boxes. */
export function matches(f: Filter, raw: unknown): boolean {
  const v = label(raw);
  if (f.op === "is") return v === f.value;
  if (f.op === "is_not") return v !== f.value;
  return v.toLowerCase().includes(f.value.toLowerCase());
}

/** Filters that hold when every one of them matches `get(dimension)`. */
export const matchAll = (filters: Filter[], get: (d: Dimension) => unknown) => filters.every((f) => matches(f, get(f.dimension)));
