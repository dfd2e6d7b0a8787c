export const PATH_MAX = 1000;

export interface PathOptions {
  /** The site routes with "#/..." (data-hash / settings.hashPaths): the hash is part of the page. */
  hashPaths?: boolean;
}

function decode(path: string): string {
  // decodeURI keeps reserved escapes (%2F, %3F, %23) so the path keeps its shape;
  // "/caf%C3%A9" reads "/café" in the dashboard as it did in the address bar.
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") || "/" : p);

/**
 * The page path of a URL: no query string (it holds tokens, emails, search
 * terms and splits one page into thousands), no trailing slash except the
 * root, and "#/route" kept when the site uses hash routing.
 */
export function pagePath(url: string | URL, { hashPaths = false }: PathOptions = {}): string {
  let u: URL;
  try {
    u = typeof url === "string" ? new URL(url) : url;
  } catch {
    return "/";
  }
  let path = trimSlash(decode(u.pathname) || "/");
  if (hashPaths) {
    // "#/settings?tab=1" and "#!/settings/" are routes; "#pricing" is an anchor on the same page.
    const route = /^#(!?\/[^?]*)/.exec(u.hash)?.[1];
    const trimmed = route ? trimSlash(decode(route)) : undefined;
    if (trimmed && trimmed !== "/" && trimmed !== "!") path += `#${trimmed}`;
  }
  return path.slice(0, PATH_MAX);
}

/** Lowercase hostname of a page URL, without a trailing dot ("Example.COM." -> "example.com"). */
export function pageHostname(url: string | URL): string {
  try {
    return (typeof url === "string" ? new URL(url) : url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return "";
  }
}
