import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { hostnameAllowed } from "@/lib/ingest/exclusions";
import { receivedLog, type ReceivedEvent } from "@/lib/ingest/received-log";
import { checkPage, type PageCheck } from "./check-page";
import { fetchPage, FetchPageError } from "./fetch-page";
import { isLoopbackName } from "./safe-address";

export const verifyInstallSchema = z.object({
  /** A page of the site to check; its home page (https, then http) when absent. */
  url: z.string().trim().max(2000).url().optional(),
});

export type InstallCheck = {
  /** The page that was read and what it says; null when none could be fetched. */
  page: PageCheck | null;
  /** Addresses tried that gave no page, and why. */
  failures: { url: string; code: string; message: string }[];
};

type Site = { id: string; domain: string; allowedHostnames: readonly string[] };

/**
 * An operator's switch for a self-hosted install on a developer's machine:
 * lets the check read pages on localhost. Off by default, because on a shared
 * server it would let any site owner make this server call its own ports.
 */
const loopbackAllowed = () => process.env.TRAILMARK_VERIFY_LOCAL === "true";

function candidates(site: Site, url: string | undefined): string[] {
  if (!url) return [`https://${site.domain}/`, `http://${site.domain}/`];
  const host = new URL(url).hostname;
  // Only the site's own pages (or, where the operator allows it, this machine's):
  // anything else would make this a fetch-any-URL service.
  if (!hostnameAllowed(host, site.domain, site.allowedHostnames) && !(isLoopbackName(host) && loopbackAllowed())) {
    throw new ApiError(400, "url_not_on_site", `${host} is not ${site.domain}, one of its subdomains or one of its allowed hostnames (Settings → Exclusions)`);
  }
  return [url];
}

/** Fetches the site's page from this server and says whether its tag is there and would work. */
export async function verifyInstallation(site: Site, url: string | undefined, trackerOrigin: string): Promise<InstallCheck> {
  const failures: InstallCheck["failures"] = [];
  for (const candidate of candidates(site, url)) {
    try {
      const page = await fetchPage(candidate, { allowLoopback: loopbackAllowed() });
      return { page: checkPage(page, site.id, trackerOrigin), failures };
    } catch (err) {
      if (!(err instanceof FetchPageError)) throw err;
      failures.push({ url: candidate, code: err.code, message: err.message });
    }
  }
  return { page: null, failures };
}

/** What the site's tag sent lately, dropped events included, newest first. */
export const receivedEvents = (websiteId: string): ReceivedEvent[] => receivedLog.list(websiteId);
