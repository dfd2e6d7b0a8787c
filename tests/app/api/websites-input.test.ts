// Bad input to the websites API: a JSON error, and nothing written or changed.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";

const { ObjectId } = mongoose.Types;

let app: TestApp;
let db: mongoose.Connection;
let user: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;

beforeAll(async () => {
  app = await startApp({ label: "websitesinput" });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  user = await newUser(app.url);
  site = await createSite(user.client, { domain: "existing.example.com", name: "Existing" });
  // Give the site settings and a secret, so a PATCH that wrongly resets them shows.
  const res = await user.client.patch(`/api/websites/${site.id}`, {
    settings: { excludeIps: ["192.0.2.1"], excludeCountries: ["FR"], trackScroll: true },
    paymentProviders: { stripe: { webhookSecret: "whsec_existing_secret" } },
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const websites = () => db.collection("websites");
const snapshot = () => websites().find({}).sort({ _id: 1 }).toArray();

describe("POST /api/websites with bad input", () => {
  it.each([
    ["a domain with spaces", { domain: "not a domain" }],
    ["a single-label host", { domain: "localhost" }],
    ["labels starting and ending with a hyphen", { domain: "-bad-.com" }],
    ["an empty domain", { domain: "" }],
    ["a blank domain", { domain: "   " }],
    ["an empty label", { domain: "a..b.com" }],
    ["an IP address", { domain: "192.168.1.1" }],
    ["a scheme alone", { domain: "https://" }],
    ["credentials in the URL", { domain: "https://user:pass@example.org" }],
    ["a numeric top-level label", { domain: "example.123" }],
    ["a label over 63 characters", { domain: `${"a".repeat(64)}.com` }],
  ])("rejects %s with 400 and writes nothing", async (_label, body) => {
    const before = await snapshot();
    const res = await user.client.post("/api/websites", body);
    const { error } = await expectApiError(res, 400);
    expect(["invalid_domain", "invalid_input"]).toContain(error.code);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["a missing domain", { name: "No Domain" }],
    ["an empty object", {}],
    ["a numeric domain", { domain: 12345 }],
    ["a domain list", { domain: ["example.org"] }],
    ["a null domain", { domain: null }],
    ["a numeric name", { domain: "typed.example.org", name: 5 }],
    ["a blank name", { domain: "blank-name.example.org", name: "   " }],
    ["a numeric timezone", { domain: "typed-tz.example.org", timezone: 1 }],
    ["an unknown field", { domain: "unknown.example.org", isAdmin: true }],
    ["a client-chosen owner", { domain: "owner.example.org", userId: "0123456789abcdef01234567" }],
    ["settings (not accepted on create)", { domain: "settings.example.org", settings: { cookieless: true } }],
    ["an invalid timezone", { domain: "tz.example.org", timezone: "Mars/Olympus_Mons" }],
    ["an offset instead of a timezone", { domain: "tz2.example.org", timezone: "GMT+25" }],
    ["an invalid currency", { domain: "cur.example.org", currency: "DOLLARS" }],
    ["a two-letter currency", { domain: "cur2.example.org", currency: "US" }],
    ["a JSON array body", [{ domain: "array.example.org" }]],
    ["a JSON null body", null],
    ["a JSON string body", "array.example.org"],
  ])("rejects %s with 400 invalid_input and writes nothing", async (_label, body) => {
    const before = await snapshot();
    const res = await user.client.request("POST", "/api/websites", undefined, { rawBody: JSON.stringify(body) });
    await expectApiError(res, 400, "invalid_input");
    expect(await snapshot()).toEqual(before);
  });

  it("rejects malformed JSON with 400 invalid_json and writes nothing", async () => {
    const before = await snapshot();
    const res = await user.client.request("POST", "/api/websites", undefined, { rawBody: '{"domain": "half.example.org", ' });
    await expectApiError(res, 400, "invalid_json");
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["text/plain", JSON.stringify({ domain: "plain.example.org" })],
    ["application/x-www-form-urlencoded", "domain=form.example.org"],
  ])("rejects a %s body with 415 and writes nothing", async (type, rawBody) => {
    const before = await snapshot();
    const res = await user.client.request("POST", "/api/websites", undefined, { rawBody, headers: { "content-type": type } });
    await expectApiError(res, 415);
    expect(await snapshot()).toEqual(before);
  });
});

describe("PATCH /api/websites/{id} with bad input", () => {
  const stored = () => websites().findOne({ _id: new ObjectId(site.id) });

  it.each([
    ["an invalid excludeIps entry", { settings: { excludeIps: ["not-an-ip"] } }],
    ["an out-of-range IPv4 address", { settings: { excludeIps: ["999.1.1.1"] } }],
    ["a CIDR prefix over 32 bits", { settings: { excludeIps: ["10.0.0.0/33"] } }],
    ["a CIDR with an empty prefix", { settings: { excludeIps: ["10.0.0.0/"] } }],
    ["excludeIps as a string", { settings: { excludeIps: "192.0.2.1" } }],
    ["a three-letter country", { settings: { excludeCountries: ["USA"] } }],
    ["a one-letter country", { settings: { excludeCountries: ["U"] } }],
    ["a country with a digit", { settings: { excludeCountries: ["1A"] } }],
    ["a path without a leading slash", { settings: { excludePaths: ["admin"] } }],
    ["a string for a boolean setting", { settings: { trackScroll: "yes" } }],
    ["an unknown setting", { settings: { superTracking: true } }],
    ["a numeric name", { name: 42 }],
    ["an empty name", { name: "" }],
    ["a blank name", { name: "   " }],
    ["an invalid timezone", { timezone: "Europe/Atlantis" }],
    ["an invalid currency", { currency: "XXXX" }],
    ["a domain change (not patchable)", { domain: "other.example.org" }],
    ["a new owner", { userId: "0123456789abcdef01234567" }],
    ["an unknown payment provider", { paymentProviders: { paypal: { webhookSecret: "paypal_secret_123" } } }],
    ["an unknown provider field", { paymentProviders: { stripe: { webhookSecret: "whsec_new_secret", apiKey: "sk_live" } } }],
    ["a too-short webhook secret", { paymentProviders: { stripe: { webhookSecret: "short" } } }],
    ["a numeric webhook secret", { paymentProviders: { stripe: { webhookSecret: 12345678 } } }],
    ["a valid name with an invalid setting", { name: "Should Not Stick", settings: { excludeCountries: ["USA"] } }],
    ["a valid secret with an invalid currency", { currency: "NOPE", paymentProviders: { polar: { webhookSecret: "polar_would_be_set" } } }],
    ["a JSON array body", [{ name: "Array" }]],
    ["a JSON null body", null],
  ])("rejects %s with 400 invalid_input and changes nothing", async (_label, body) => {
    const before = await stored();
    const others = await snapshot();
    const res = await user.client.request("PATCH", `/api/websites/${site.id}`, undefined, { rawBody: JSON.stringify(body) });
    await expectApiError(res, 400, "invalid_input");
    expect(await stored()).toEqual(before);
    expect(await snapshot()).toEqual(others);
  });

  it("rejects malformed JSON with 400 invalid_json and changes nothing", async () => {
    const before = await stored();
    const res = await user.client.request("PATCH", `/api/websites/${site.id}`, undefined, { rawBody: '{"name": "Half' });
    await expectApiError(res, 400, "invalid_json");
    expect(await stored()).toEqual(before);
  });

  it("rejects a non-JSON content type with 415 and changes nothing", async () => {
    const before = await stored();
    const res = await user.client.request("PATCH", `/api/websites/${site.id}`, undefined, {
      rawBody: JSON.stringify({ name: "Plain Text" }),
      headers: { "content-type": "text/plain" },
    });
    await expectApiError(res, 415);
    expect(await stored()).toEqual(before);
  });

  it("still has the site's original values after all the rejected calls", async () => {
    const res = await user.client.get(`/api/websites/${site.id}`);
    const { website } = (await res.json()) as { website: WebsiteBody };
    expect(website).toMatchObject({ name: "Existing", domain: "existing.example.com", timezone: "UTC", currency: "USD" });
    expect(website.settings).toMatchObject({ excludeIps: ["192.0.2.1"], excludeCountries: ["FR"], trackScroll: true });
    expect(website.paymentProviders.stripe.configured).toBe(true);
    expect(website.paymentProviders.polar.configured).toBe(false);
  });
});
