// The two ways a stored value is labelled for rows and filters: `labelled`
// (any expression) and `labelledColumn` (a LowCardinality column, kept
// LowCardinality so rows group by dictionary index). They must agree on every
// value, the empty one and look-alikes of it included.
import { describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { labelled, labelledColumn } from "@/lib/stats/selection";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("labels");

const VALUES = ["", "(none)", " ", "\n", "x\n", "^$", "/blog", "Direct", "none"];

describe("labelledColumn", () => {
  it("labels a LowCardinality column as labelled() does, and keeps it LowCardinality", async () => {
    const e = await engine();
    const column = `CAST(v AS LowCardinality(String))`;
    const rows = await e.query<{ v: string; plain: string; dictionary: string; type: string }>(
      `SELECT v, ${labelled(column)} AS plain, ${labelledColumn(column)} AS dictionary, toTypeName(${labelledColumn(column)}) AS type
       FROM (SELECT arrayJoin([${VALUES.map(str).join(", ")}]) AS v)`,
    );
    expect(rows.map((r) => r.v)).toEqual(VALUES);
    for (const r of rows) expect(r.dictionary, JSON.stringify(r.v)).toBe(r.plain);
    expect(rows.find((r) => r.v === "")?.dictionary).toBe("(none)");
    expect(rows.find((r) => r.v === "\n")?.dictionary).toBe("\n");
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(["LowCardinality(String)"]));
  });
});
