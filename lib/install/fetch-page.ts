import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";
import { isLoopbackAddress, isLoopbackName, isPublicAddress } from "./safe-address";

export type FetchedPage = { url: string; status: number; headers: IncomingHttpHeaders; html: string; truncated: boolean };

export type FetchFailureCode = "refused_address" | "unreachable" | "timeout" | "too_many_redirects" | "bad_url";
export class FetchPageError extends Error {
  constructor(readonly code: FetchFailureCode, message: string) {
    super(message);
  }
}

export type FetchOptions = {
  /** Let a URL whose host is literally localhost / 127.0.0.1 reach this machine (never a private network). */
  allowLoopback?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
};

const DEFAULTS = { timeoutMs: 8_000, maxBytes: 1024 * 1024, maxRedirects: 4 };
const USER_AGENT = "Mozilla/5.0 (compatible; TrailmarkInstallCheck/1.0)";

type Lookup = NonNullable<http.RequestOptions["lookup"]>;

/** Resolves like dns.lookup, then keeps only the addresses this fetch may connect to. */
function guardedLookup(loopbackOk: boolean): Lookup {
  const allowed = (a: string) => isPublicAddress(a) || (loopbackOk && isLoopbackAddress(a));
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const ok = addresses.filter((a) => allowed(a.address));
      if (!ok.length) return callback(new FetchPageError("refused_address", `${hostname} resolves to a private or local address, which the check does not visit`));
      if (options.all) callback(null, ok);
      else callback(null, ok[0].address, ok[0].family);
    });
  }) as unknown as Lookup;
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return res.pipe(createGunzip());
  if (encoding === "br") return res.pipe(createBrotliDecompress());
  if (encoding === "deflate") return res.pipe(createInflate());
  return res;
}

/** One request, no redirects followed: the status, headers and at most maxBytes of the body. */
function requestOnce(url: URL, opts: Required<Omit<FetchOptions, "allowLoopback">> & { loopbackOk: boolean; deadline: number }): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const left = Math.max(1, opts.deadline - Date.now());
    const req = client.request(url, {
      method: "GET",
      lookup: guardedLookup(opts.loopbackOk),
      headers: { "user-agent": USER_AGENT, accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" },
    });
    const timer = setTimeout(() => req.destroy(new FetchPageError("timeout", `${url.origin} did not answer within ${Math.round(opts.timeoutMs / 1000)} s`)), left);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err instanceof FetchPageError ? err : new FetchPageError("unreachable", `${url.origin}: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        clearTimeout(timer);
        resolve({ url: url.href, status, headers: res.headers, html: "", truncated: false });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const body = decoded(res);
      const finish = () => {
        clearTimeout(timer);
        resolve({ url: url.href, status, headers: res.headers, html: Buffer.concat(chunks).toString("utf8"), truncated });
      };
      body.on("data", (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        chunks.push(chunk);
        // The tag belongs in <head>: the first megabyte says whether it is there.
        if (size >= opts.maxBytes) {
          truncated = true;
          req.destroy();
          finish();
        }
      });
      body.on("end", finish);
      body.on("error", (err) => (truncated ? undefined : (clearTimeout(timer), reject(new FetchPageError("unreachable", `${url.origin}: ${err.message}`)))));
    });
    req.end();
  });
}

/**
 * Fetches a page the way the install check needs it: bounded in time (the
 * whole chain of redirects shares one deadline) and size, redirects followed
 * by hand so each hop is held to the same rules, and only public addresses
 * (DNS answers are filtered before connecting, IP literals checked here)
 * unless the URL names this machine and the caller allows that.
 */
export async function fetchPage(start: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const opts = { ...DEFAULTS, ...options };
  const deadline = Date.now() + opts.timeoutMs;
  let url: URL;
  try {
    url = new URL(start);
  } catch {
    throw new FetchPageError("bad_url", `"${start}" is not a URL`);
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchPageError("bad_url", `${url.protocol} URLs are not checked`);
    const loopbackOk = !!options.allowLoopback && isLoopbackName(url.hostname);
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && !isPublicAddress(literal) && !(loopbackOk && isLoopbackAddress(literal))) {
      throw new FetchPageError("refused_address", `${url.hostname} is a private or local address, which the check does not visit`);
    }
    const page = await requestOnce(url, { ...opts, loopbackOk, deadline });
    const location = page.status >= 300 && page.status < 400 ? page.headers.location : undefined;
    if (!location) return page;
    if (hop >= opts.maxRedirects) throw new FetchPageError("too_many_redirects", `${start} redirects more than ${opts.maxRedirects} times`);
    url = new URL(location, url);
  }
}
