import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { parsePixelQuery, parseTrackBody, TrackInputError } from "@/lib/ingest/parse";

const WEBSITE = "65f1c0ffee0123456789abcd";
const body = (o: Record<string, unknown>) => JSON.stringify({ type: "pageview", websiteId: WEBSITE, url: "https://example.com/pricing", ...o });

function errorOf(fn: () => unknown): TrackInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TrackInputError) return err;
    throw err;
  }
  throw new Error("expected a TrackInputError");
}

describe("parseTrackBody", () => {
  it("accepts the tracker's pageview and normalises it", () => {
    const e = parseTrackBody(
      JSON.stringify({
        type: "pageview",
        websiteId: WEBSITE.toUpperCase(),
        url: "https://example.com/blog/post?utm_source=hn",
        referrer: "https://news.ycombinator.com/",
        title: "  A post  ",
        visitorId: "v_8f3kd92-AB",
        sessionId: "s-1",
        screen: "1920x1080",
        language: "en-US",
      }),
    );
    expect(e).toEqual({
      type: "pageview",
      websiteId: WEBSITE,
      url: "https://example.com/blog/post?utm_source=hn",
      referrer: "https://news.ycombinator.com/",
      title: "A post",
      visitorId: "v_8f3kd92-AB",
      sessionId: "s-1",
      screen: "1920x1080",
      language: "en-US",
    });
  });

  it("treats null and empty optional fields as absent", () => {
    const e = parseTrackBody(body({ referrer: "", title: null, visitorId: null, props: null, screen: null }));
    expect(e).toEqual({ type: "pageview", websiteId: WEBSITE, url: "https://example.com/pricing" });
    expect(Object.keys(e)).not.toContain("referrer");
  });

  it("turns goal props into stored key/value pairs, stringifying numbers and booleans", () => {
    const e = parseTrackBody(body({ type: "goal", name: "Signup", props: { plan: "pro", seats: 3, trial: true, "$ref.x": "a", coupon: null } }));
    expect(e.name).toBe("Signup");
    expect(e.props).toEqual([
      { k: "plan", v: "pro" },
      { k: "seats", v: "3" },
      { k: "trial", v: "true" },
      { k: "$ref.x", v: "a" },
    ]);
  });

  it("requires a name for a goal, a depth for a scroll and an id for identify", () => {
    expect(errorOf(() => parseTrackBody(body({ type: "goal" }))).message).toMatch(/^name: /);
    expect(errorOf(() => parseTrackBody(body({ type: "goal", name: "   " }))).message).toMatch(/^name: /);
    expect(errorOf(() => parseTrackBody(body({ type: "scroll" }))).message).toMatch(/^scrollDepth: /);
    expect(errorOf(() => parseTrackBody(body({ type: "identify" }))).message).toMatch(/userId/);
    expect(parseTrackBody(body({ type: "identify", email: " Ada@Example.COM " })).email).toBe("ada@example.com");
    expect(parseTrackBody(body({ type: "identify", userId: "user_42", name: "Ada" }))).toMatchObject({ userId: "user_42", name: "Ada" });
  });

  it("rounds scroll depth, caps an overscrolled page at 100 and refuses nonsense", () => {
    expect(parseTrackBody(body({ type: "scroll", scrollDepth: 74.6 })).scrollDepth).toBe(75);
    expect(parseTrackBody(body({ type: "scroll", scrollDepth: 0 })).scrollDepth).toBe(0);
    expect(parseTrackBody(body({ type: "scroll", scrollDepth: 112 })).scrollDepth).toBe(100);
    expect(errorOf(() => parseTrackBody(body({ type: "scroll", scrollDepth: 201 }))).code).toBe("invalid_input");
    expect(errorOf(() => parseTrackBody(body({ type: "scroll", scrollDepth: -1 }))).code).toBe("invalid_input");
    expect(errorOf(() => parseTrackBody(body({ type: "scroll", scrollDepth: "50" }))).code).toBe("invalid_input");
  });

  it("takes a page's web vitals: whole milliseconds, CLS to 4 decimals, unknown metrics left out", () => {
    const e = parseTrackBody(body({ type: "vitals", vitals: { lcp: 1834.7, inp: 96.2, cls: 0.123456, ttfb: 201.4, fcp: 900 } }));
    expect(e).toMatchObject({ type: "vitals", vitals: { lcp: 1835, inp: 96, cls: 0.1235, ttfb: 201 } });
    expect(Object.keys(e.vitals!)).toEqual(["lcp", "inp", "cls", "ttfb"]);
    // INP needs an interaction and LCP a paint: what was not measured is absent.
    expect(parseTrackBody(body({ type: "vitals", vitals: { ttfb: 0, cls: null } })).vitals).toEqual({ ttfb: 0 });
  });

  it.each([
    ["no vitals", { type: "vitals" }, "vitals: is required for a vitals event"],
    ["no known metric", { type: "vitals", vitals: { fcp: 900 } }, "vitals: needs at least one of lcp, inp, cls, ttfb"],
    ["a negative LCP", { type: "vitals", vitals: { lcp: -1 } }, "vitals.lcp: "],
    ["an INP as a string", { type: "vitals", vitals: { inp: "96" } }, "vitals.inp: "],
    ["an hour-long TTFB", { type: "vitals", vitals: { ttfb: 3_600_001 } }, "vitals.ttfb: "],
    ["a CLS over 10", { type: "vitals", vitals: { cls: 10.5 } }, "vitals.cls: "],
    ["vitals as an array", { type: "vitals", vitals: [1, 2] }, "vitals: "],
    ["vitals on a pageview", { type: "pageview", vitals: { lcp: 1000 } }, "vitals: only a vitals event carries vitals"],
  ])("refuses a vitals event with %s", (_what, fields, message) => {
    const err = errorOf(() => parseTrackBody(body(fields)));
    expect(err.code).toBe("invalid_input");
    expect(err.message.startsWith(message)).toBe(true);
  });

  it.each([
    ["a non-JSON body", "type=pageview", "invalid_json"],
    ["a truncated body", '{"type":"pageview",', "invalid_json"],
    ["an empty body", "", "invalid_json"],
    ["an array", "[]", "invalid_input"],
    ["null", "null", "invalid_input"],
    ["a string", '"pageview"', "invalid_input"],
  ])("rejects %s with %s", (_what, text, code) => {
    const err = errorOf(() => parseTrackBody(text));
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
    expect(err).toBeInstanceOf(ApiError);
  });

  it.each([
    ["an unknown type", { type: "click" }, "type"],
    ["a missing website id", { websiteId: undefined }, "websiteId"],
    ["a short website id", { websiteId: "abc123" }, "websiteId"],
    ["a non-hex website id", { websiteId: "zzzzzzzzzzzzzzzzzzzzzzzz" }, "websiteId"],
    ["a relative URL", { url: "/pricing" }, "url"],
    ["a javascript: URL", { url: "javascript:alert(1)" }, "url"],
    ["a file: URL", { url: "file:///etc/passwd" }, "url"],
    ["an ftp URL", { url: "ftp://example.com/x" }, "url"],
    ["an overlong URL", { url: `https://example.com/${"a".repeat(2000)}` }, "url"],
    ["a visitor id with spaces", { visitorId: "a b" }, "visitorId"],
    ["a visitor id with punctuation", { visitorId: "abc;drop" }, "visitorId"],
    ["an overlong session id", { sessionId: "a".repeat(65) }, "sessionId"],
    ["an overlong goal name", { type: "goal", name: "n".repeat(121) }, "name"],
    ["too many props", { type: "goal", name: "x", props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }, "props"],
    ["an overlong prop key", { type: "goal", name: "x", props: { ["k".repeat(65)]: 1 } }, "props"],
    ["an overlong prop value", { type: "goal", name: "x", props: { k: "v".repeat(256) } }, "props"],
    ["a nested prop value", { type: "goal", name: "x", props: { k: { nested: true } } }, "props"],
    ["props as an array", { type: "goal", name: "x", props: ["a"] }, "props"],
    ["a prop key __proto__ (JSON.parse makes it an own key)", { type: "goal", name: "x", props: { ["__proto__"]: "polluted", plan: "pro" } }, "props"],
    ["an invalid email", { type: "identify", email: "not-an-email" }, "email"],
  ])("rejects %s", (_what, fields, path) => {
    const err = errorOf(() => parseTrackBody(body(fields)));
    expect(err.code).toBe("invalid_input");
    expect(err.message.startsWith(`${path}`)).toBe(true);
  });

  it("accepts the limits themselves", () => {
    const url = `https://example.com/${"a".repeat(2000 - "https://example.com/".length)}`;
    const props = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${"k".repeat(62)}${i.toString().padStart(2, "0")}`, "v".repeat(255)]));
    const e = parseTrackBody(body({ type: "goal", url, name: "n".repeat(120), props, visitorId: "a".repeat(64) }));
    expect(e.url).toHaveLength(2000);
    expect(e.props).toHaveLength(20);
  });

  it("cuts an overlong title instead of losing the pageview", () => {
    expect(parseTrackBody(body({ title: "t".repeat(800) })).title).toHaveLength(500);
  });

  it("refuses a referrer over 2,000 characters, as the contract says, and keeps one of exactly 2,000", () => {
    const at = (n: number) => `https://google.com/${"q".repeat(n - 19)}`;
    expect(parseTrackBody(body({ referrer: at(2000) })).referrer).toHaveLength(2000);
    expect(() => parseTrackBody(body({ referrer: at(2001) }))).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });

  it("drops malformed cosmetic hints (screen, language) without rejecting the event", () => {
    expect(parseTrackBody(body({ screen: 390 })).screen).toBe("390");
    expect(parseTrackBody(body({ screen: "390x844" })).screen).toBe("390x844");
    const e = parseTrackBody(body({ screen: "<script>", language: "not a language tag at all" }));
    expect(e.screen).toBeUndefined();
    expect(e.language).toBeUndefined();
    expect(parseTrackBody(body({ language: "zh-Hant-TW" })).language).toBe("zh-Hant-TW");
  });

  it("ignores unknown fields, so an older server accepts a newer tracker", () => {
    const e = parseTrackBody(body({ tz: "Europe/Paris", v: 2 }));
    expect(e).not.toHaveProperty("tz");
  });
});

