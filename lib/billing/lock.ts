import { ApiError } from "@/lib/http/errors";
import { lockedMessage } from "./messages";
import type { Standing } from "./standing";
import { teamStanding } from "./state";

/** The team's standing when its stats are locked (a grace period ran out), else null; always null with billing off. */
export async function statsLock(teamId: unknown, now = new Date()): Promise<Standing | null> {
  const found = await teamStanding(teamId, now);
  return found?.standing.locked ? found.standing : null;
}

/** For the dashboard's stats API: 402 while the team's stats are locked. Ingest, exports and the public API are never locked. */
export async function assertStatsOpen(teamId: unknown): Promise<void> {
  const locked = await statsLock(teamId);
  if (locked?.grace) throw new ApiError(402, "plan_required", lockedMessage(locked.grace.reason));
}
