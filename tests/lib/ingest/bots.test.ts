import { describe, expect, it } from "vitest";
import { isBotRequest } from "@/lib/ingest/bots";
import { BOTS, HUMANS } from "./fixtures/user-agents";

describe("isBotRequest", () => {
  it.each(BOTS.map((b) => [b.label, b.ua] as const))("drops %s", (_label, ua) => {
    expect(isBotRequest(ua)).toBe(true);
  });

  it.each(HUMANS.map((h) => [h.label, h.ua] as const))("keeps %s", (_label, ua) => {
    expect(isBotRequest(ua)).toBe(false);
  });

  it("drops a missing, empty or stub user agent", () => {
    expect(isBotRequest(undefined)).toBe(true);
    expect(isBotRequest(null)).toBe(true);
    expect(isBotRequest("")).toBe(true);
    expect(isBotRequest("   ")).toBe(true);
    expect(isBotRequest("-")).toBe(true);
    expect(isBotRequest("Mozilla/5.0")).toBe(true);
  });

  it("drops headless Chrome that disguised its user agent but not its client hints", () => {
    const ua = HUMANS[0].ua;
    const brands = '"HeadlessChrome";v="124", "Chromium";v="124", "Not-A.Brand";v="99"';
    expect(isBotRequest(ua, new Headers({ "sec-ch-ua": brands }))).toBe(true);
    expect(isBotRequest(ua, { "Sec-CH-UA": brands })).toBe(true);
  });

  it("keeps real Chrome with its usual client hints", () => {
    const headers = new Headers({ "sec-ch-ua": '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"', "sec-ch-ua-mobile": "?0" });
    expect(isBotRequest(HUMANS[0].ua, headers)).toBe(false);
  });
});
