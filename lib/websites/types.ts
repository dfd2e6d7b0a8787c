import type { PaymentProviderId } from "@/lib/schemas/website";
import type { Role } from "@/lib/teams/roles";

/** A website as the dashboard API returns it: never a secret, only whether one is set. */
export type WebsiteDTO = {
  id: string;
  /** The team that owns the site. */
  teamId: string;
  /** The caller's role in that team: what the dashboard offers them. */
  role: Role;
  domain: string;
  name: string;
  timezone: string;
  currency: string;
  createdAt: string;
  /** When ingest accepted the site's first event (null: the snippet has not reported yet). */
  firstEventAt: string | null;
  /** The seeded demo site (generated data). */
  demo?: boolean;
  settings: {
    excludeIps: string[];
    excludeCountries: string[];
    excludeHostnames: string[];
    excludePaths: string[];
    allowedHostnames: string[];
    hashPaths: boolean;
    trackScroll: boolean;
    cookieless: boolean;
    respectDnt: boolean;
    publicBadge: boolean;
    /** Days of visitor-level data kept; null: forever (a plan may keep less, see the held range). */
    retentionDays: number | null;
  };
  paymentProviders: Record<PaymentProviderId, { configured: boolean; lastReceivedAt: string | null }>;
};