describe("parsePixelQuery", () => {
  const q = (o: Record<string, string>) => new URLSearchParams(o);

  it("reads ?w=&u=&r=&t=&n= and defaults to a pageview", () => {
    expect(parsePixelQuery(q({ w: WEBSITE, u: "https://example.com/", r: "https://www.google.com/" }))).toEqual({
      type: "pageview",
      websiteId: WEBSITE,
      url: "https://example.com/",
      referrer: "https://www.google.com/",
    });
    expect(parsePixelQuery(q({ w: WEBSITE, u: "https://example.com/thanks", t: "goal", n: "Purchase" }))).toEqual({
      type: "goal",
      websiteId: WEBSITE,
      url: "https://example.com/thanks",
      name: "Purchase",
    });
  });

  it("parses what URLSearchParams decoded from a real query string", () => {
    const params = new URL(`https://t.example/api/track?w=${WEBSITE}&u=https%3A%2F%2Fexample.com%2Fa%3Fx%3D1&r=`).searchParams;
    expect(parsePixelQuery(params)).toEqual({ type: "pageview", websiteId: WEBSITE, url: "https://example.com/a?x=1" });
  });

  it.each([
    ["no website", { u: "https://example.com/" }],
    ["no url", { w: WEBSITE }],
    ["a scroll", { w: WEBSITE, u: "https://example.com/", t: "scroll" }],
    ["an identify", { w: WEBSITE, u: "https://example.com/", t: "identify" }],
    ["a goal without a name", { w: WEBSITE, u: "https://example.com/", t: "goal" }],
  ])("rejects %s", (_what, params) => {
    expect(errorOf(() => parsePixelQuery(q(params))).code).toBe("invalid_input");
  });
});
