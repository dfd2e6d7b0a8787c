import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isPublicIp, lookupGeo, resetGeo } from "@/lib/ingest/geo";
import { buildMmdb } from "./fixtures/mmdb-writer";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetGeo();
});

describe("lookupGeo with the bundled GeoLite2 data (@ip-location-db)", () => {
  beforeEach(() => {
    vi.stubEnv("MAXMIND_DB_PATH", "");
    resetGeo();
  });

  it.each([
    ["8.8.8.8", "US"],
    ["81.2.69.142", "GB"],
    ["89.160.20.112", "SE"],
    ["175.16.199.1", "CN"],
    ["217.65.48.1", "GI"],
    ["2001:4860:4860::8888", "US"],
    ["2a00:1450:4001:81c::200e", "DE"],
    ["::ffff:81.2.69.142", "GB"],
  ])("places %s in %s", (ip, country) => {
    expect(lookupGeo(ip).country).toBe(country);
  });

  it("reads region and city from the flat ip-location-db record", () => {
    expect(lookupGeo("81.2.69.142")).toMatchObject({ country: "GB", region: "England" });
    expect(lookupGeo("216.160.83.56")).toMatchObject({ country: "US", region: "Washington", city: "Tacoma" });
    expect(lookupGeo("2a00:1450:4001:81c::200e")).toMatchObject({ country: "DE", region: "Hesse", city: "Frankfurt am Main" });
  });

  it("leaves out fields the database does not know rather than storing empty strings", () => {
    const geo = lookupGeo("8.8.8.8");
    expect(geo).toEqual({ country: "US" });
  });

  it("returns {} for an address the database does not place", () => {
    expect(lookupGeo("1.1.1.1")).toEqual({}); // Cloudflare anycast: no country in GeoLite2
  });

  it.each(["10.0.0.1", "172.16.5.4", "192.168.1.10", "127.0.0.1", "100.64.0.1", "169.254.1.1", "0.0.0.0", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "2001:db8::1", "::ffff:192.168.0.1", "garbage", "", null, undefined])(
    "returns {} for private, reserved or invalid %j",
    (ip) => {
      expect(lookupGeo(ip)).toEqual({});
    },
  );
});

describe("isPublicIp", () => {
  it.each([
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["10.1.2.3", false],
    ["::1", false],
    ["not-an-ip", false],
  ])("%s -> %s", (ip, expected) => {
    expect(isPublicIp(ip)).toBe(expected);
  });
});

describe("lookupGeo with a MaxMind database (MAXMIND_DB_PATH)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "trailmark-geo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const london = {
    country: { iso_code: "GB", geoname_id: 2635167, names: { en: "United Kingdom", de: "Vereinigtes Königreich" } },
    registered_country: { iso_code: "GB", geoname_id: 2635167, names: { en: "United Kingdom" } },
    subdivisions: [{ iso_code: "ENG", geoname_id: 6269131, names: { en: "England" } }],
    city: { geoname_id: 2643743, names: { en: "London" } },
    location: { latitude: 51.5142, longitude: -0.0931, accuracy_radius: 10, time_zone: "Europe/London" },
  };
  const cityDb = path.join(dir, "GeoLite2-City.mmdb");
  writeFileSync(
    cityDb,
    buildMmdb("GeoLite2-City", [
      { cidr: "81.2.69.0/24", record: london },
      { cidr: "8.8.8.0/24", record: { country: { iso_code: "US", geoname_id: 6252001, names: { en: "United States" } } } },
      { cidr: "2a02:cf40::/29", record: { country: { iso_code: "NO", names: { en: "Norway" } }, city: { names: { en: "Oslo" } } } },
    ]),
  );
  const countryDb = path.join(dir, "GeoLite2-Country.mmdb");
  writeFileSync(countryDb, buildMmdb("GeoLite2-Country", [{ cidr: "81.2.69.0/24", record: { country: london.country } }]));

  it("reads the GeoIP2 City schema: country.iso_code, subdivisions[0], city", () => {
    vi.stubEnv("MAXMIND_DB_PATH", cityDb);
    resetGeo();
    expect(lookupGeo("81.2.69.142")).toEqual({ country: "GB", region: "England", city: "London" });
    expect(lookupGeo("8.8.8.8")).toEqual({ country: "US" });
    expect(lookupGeo("2a02:cf40::1")).toEqual({ country: "NO", city: "Oslo" });
  });

  it("returns {} for an address the database lacks, instead of throwing", () => {
    vi.stubEnv("MAXMIND_DB_PATH", cityDb);
    resetGeo();
    expect(lookupGeo("89.160.20.112")).toEqual({});
    expect(lookupGeo("10.0.0.1")).toEqual({});
  });

  it("works with a Country database", () => {
    vi.stubEnv("MAXMIND_DB_PATH", countryDb);
    resetGeo();
    expect(lookupGeo("81.2.69.142")).toEqual({ country: "GB" });
    expect(lookupGeo("81.2.69.143")).toEqual({ country: "GB" });
  });

  it("falls back to the bundled data when the file cannot be opened", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("MAXMIND_DB_PATH", path.join(dir, "missing.mmdb"));
    resetGeo();
    expect(lookupGeo("8.8.8.8")).toEqual({ country: "US" });
    expect(log).toHaveBeenCalledTimes(1);
  });
});
