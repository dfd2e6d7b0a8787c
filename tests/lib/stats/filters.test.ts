import { describe, expect, it } from "vitest";
import { breakdownQuerySchema, overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { matches, parseFilter } from "@/lib/stats/filters";

describe("parseFilter", () => {
  it("keeps colons inside the value", () => {
    expect(parseFilter("page:is:/a:b")).toEqual({ dimension: "page", op: "is", value: "/a:b" });
    expect(parseFilter("referrer:contains:localhost:3000")).toEqual({ dimension: "referrer", op: "contains", value: "localhost:3000" });
  });

  it.each(["country", "country:is", "country:is:", "planet:is:Mars", "country:equals:DE"])("refuses %s", (raw) => {
    expect(typeof parseFilter(raw)).toBe("string");
  });
});

describe("matches", () => {
  it("tests is, is_not and contains, with (none) for a missing value", () => {
    expect(matches({ dimension: "country", op: "is", value: "DE" }, "DE")).toBe(true);
    expect(matches({ dimension: "country", op: "is", value: "DE" }, "FR")).toBe(false);
    expect(matches({ dimension: "country", op: "is_not", value: "DE" }, undefined)).toBe(true);
    expect(matches({ dimension: "country", op: "is_not", value: "DE" }, "DE")).toBe(false);
    expect(matches({ dimension: "referrer", op: "is", value: "(none)" }, undefined)).toBe(true);
    expect(matches({ dimension: "referrer", op: "is", value: "(none)" }, "")).toBe(true);
    expect(matches({ dimension: "page", op: "contains", value: "BLOG" }, "/blog/post")).toBe(true);
    expect(matches({ dimension: "page", op: "contains", value: "blog" }, "/about")).toBe(false);
  });
});

describe("stats query schemas", () => {
  const parse = (qs: string, schema = overviewQuerySchema) => schema.safeParse(statsParams(`http://x/?${qs}`));

  it("reads repeated filters and defaults", () => {
    const q = parse("filter=country:is:DE&filter=page:contains:/blog");
    expect(q.success && q.data).toEqual({
      filter: [{ dimension: "country", op: "is", value: "DE" }, { dimension: "page", op: "contains", value: "/blog" }],
      model: "last_touch",
    });
  });

  it.each([
    "period=week",
    "from=2026-02-30",
    "to=2026-03-01",
    "from=2026-03-02&to=2026-03-01",
    "from=2026-03-01&period=7d",
    "filter=os:like:mac",
    "model=linear",
    "from=2026-03-01T00:00:00Z",
    "unknown=1",
  ])("refuses %s", (qs) => {
    expect(parse(qs).success).toBe(false);
  });

  it("needs a known dimension and a limit in bounds for a breakdown", () => {
    expect(parse("dimension=country&limit=5", breakdownQuerySchema).success).toBe(true);
    expect(parse("limit=5", breakdownQuerySchema).success).toBe(false);
    expect(parse("dimension=colour", breakdownQuerySchema).success).toBe(false);
    expect(parse("dimension=page&limit=0", breakdownQuerySchema).success).toBe(false);
  });
});
