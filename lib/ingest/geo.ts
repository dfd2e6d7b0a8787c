import { existsSync, readFileSync } from "node:fs";
import { BlockList, isIP } from "node:net";
import path from "node:path";
import { BadMethodCallError, Reader as MaxMindReader, type ReaderModel } from "@maxmind/geoip2-node";
import { Reader as MmdbReader, type Response as MmdbRecord } from "mmdb-lib";
import { normalizeIp } from "./client-ip";

export interface Geo {
  country?: string; // ISO 3166-1 alpha-2
  region?: string;
  city?: string;
}

/** A record of @ip-location-db's databases: flat fields, "" when unknown (not GeoIP2's nested shape). */
interface IpLocationRecord {
  country_code?: string;
  state1?: string;
  city?: string;
}

// Addresses no database can place: lookups would only cost time or, worse,
// match a bogus entry.
const UNROUTABLE_V4_NETS = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const;
const UNROUTABLE_V6 = new BlockList();
for (const [net, bits] of [
  ["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96], ["100::", 64],
] as const) UNROUTABLE_V6.addSubnet(net, bits, "ipv6");

/** "1.2.3.4" as an unsigned 32-bit number, or null when it is not a dotted quad. */
function ipv4Number(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (String(octet) !== part || octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

// IPv4 ranges as [first, last] address numbers, compared directly: a
// BlockList check builds a SocketAddress each time, ~15 µs of every event.
const UNROUTABLE_V4 = UNROUTABLE_V4_NETS.map(([net, bits]) => {
  const first = ipv4Number(net)!;
  return [first, first + 2 ** (32 - bits) - 1] as const;
});

export function isPublicIp(ip: string): boolean {
  const v4 = ipv4Number(ip);
  if (v4 !== null) return !UNROUTABLE_V4.some(([first, last]) => v4 >= first && v4 <= last);
  return isIP(ip) === 6 && !UNROUTABLE_V6.check(ip, "ipv6");
}

type Lookup = (ip: string, family: 4 | 6) => Geo;

// Opened on first use (the bundled files are 45 MB together) and kept for the process.
let lookup: Lookup | undefined;
let lookupFailureLogged = false;

function clean(geo: Geo): Geo {
  const out: Geo = {};
  const country = geo.country?.toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) out.country = country;
  if (geo.region) out.region = geo.region;
  if (geo.city) out.city = geo.city;
  return out;
}

function openMaxMind(file: string): Lookup {
  const reader: ReaderModel = MaxMindReader.openBuffer(readFileSync(file));
  const fromCity = (res: ReturnType<ReaderModel["city"]>): Geo => ({
    country: res.country?.isoCode,
    region: res.subdivisions?.[0]?.names.en,
    city: res.city?.names.en,
  });
  // City, Enterprise and Country databases answer different methods; the first
  // one the file accepts is remembered.
  const methods: ((ip: string) => Geo)[] = [
    (ip) => fromCity(reader.city(ip)),
    (ip) => fromCity(reader.enterprise(ip)),
    (ip) => ({ country: reader.country(ip).country?.isoCode }),
  ];
  let method: ((ip: string) => Geo) | undefined;
  return (ip) => {
    for (const candidate of method ? [method] : methods) {
      try {
        const geo = candidate(ip);
        method = candidate;
        return clean(geo);
      } catch (err) {
        if (err instanceof BadMethodCallError && !method) continue;
        return {}; // AddressNotFoundError and friends: no location, not a failure
      }
    }
    return {};
  };
}

const PACKAGE_DIR = ["node_modules", "@ip-location-db", "geolite2-city-mmdb"] as const;

/**
 * Where the bundled database lives. Found from the working directory, not
 * require.resolve: bundlers rewrite module resolution. `next start` runs from
 * the project root (the first, literal path, which Next's tracer can follow);
 * other launchers may start deeper, so the parents are tried like Node would.
 */
function bundledFile(family: 4 | 6): string {
  const name = `geolite2-city-ipv${family}.mmdb`;
  const atRoot = path.join(process.cwd(), "node_modules", "@ip-location-db", "geolite2-city-mmdb", name);
  if (existsSync(atRoot)) return atRoot;
  for (let dir = path.dirname(process.cwd()); ; dir = path.dirname(dir)) {
    const candidate = path.join(/* turbopackIgnore: true */ dir, ...PACKAGE_DIR, name);
    if (existsSync(candidate)) return candidate;
    if (dir === path.dirname(dir)) return atRoot; // not found: the open fails and says where it looked
  }
}

function openBundled(): Lookup {
  // One file per address family, each read only when first needed; a family
  // whose file cannot be read stays unlocated without costing the other one.
  const readers: { 4?: MmdbReader<MmdbRecord> | null; 6?: MmdbReader<MmdbRecord> | null } = {};
  const readerFor = (family: 4 | 6) => {
    if (readers[family] !== undefined) return readers[family];
    const file = bundledFile(family);
    try {
      // The path is already resolved above; this read must not make the tracer ship the whole project.
      readers[family] = new MmdbReader(readFileSync(/* turbopackIgnore: true */ file));
    } catch (err) {
      console.error(`[geo] cannot open ${file}; IPv${family} events are stored without location`, err);
      readers[family] = null;
    }
    return readers[family];
  };
  return (ip, family) => {
    const rec = readerFor(family)?.get(ip) as IpLocationRecord | null | undefined;
    if (!rec) return {};
    return clean({ country: rec.country_code, region: rec.state1, city: rec.city });
  };
}

function open(): Lookup {
  const maxmind = process.env.MAXMIND_DB_PATH?.trim();
  if (maxmind) {
    try {
      return openMaxMind(maxmind);
    } catch (err) {
      // A wrong path should cost precision, not every event's location.
      console.error(`[geo] cannot open the MaxMind database at ${maxmind}; using the bundled GeoLite2 data`, err);
    }
  }
  return openBundled();
}

/** Country (ISO alpha-2), region and city of a visitor's IP; `{}` when unknown or private. Never throws. */
export function lookupGeo(rawIp: string | null | undefined): Geo {
  const ip = normalizeIp(rawIp);
  if (!ip || !isPublicIp(ip)) return {};
  lookup ??= open();
  try {
    return lookup(ip, isIP(ip) as 4 | 6);
  } catch (err) {
    // A corrupt region of the tree: the event is worth more than its location.
    if (!lookupFailureLogged) console.error("[geo] lookup failed; storing the event without location", err);
    lookupFailureLogged = true;
    return {};
  }
}

/**
 * Forgets the open database so the next lookup reopens it: after the operator
 * replaced the file (geoipupdate) or changed MAXMIND_DB_PATH, and in tests.
 */
export function resetGeo(): void {
  lookup = undefined;
}
