import type { Channel } from "./types";
import { memo } from "./memo";
import { ANDROID_APPS, kindOfHost, kindOfSourceValue, type SourceKind } from "./sources";

export interface SourceInput {
  referrer?: string | null;
  /** The page URL: its query carries the UTM tags and click ids. */
  url: string;
  /** The site's domain (and any other hostnames it owns); the page's own hostname always counts. */
  ownHostname: string | readonly string[];
}

export interface Source {
  /** The referring URL without query and fragment (they can carry search terms, tokens, emails). */
  referrer?: string;
  referrerDomain?: string;
  channel: Channel;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  /** The referrer was the site itself: not a source; sessionize keeps the session's own. */
  internal?: true;
}

const UTM_MAX = 255;
const REFERRER_MAX = 1000;

// Ad-platform click ids. gclid & co. and msclkid only appear on ad clicks.
// fbclid is NOT here: Facebook and Instagram append it to every outbound link,
// organic posts included, so like GA4 we let it say "Facebook" (Organic Social)
// and leave "paid" to an explicit utm_medium.
const PAID_SEARCH_CLICK_IDS = ["gclid", "gbraid", "wbraid", "gclsrc", "dclid", "msclkid", "yclid"];
const PAID_SOCIAL_CLICK_IDS = ["ttclid", "twclid", "li_fat_id", "ScCid", "sccid", "epik", "rdt_cid", "igshid_ad"];
const SOCIAL_CLICK_IDS = ["fbclid"];

// GA4's paid-medium rule (^(.*cp.*|ppc|retargeting|paid.*)$) plus common spellings.
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*|ads?|display|banner|sponsored|.*[-_ ]ads?)$/;
const PAID_SOCIAL_MEDIUM = /social/;
const EMAIL_MEDIUM = /^(e[-_ ]?mail|mail|newsletter)s?$|email|newsletter/;
const SOCIAL_MEDIUM = /^(social|social[-_ ]?(network|media)|sm|organic[-_ ]?social)$/;
const ORGANIC_MEDIUM = /^(organic|seo)$/;

const stripWww = (host: string) => host.replace(/^www\./, "");
const isHostIn = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

function param(params: URLSearchParams, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (value) return value.slice(0, UTM_MAX);
  }
  return undefined;
}

interface Referrer {
  url: string;
  host: string;
}

/** The referrer's cleaned URL and host, or null when it is not a place on the web. */
function parseReferrer(raw: string | null | undefined): Referrer | null {
  if (!raw) return null;
  let ref: URL;
  try {
    ref = new URL(raw.trim());
  } catch {
    return null;
  }
  if (ref.protocol === "android-app:") {
    const app = ref.hostname.toLowerCase();
    if (!app) return null;
    return { url: `android-app://${app}`, host: ANDROID_APPS[app] ?? app };
  }
  if (ref.protocol !== "http:" && ref.protocol !== "https:") return null;
  const host = ref.hostname.toLowerCase().replace(/\.$/, "");
  if (!host) return null;
  const path = ref.pathname === "/" ? "" : ref.pathname;
  return { url: `${ref.protocol}//${host}${ref.port ? `:${ref.port}` : ""}${path}`.slice(0, REFERRER_MAX), host: stripWww(host) };
}

function channelFor(kind: SourceKind | undefined): Channel | undefined {
  switch (kind) {
    case "ai":
      return "AI";
    case "email":
      return "Email";
    case "paid_search":
      return "Paid Search";
    case "search":
      return "Organic Search";
    case "social":
      return "Organic Social";
    default:
      return undefined;
  }
}

// Every event of a visit, and most visits of a page, repeat the same inputs;
// parsing two URLs and a dozen patterns cost ~15 µs each time.
const classified = memo<Source>(2000);

/**
 * Source of a visit: referrer, UTM tags and a channel. The owner's own tags
 * (utm_medium) decide first, then ad click ids, then what the source is known
 * to be (AI, email, search, social), then "any other site" (Referral), then Direct.
 */
export function classifySource({ referrer, url, ownHostname }: SourceInput): Source {
  const input = { referrer, url, ownHostname };
  // A copy: callers own what they get, the cache keeps its own.
  return { ...classified(JSON.stringify(input), () => classify(input)) };
}

function classify({ referrer, url, ownHostname }: SourceInput): Source {
  let page: URL | null = null;
  try {
    page = new URL(url);
  } catch {
    // parse.ts only lets absolute URLs through; stay total anyway.
  }
  const params = page?.searchParams ?? new URLSearchParams();
  const source: Source = { channel: "Direct" };
  const utmSource = param(params, "utm_source", "ref", "source", "via");
  const utmMedium = param(params, "utm_medium");
  if (utmSource) source.utmSource = utmSource;
  if (utmMedium) source.utmMedium = utmMedium;
  const utmCampaign = param(params, "utm_campaign");
  const utmTerm = param(params, "utm_term");
  const utmContent = param(params, "utm_content");
  if (utmCampaign) source.utmCampaign = utmCampaign;
  if (utmTerm) source.utmTerm = utmTerm;
  if (utmContent) source.utmContent = utmContent;

  let ref = parseReferrer(referrer);
  if (ref) {
    const own = (typeof ownHostname === "string" ? [ownHostname] : [...ownHostname])
      .concat(page ? [page.hostname] : [])
      .map((h) => stripWww(h.trim().toLowerCase()))
      .filter(Boolean);
    if (own.some((h) => isHostIn(ref!.host, h))) {
      source.internal = true;
      ref = null;
    } else {
      source.referrer = ref.url;
      source.referrerDomain = ref.host;
    }
  }

  const medium = utmMedium?.toLowerCase();
  const kind = (utmSource ? kindOfSourceValue(utmSource) : undefined) ?? (ref ? kindOfHost(ref.host) : undefined);
  const has = (ids: string[]) => ids.some((id) => params.has(id));

  source.channel = ((): Channel => {
    if (medium && PAID_MEDIUM.test(medium)) {
      return kind === "social" || PAID_SOCIAL_MEDIUM.test(medium) ? "Paid Social" : "Paid Search";
    }
    if (!medium && has(PAID_SEARCH_CLICK_IDS)) return "Paid Search";
    if (!medium && has(PAID_SOCIAL_CLICK_IDS)) return "Paid Social";
    if (medium && EMAIL_MEDIUM.test(medium)) return "Email";
    if (medium && SOCIAL_MEDIUM.test(medium)) return "Organic Social";
    if (kind === "ai") return "AI";
    if (medium && ORGANIC_MEDIUM.test(medium)) return "Organic Search";
    const known = channelFor(kind);
    if (known) return known;
    if (has(SOCIAL_CLICK_IDS)) return "Organic Social";
    // A campaign name alone says nothing about where the visitor came from.
    if (ref || utmSource || utmMedium) return "Referral";
    return "Direct";
  })();
  return source;
}
