import { Types } from "mongoose";
import { countAccepted } from "@/lib/billing/usage/pending";
import { hashEmail } from "@/lib/crypto";
import { isStoreUnavailable } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { isBotRequest } from "./bots";
import type { BufferedEvent } from "./batch-writer";
import { ingestBuffer } from "./buffer";
import { clientIp } from "./client-ip";
import { checkExclusions, hostnameAllowed, isLocalHostname, privacySignal } from "./exclusions";
import { lookupGeo } from "./geo";
import { pageHostname, pagePath } from "./paths";
import { realtime } from "./realtime";
import { receivedLog } from "./received-log";
import { classifySource } from "./referrer";
import { getHeader, type DropReason, type HeaderSource, type RawEvent } from "./types";
import { parseUserAgent } from "./user-agent";
import { cookielessVisitorId, getDailySalt } from "./visitor-id";
import { markFirstEvent, resolveWebsite } from "./website-cache";

export type IngestRequest = { event: RawEvent; headers: HeaderSource; socketIp: string | null; now?: Date };
export type IngestOutcome = { accepted: true; visitorId: string } | { accepted: false; reason: DropReason };

/** The day's salt is read once a day; while the store is down it cannot be, and the event is refused (503), not failed. */
const dailySalt = (now: Date) =>
  getDailySalt(now).catch((err) => {
    if (!isStoreUnavailable(err)) throw err;
    throw new ApiError(503, "store_unavailable", "The database is not reachable; send the event again later");
  });

/**
 * The ingestion pipeline, in order: resolve website -> bots -> privacy signals
 * -> page and hostname -> geo -> exclusions -> user agent -> source -> ids ->
 * buffer. Each step either enriches the event or drops it with a typed reason;
 * an unknown website is an error (404), not a drop. The raw IP is used for geo,
 * exclusions and the cookieless hash, and never leaves this function.
 */
export async function ingest({ event, headers, socketIp, now = new Date() }: IngestRequest): Promise<IngestOutcome> {
  const site = await resolveWebsite(event.websiteId);
  if (!site) throw new ApiError(404, "unknown_website", "No website with this id");
  const { settings } = site;
  const userAgent = getHeader(headers, "user-agent") ?? "";
  const hostname = pageHostname(event.url);
  const path = pagePath(event.url, { hashPaths: !!settings.hashPaths });
  const received = { at: now.toISOString(), type: event.type, hostname, path, name: event.name };
  // Drops leave no other trace: the install check shows them from this log.
  const dropped = (reason: DropReason): IngestOutcome => {
    receivedLog.record(site.id, { ...received, accepted: false, reason });
    return { accepted: false, reason };
  };

  if (isBotRequest(userAgent, headers)) return dropped("bot");
  const privacy = privacySignal(headers, settings);
  if (privacy) return dropped(privacy);
  if (event.type === "scroll" && settings.trackScroll === false) return dropped("scroll_disabled");

  if (!hostnameAllowed(hostname, site.domain, settings.allowedHostnames)) return dropped(isLocalHostname(hostname) ? "localhost" : "hostname_mismatch");

  const ip = clientIp(headers, socketIp);
  const geo = lookupGeo(ip);
  const excluded = checkExclusions({ hostname, path, country: geo.country }, ip, settings);
  if (excluded) return dropped(excluded);

  const ua = parseUserAgent(userAgent);
  const source = classifySource({ referrer: event.referrer, url: event.url, ownHostname: [site.domain, ...(settings.allowedHostnames ?? [])] });
  const { internal: _internal, ...sourceFields } = source;

  // Cookieless sites (or clients that sent no id) get the daily-salted hash:
  // the same visitor today, someone new tomorrow, nothing stored in the browser.
  const cookieless = settings.cookieless || !event.visitorId;
  const visitorId = cookieless
    ? cookielessVisitorId({ salt: await dailySalt(now), websiteId: site.id, ip, userAgent })
    : event.visitorId!;

  const buffered: BufferedEvent = {
    id: String(new Types.ObjectId()),
    websiteId: site.id,
    visitorId,
    sessionId: cookieless ? undefined : event.sessionId,
    type: event.type,
    path,
    timestamp: now.toISOString(),
    name: event.name,
    title: event.title,
    props: event.props,
    scrollDepth: event.scrollDepth,
    vitals: event.vitals,
    userId: event.userId,
    emailHash: event.email ? hashEmail(event.email) : undefined,
    identityName: event.type === "identify" ? event.name : undefined,
    context: { hostname, ...sourceFields, ...geo, ...ua },
  };
  ingestBuffer().add(buffered);
  // A page's vitals arrive as it is left: no new activity for the live view,
  // and not an event a plan counts.
  if (event.type !== "vitals") {
    countAccepted(site.id, now.getTime());
    realtime.publish({ websiteId: site.id, type: event.type, name: event.name, path, visitorId, country: geo.country, device: ua.device, channel: source.channel, referrerDomain: source.referrerDomain, timestamp: buffered.timestamp });
  }
  receivedLog.record(site.id, { ...received, accepted: true });
  void markFirstEvent(site, now).catch(() => {});
  return { accepted: true, visitorId };
}
