/**
 * SQL literals for the stats engine. Values are written into the SQL text,
 * escaped here, rather than sent as server-side parameters: the embedded
 * engine and a ClickHouse server then run byte-for-byte the same statement,
 * and the escaping lives in one tested place. Every value reaching these
 * functions has been validated by a zod schema first.
 *
 * Convention for the statements: an output alias never reuses a column's name
 * (`toString(ts) AS at`, not `AS ts`): ClickHouse resolves a name to the alias
 * first, also in WHERE and inside aggregates, so a same-named alias silently
 * changes what a condition compares.
 */

/** A ClickHouse string literal: backslash and single quote are the only characters a quoted string must escape. */
export function str(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function strs(values: readonly string[]): string {
  return `[${values.map(str).join(", ")}]`;
}

/** An integer literal; refuses anything that is not a safe integer (a NaN must never reach SQL). */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return String(value);
}

/** An instant as a DateTime64(3, 'UTC') expression. */
export function at(value: Date | number): string {
  const ms = typeof value === "number" ? value : value.getTime();
  return `fromUnixTimestamp64Milli(toInt64(${int(ms)}), 'UTC')`;
}

/** An identifier (database or table name); only plain names are allowed, so nothing needs quoting. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}
