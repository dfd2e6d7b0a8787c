import { ApiError } from "@/lib/http/errors";
import { clientIp } from "@/lib/ingest/client-ip";
import { SOCKET_IP_HEADER } from "@/lib/ingest/socket-ip";
import { takeLimit } from "@/lib/auth/rate-limits";
import { resolveShare, type SharedSite } from "./shares";

/**
 * The share page's lookup, under the same per-IP budget as its API: null for
 * any token that shows nothing (and for a client past its budget, so probing
 * pages is no faster than probing the API).
 */
export async function loadSharedPage(token: string, headers: Headers): Promise<SharedSite | null> {
  try {
    takeLimit("share-ip", clientIp(headers, headers.get(SOCKET_IP_HEADER)) ?? "unknown");
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
  return resolveShare(token);
}
