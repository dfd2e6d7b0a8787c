import { BlockList, isIP } from "node:net";
import { memo } from "./memo";
import { getHeader, type DropReason, type HeaderSource, type IngestSettings } from "./types";

// Settings change rarely and events arrive constantly: compiled block lists
// and path patterns are cached by their source text. The caps bound memory
// when many sites share a process.
const MAX_CACHED = 1000;
const blockLists = memo<BlockList>(MAX_CACHED);
const globs = memo<RegExp>(MAX_CACHED);

function blockListOf(entries: readonly string[]): BlockList {
  return blockLists(entries.join(","), () => {
    const list = new BlockList();
    for (const entry of entries) {
      const [ip, bits] = entry.trim().split("/");
      const family = isIP(ip);
      if (!family) continue; // validated on save; an old bad entry must not break ingestion
      const type = family === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) list.addAddress(ip, type);
      else if (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) list.addSubnet(ip, Number(bits), type);
    }
    return list;
  });
}

/** True when `ip` is one of the addresses or inside one of the CIDR ranges (IPv4 and IPv6). */
export function ipExcluded(ip: string | null | undefined, entries: readonly string[]): boolean {
  if (!ip || entries.length === 0) return false;
  const family = isIP(ip);
  if (!family) return false;
  return blockListOf(entries).check(ip, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Path glob to RegExp: "*" stays within a segment, "**" crosses segments.
 * A trailing "/**" also matches the folder itself ("/admin/**" excludes
 * "/admin"), which is what people mean when they type it.
 */
export function globToRegExp(glob: string): RegExp {
  return globs(glob, () => {
    let pattern = glob.trim();
    // Stored paths never end in "/" (paths.ts trims it), so neither may the pattern.
    if (pattern.length > 1 && pattern.endsWith("/") && !pattern.endsWith("*/")) pattern = pattern.slice(0, -1);
    let folder = false;
    if (pattern.endsWith("/**")) {
      folder = true;
      pattern = pattern.slice(0, -3);
    }
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "*" && pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else if (c === "*") {
        source += "[^/]*";
      } else {
        source += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
      }
    }
    return new RegExp(`^${source}${folder ? "(?:/.*)?" : ""}$`);
  });
}

export function pathExcluded(path: string, globsList: readonly string[]): boolean {
  return globsList.some((g) => globToRegExp(g).test(path));
}

const normalizeHost = (h: string) => h.trim().toLowerCase().replace(/\.$/, "");

/** "staging.example.com" matches itself; "*.example.com" matches any subdomain (not the apex). */
export function hostnameMatches(hostname: string, pattern: string): boolean {
  const host = normalizeHost(hostname);
  const p = normalizeHost(pattern);
  if (p.startsWith("*.")) return host.endsWith(p.slice(1));
  return host === p;
}

export interface ExclusionTarget {
  hostname: string;
  path: string;
  country?: string;
}

/** The first exclusion rule of the website that the event falls under, or null to keep it. */
export function checkExclusions(event: ExclusionTarget, ip: string | null | undefined, settings: IngestSettings): DropReason | null {
  if (ipExcluded(ip, settings.excludeIps ?? [])) return "excluded_ip";
  const country = event.country?.toUpperCase();
  if (country && (settings.excludeCountries ?? []).some((c) => c.toUpperCase() === country)) return "excluded_country";
  if ((settings.excludeHostnames ?? []).some((p) => hostnameMatches(event.hostname, p))) return "excluded_hostname";
  if (pathExcluded(event.path, settings.excludePaths ?? [])) return "excluded_path";
  return null;
}

const LOCAL = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/;

/** localhost, *.localhost, loopback and unspecified addresses: a developer's machine. */
export const isLocalHostname = (hostname: string): boolean => LOCAL.test(normalizeHost(hostname));

/**
 * Whether an event from `hostname` may count for the site: its domain or a
 * subdomain, or a host the owner listed (exact or "*.example.com"). Others
 * are copies of the snippet on someone else's page, scrapers or dev machines;
 * localhost counts only when listed, so developing a site never pollutes it.
 */
export function hostnameAllowed(hostname: string, domain: string, allowedHostnames: readonly string[] = []): boolean {
  const host = normalizeHost(hostname);
  if (!host) return false;
  if (allowedHostnames.some((p) => hostnameMatches(host, p))) return true;
  if (LOCAL.test(host)) return false;
  const site = normalizeHost(domain).replace(/^www\./, "");
  return host === site || host.endsWith(`.${site}`);
}

/** "dnt" when the site honours Do Not Track / Global Privacy Control and the browser sent either. */
export function privacySignal(headers: HeaderSource | undefined, settings: IngestSettings): DropReason | null {
  if (!settings.respectDnt) return null;
  if (getHeader(headers, "dnt")?.trim() === "1" || getHeader(headers, "sec-gpc")?.trim() === "1") return "dnt";
  return null;
}
