/**
 * A visitor's history as the profile page shows it: visits (each with what
 * happened in it, in order) and payments, oldest first. Pure, so the grouping
 * rules are tested without a store.
 */
export type TimelineVisit = {
  kind: "visit";
  sessionId: string;
  at: string;
  endedAt: string;
  durationSeconds: number;
  source: string;
  entryPage: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  events: ({ kind: "pageview"; path: string; at: string } | { kind: "goal"; name: string; at: string })[];
};
export type TimelinePayment = { kind: "payment"; at: string; amount: number; refundedAmount: number; currency: string; provider: string; renewal: boolean };
export type TimelineEntry = TimelineVisit | TimelinePayment;

export type SessionRow = {
  sessionId: string; startedAt: Date; lastSeenAt: Date; duration?: number; entryPage?: string | null;
  channel?: string | null; referrerDomain?: string | null; utmSource?: string | null; country?: string | null; device?: string | null; browser?: string | null;
};
export type EventRow = { sessionId?: string | null; timestamp: Date; path?: string | null; name?: string | null };
export type PaymentRow = { timestamp: Date; amount: number; refundedAmount?: number | null; currency: string; provider: string; renewal?: boolean | null };

const iso = (d: Date) => d.toISOString();

export function buildTimeline(sessions: SessionRow[], pageviews: EventRow[], goals: EventRow[], payments: PaymentRow[]): TimelineEntry[] {
  const visits = new Map<string, TimelineVisit>();
  for (const s of sessions) {
    visits.set(s.sessionId, {
      kind: "visit",
      sessionId: s.sessionId,
      at: iso(s.startedAt),
      endedAt: iso(s.lastSeenAt),
      durationSeconds: s.duration ?? 0,
      // The most specific name of where the visit came from.
      source: s.utmSource || s.referrerDomain || s.channel || "Direct",
      entryPage: s.entryPage ?? null,
      country: s.country ?? null,
      device: s.device ?? null,
      browser: s.browser ?? null,
      events: [],
    });
  }
  // An event without a known session (a goal recorded without one) joins the
  // latest visit started by then; one before every visit is left out.
  const ordered = [...visits.values()].sort((a, b) => (a.at < b.at ? -1 : 1));
  const visitOf = (e: EventRow) => {
    const own = e.sessionId ? visits.get(e.sessionId) : undefined;
    if (own) return own;
    const at = iso(e.timestamp);
    return ordered.findLast((v) => v.at <= at);
  };
  for (const p of pageviews) if (p.path) visitOf(p)?.events.push({ kind: "pageview", path: p.path, at: iso(p.timestamp) });
  for (const g of goals) if (g.name) visitOf(g)?.events.push({ kind: "goal", name: g.name, at: iso(g.timestamp) });
  for (const v of visits.values()) v.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const entries: TimelineEntry[] = [
    ...visits.values(),
    ...payments.map((p): TimelinePayment => ({
      kind: "payment", at: iso(p.timestamp), amount: p.amount, refundedAmount: p.refundedAmount ?? 0, currency: p.currency, provider: p.provider, renewal: !!p.renewal,
    })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
