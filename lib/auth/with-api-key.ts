import type { NextRequest } from "next/server";
import { sha256Hex } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { ApiError, errorResponse, toErrorResponse } from "@/lib/http/errors";
import { rateLimitHeaders, TokenBuckets } from "@/lib/http/rate-limit";
import { resolveApiKey } from "@/lib/websites/api-keys";
import { Website } from "@/models/Website";
import type { RouteContext, RouteParams } from "./with-session";

/** What a public-API handler knows of the website its key is bound to. */
export type ApiWebsite = { id: string; timezone: string; currency: string };

type ApiKeyHandler<P extends RouteParams> = (req: NextRequest, ctx: { website: ApiWebsite; keyId: string; params: P }) => Promise<Response>;

const holder = globalThis as unknown as { __trailmarkApiBuckets?: TokenBuckets };

/** Requests per minute per key: TRAILMARK_API_RATE_LIMIT, 600 by default. */
function buckets(): TokenBuckets {
  const limit = Number(process.env.TRAILMARK_API_RATE_LIMIT) > 0 ? Math.floor(Number(process.env.TRAILMARK_API_RATE_LIMIT)) : 600;
  holder.__trailmarkApiBuckets ??= new TokenBuckets(limit, 60_000);
  return holder.__trailmarkApiBuckets;
}

const unauthorized = (message: string) => new ApiError(401, "unauthorized", message);

function bearerToken(req: Request): string {
  const header = req.headers.get("authorization");
  if (!header) throw unauthorized("Send your API key as `Authorization: Bearer <key>`");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized("The Authorization header must be `Bearer <key>`");
  return match[1];
}

/**
 * The one gate of /api/v1: a bearer key, rate limited, resolved to the single
 * website it is bound to. Handlers get only that website's id, so every query
 * they make is scoped to it; there is no website id in any v1 path to tamper
 * with. The bucket is keyed by the presented key (hashed) before the lookup, so
 * hammering with one bad key cannot hammer the store either.
 */
export function withApiKey<P extends RouteParams = RouteParams>(handler: ApiKeyHandler<P>) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    try {
      const token = bearerToken(req);
      const verdict = buckets().take(sha256Hex(token));
      limitHeaders = rateLimitHeaders(verdict);
      if (!verdict.allowed) {
        return errorResponse(429, "rate_limited", `Too many requests: ${verdict.limit} per minute per key. Retry after ${verdict.retryAfterSeconds} s.`, limitHeaders);
      }
      const resolved = await resolveApiKey(token);
      if (!resolved) throw unauthorized("Unknown or revoked API key");
      await connectDb();
      const site = await Website.findById(resolved.websiteId, { timezone: 1, currency: 1 }).lean<{ timezone?: string; currency?: string }>();
      if (!site) throw unauthorized("Unknown or revoked API key");
      const website = { id: resolved.websiteId, timezone: site.timezone ?? "UTC", currency: site.currency ?? "USD" };
      return withHeaders(await handler(req, { website, keyId: resolved.keyId, params: await ctx.params }), limitHeaders);
    } catch (err) {
      return withHeaders(toErrorResponse(err), limitHeaders);
    }
  };
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}
