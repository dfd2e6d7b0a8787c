/**
 * Just enough of Content-Security-Policy to say whether a page's policies let
 * it load the tracker and send to the events endpoint: every policy must
 * allow a load (several policies intersect), each through the directive that
 * governs it or default-src. Report-only policies block nothing and are not
 * passed in.
 */
export type Policy = Map<string, string[]>;

export function parsePolicies(values: readonly string[]): Policy[] {
  const policies: Policy[] = [];
  // Several policies in one header are separated by commas.
  for (const value of values.flatMap((v) => v.split(","))) {
    const policy: Policy = new Map();
    for (const directive of value.split(";")) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
    }
    if (policy.size) policies.push(policy);
  }
  return policies;
}

const defaultPort = (scheme: string) => (scheme === "https:" ? "443" : scheme === "http:" ? "80" : "");

/** Does one host-source, scheme-source or keyword let `url` load on a page at `page`? */
function sourceMatches(source: string, url: URL, page: URL): boolean {
  const s = source.toLowerCase();
  if (s === "*") return /^(https?|wss?):$/.test(url.protocol);
  if (s === "'self'") return url.host === page.host && (url.protocol === page.protocol || (page.protocol === "http:" && url.protocol === "https:"));
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return url.protocol === s || (s === "http:" && url.protocol === "https:");
  if (s.startsWith("'")) return false;
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\*|\d+))?(\/[^?#]*)?$/.exec(s);
  if (!m) return false;
  const [, scheme, host, port, path] = m;
  if (scheme) {
    if (`${scheme}:` !== url.protocol && !(scheme === "http" && url.protocol === "https:")) return false;
  } else if (!/^https?:$/.test(url.protocol) || (page.protocol === "https:" && url.protocol === "http:")) {
    return false;
  }
  const hostname = url.hostname.toLowerCase();
  if (host === "*") {
    // a bare "*" with a scheme or port
  } else if (host.startsWith("*.")) {
    if (!hostname.endsWith(host.slice(1))) return false;
  } else if (hostname !== host) {
    return false;
  }
  // No port in the source means the scheme's default one (an upgrade to https keeps matching).
  if (port === undefined ? url.port !== "" : port !== "*" && port !== (url.port || defaultPort(url.protocol))) return false;
  if (path) return path.endsWith("/") ? url.pathname.startsWith(path) : url.pathname === path;
  return true;
}

const governing = (policy: Policy, names: readonly string[]) => {
  for (const n of names) if (policy.has(n)) return policy.get(n)!;
  return undefined;
};

export type Verdict = { allowed: true } | { allowed: false; directive: string; sources: string[] };

/** Whether `<script src=url nonce=nonce>` may load under every policy. */
export function scriptAllowed(policies: readonly Policy[], url: URL, page: URL, nonce?: string): Verdict {
  for (const policy of policies) {
    const names = ["script-src-elem", "script-src", "default-src"];
    const sources = governing(policy, names);
    if (!sources) continue;
    const nonceOk = !!nonce && sources.includes(`'nonce-${nonce}'`);
    // With 'strict-dynamic' host lists are ignored: only a nonce (or a script the page already trusts) lets it in.
    const hostsOk = !sources.includes("'strict-dynamic'") && sources.some((s) => sourceMatches(s, url, page));
    if (!nonceOk && !hostsOk) return { allowed: false, directive: names.find((n) => policy.has(n))!, sources };
  }
  return { allowed: true };
}

/** Whether the page may send to `url` (sendBeacon and fetch are connect-src). */
export function connectAllowed(policies: readonly Policy[], url: URL, page: URL): Verdict {
  for (const policy of policies) {
    const names = ["connect-src", "default-src"];
    const sources = governing(policy, names);
    if (sources && !sources.some((s) => sourceMatches(s, url, page))) return { allowed: false, directive: names.find((n) => policy.has(n))!, sources };
  }
  return { allowed: true };
}
