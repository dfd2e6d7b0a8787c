import type { PanelTab } from "./breakdown-panel";

// Which breakdowns each panel offers, in the order people look for them.

export const SOURCES: PanelTab[] = [
  { key: "channel", label: "Channels", dimension: "channel", column: "Channel" },
  { key: "referrer", label: "Referrers", dimension: "referrer", column: "Referrer" },
  { key: "campaign", label: "Campaigns", dimension: "utm_campaign", column: "Campaign" },
  { key: "source", label: "Sources", dimension: "utm_source", column: "UTM source" },
  { key: "medium", label: "Mediums", dimension: "utm_medium", column: "UTM medium" },
  { key: "keyword", label: "Keywords", dimension: "utm_term", column: "Keyword" },
];
export const PAGES: PanelTab[] = [
  { key: "page", label: "Top pages", dimension: "page", column: "Page" },
  { key: "entry", label: "Entry", dimension: "entry_page", column: "Entry page" },
  { key: "exit", label: "Exit", dimension: "exit_page", column: "Exit page" },
  { key: "hostname", label: "Hostnames", dimension: "hostname", column: "Hostname" },
];
export const LOCATIONS: PanelTab[] = [
  { key: "map", label: "Map", dimension: "country", column: "Country", map: true },
  { key: "country", label: "Countries", dimension: "country", column: "Country" },
  { key: "region", label: "Regions", dimension: "region", column: "Region" },
  { key: "city", label: "Cities", dimension: "city", column: "City" },
];
export const SYSTEM: PanelTab[] = [
  { key: "browser", label: "Browsers", dimension: "browser", column: "Browser" },
  { key: "os", label: "OS", dimension: "os", column: "Operating system" },
  { key: "device", label: "Devices", dimension: "device", column: "Device" },
];
export const GOALS: PanelTab[] = [{ key: "goal", label: "Goals", dimension: "goal", column: "Goal" }];
export const REVENUE: PanelTab[] = [
  { key: "channel", label: "Channels", dimension: "channel", column: "Channel" },
  { key: "referrer", label: "Referrers", dimension: "referrer", column: "Referrer" },
  { key: "campaign", label: "Campaigns", dimension: "utm_campaign", column: "Campaign" },
  { key: "source", label: "Sources", dimension: "utm_source", column: "UTM source" },
];
