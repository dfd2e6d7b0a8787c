import { describe, expect, it } from "vitest";
import { apiQuery, pageQuery, parseDashState, periodLabel, withCustomRange, withFilter, withoutFilter, withPeriod } from "@/components/site/dashboard/query";

const parse = (q: string) => parseDashState(new URLSearchParams(q));

describe("parseDashState", () => {
  it("defaults to 30 days, last touch, no filters", () => {
    expect(parse("")).toEqual({ period: "30d", filters: [], model: "last_touch" });
  });

  it("reads period, repeated filters (values may hold colons), model and interval", () => {
    expect(parse("period=7d&filter=country:is:DE&filter=page:contains:/a:b&model=first_touch&interval=hour")).toEqual({
      period: "7d",
      filters: [
        { dimension: "country", op: "is", value: "DE" },
        { dimension: "page", op: "contains", value: "/a:b" },
      ],
      model: "first_touch",
      interval: "hour",
    });
  });

  it("prefers a valid custom range over a period and ignores junk", () => {
    expect(parse("period=7d&from=2026-03-01&to=2026-03-09")).toMatchObject({ period: null, from: "2026-03-01", to: "2026-03-09" });
    expect(parse("from=2026-03-09&to=2026-03-01")).toMatchObject({ period: "30d" });
    expect(parse("period=forever&filter=nope:is:x&filter=country:like:DE&interval=minute&model=x")).toEqual({ period: "30d", filters: [], model: "last_touch" });
  });

  it("reads Next's searchParams object form too", () => {
    expect(parseDashState({ period: "12mo", filter: ["device:is:mobile"] })).toMatchObject({ period: "12mo", filters: [{ dimension: "device", op: "is", value: "mobile" }] });
  });
});

describe("query strings", () => {
  it("round-trips through the page URL, leaving defaults out", () => {
    const state = parse("period=7d&filter=referrer:is:news.ycombinator.com&model=first_touch&interval=day");
    expect(pageQuery(state)).toBe("period=7d&filter=referrer%3Ais%3Anews.ycombinator.com&model=first_touch&interval=day");
    expect(parse(pageQuery(state))).toEqual(state);
    expect(pageQuery(parse(""))).toBe("");
  });

  it("gives the API the view plus extras, without the page-only interval unless asked", () => {
    const state = { ...withCustomRange(parse(""), "2026-03-09", "2026-03-01"), interval: "day" as const };
    expect(apiQuery(state, { dimension: "country", limit: 250 })).toBe("from=2026-03-01&to=2026-03-09&dimension=country&limit=250");
    expect(periodLabel(state)).toBe("2026-03-01 – 2026-03-09");
  });
});

describe("state changes", () => {
  it("a new `is` filter on a dimension replaces the old one; others stack", () => {
    let s = withFilter(parse(""), { dimension: "country", op: "is", value: "FR" });
    s = withFilter(s, { dimension: "device", op: "is", value: "mobile" });
    s = withFilter(s, { dimension: "country", op: "is", value: "DE" });
    expect(s.filters.map((f) => `${f.dimension}=${f.value}`)).toEqual(["device=mobile", "country=DE"]);
    expect(withoutFilter(s, 0).filters.map((f) => f.value)).toEqual(["DE"]);
  });

  it("a new period drops the custom range and the interval, keeps filters and model", () => {
    const s = withPeriod(parse("from=2026-03-01&interval=hour&filter=country:is:DE&model=first_touch"), "12mo");
    expect(s).toEqual({ period: "12mo", from: undefined, to: undefined, interval: undefined, filters: [{ dimension: "country", op: "is", value: "DE" }], model: "first_touch" });
    expect(periodLabel(s)).toBe("Last 12 months");
  });
});
