import type { DropReason } from "@/lib/ingest/types";

/** Why /api/track dropped an event, said to the site's owner with what to do about it. */
export function explainDrop(reason: DropReason, hostname: string, domain: string): string {
  switch (reason) {
    case "localhost":
      return `Sent from ${hostname}, a development machine. Localhost is counted only when it is in the site's allowed hostnames (Settings → Exclusions), so testing never pollutes the stats.`;
    case "hostname_mismatch":
      return `Sent from ${hostname || "a page without a host"}, which is not ${domain} or one of its subdomains. If that host is yours, add it to the allowed hostnames.`;
    case "bot":
      return "The request looked like a bot or crawler (its user agent or headers), so it was not counted.";
    case "dnt":
      return "The browser asks not to be tracked (Do Not Track or Global Privacy Control) and this site honours it.";
    case "self_excluded":
      return "This browser opted out of being counted.";
    case "scroll_disabled":
      return "Scroll depth is switched off for this site.";
    case "excluded_ip":
      return "The visitor's IP address is in the site's excluded IP addresses.";
    case "excluded_country":
      return "The visitor's country is in the site's excluded countries.";
    case "excluded_hostname":
      return `${hostname} is in the site's excluded hostnames.`;
    case "excluded_path":
      return "The page is in the site's excluded paths.";
  }
}
