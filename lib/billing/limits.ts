import { Types } from "mongoose";
import { ApiError } from "@/lib/http/errors";
import { Invite } from "@/models/Invite";
import { hasLiveSubscription } from "./standing";
import { memberCount, teamStanding, teamWebsiteIds } from "./state";

const num = (n: number) => n.toLocaleString("en-US");

/**
 * Refuses (402) adding a site or a member beyond what the team's plan
 * includes. Nothing to refuse with billing off, or without a plan (the grace
 * for having none is what applies then). Members count pending invitations,
 * so a plan cannot be outgrown by inviting first.
 */
export async function assertRoomFor(teamId: unknown, what: "sites" | "members"): Promise<void> {
  const found = await teamStanding(teamId);
  const plan = found?.standing.plan;
  const limit = plan?.[what];
  if (!plan || limit === null || limit === undefined) return;
  const used =
    what === "sites"
      ? (await teamWebsiteIds(teamId)).length
      : (await memberCount(teamId)) + (await Invite.countDocuments({ teamId: new Types.ObjectId(String(teamId)), acceptedAt: { $exists: false }, expiresAt: { $gt: new Date() } }));
  if (used + 1 > limit) {
    const noun = what === "sites" ? (limit === 1 ? "site" : "sites") : limit === 1 ? "member" : "members (invitations included)";
    throw new ApiError(402, "plan_limit_reached", `The ${plan.name} plan includes ${num(limit)} ${noun} and this team has ${num(used)}: upgrade the plan to add more.`);
  }
}

/** A team that pays cannot be deleted until its subscription is canceled (in the billing portal): deleting it would not stop the charges. */
export async function assertNoLiveSubscription(teamId: unknown): Promise<void> {
  const found = await teamStanding(teamId);
  if (found && hasLiveSubscription(found.doc)) {
    throw new ApiError(409, "subscription_active", "This team has a subscription: cancel it in the billing portal before deleting the team");
  }
}
