import { visitsOf } from "@/lib/engine/sessions";
import type { Touch } from "./types";

const TOUCH_FIELDS = ["channel", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "entryPage", "country", "device"] as const;

type SessionLike = Record<string, unknown> & { sessionId: string; startedAt: Date };

function touchOf(s: SessionLike): Touch {
  const t: Touch = { at: s.startedAt };
  for (const f of TOUCH_FIELDS) if (typeof s[f] === "string" && s[f] !== "") t[f] = s[f] as string;
  return t;
}

export type VisitorSessions = SessionLike[];

/** The visitor's sessions on this website, oldest first, from the stats engine; none means never seen here. */
export async function sessionsOf(websiteId: string, visitorId: string): Promise<VisitorSessions> {
  return visitsOf(websiteId, visitorId);
}

/**
 * First touch: the visit that first brought the visitor. Last touch: the named
 * checkout session when we know it, else the latest visit that started at or
 * before the payment (a later visit cannot have caused it), else the latest.
 */
export function touchesFrom(sessions: VisitorSessions, at: Date, sessionId?: string): { firstTouch?: Touch; lastTouch?: Touch; sessionId?: string } {
  if (!sessions.length) return {};
  const named = sessionId ? sessions.find((s) => s.sessionId === sessionId) : undefined;
  const before = sessions.filter((s) => s.startedAt.getTime() <= at.getTime());
  const last = named ?? before.at(-1) ?? sessions.at(-1)!;
  return { firstTouch: touchOf(sessions[0]), lastTouch: touchOf(last), sessionId: last.sessionId };
}
