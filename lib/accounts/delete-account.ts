import { Types } from "mongoose";
import { assertNoLiveSubscription } from "@/lib/billing/limits";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { audit } from "@/lib/teams/audit";
import { membershipsOf, ownerCount } from "@/lib/teams/membership";
import { deleteTeam } from "@/lib/teams/teams";
import { AccountToken } from "@/models/AccountToken";
import { Membership, membershipKey } from "@/models/Membership";
import { Team, type TeamDoc } from "@/models/Team";
import { User } from "@/models/User";
import { AuditEvent } from "@/models/AuditEvent";
import { Invite } from "@/models/Invite";
import { Website } from "@/models/Website";
import { assertPassword } from "./credentials";

const DELETED = "a deleted account";

/**
 * Deletes the account: its personal team and every team it is the only owner
 * of, each with all of its sites' data (the same deletion as deleting a site
 * by hand), and its place in the other teams. Needs the password, or for an
 * account without one (GitHub, Google) its email typed out.
 */
export async function deleteAccount(user: { id: string; email: string; name: string; hasPassword: boolean }, confirm: { password?: string; confirmEmail?: string }): Promise<void> {
  if (user.hasPassword) {
    if (!confirm.password) throw new ApiError(400, "invalid_input", "password: give your password to delete your account");
    await assertPassword(user.id, user.email, confirm.password);
  } else if (confirm.confirmEmail?.trim().toLowerCase() !== user.email) {
    throw new ApiError(400, "invalid_input", "confirmEmail: type your email address to delete your account");
  }
  await connectDb();
  const memberships = await membershipsOf(user.id);
  const goesWithAccount = async (teamId: unknown, role: string) => String(teamId) === user.id || (role === "owner" && (await ownerCount(teamId)) === 1);
  // Checked for every team first, so a refusal leaves the account whole.
  for (const { teamId, role } of memberships) if (await goesWithAccount(teamId, role)) await assertNoLiveSubscription(teamId);
  for (const { teamId, role } of memberships) {
    const team = await Team.findById(teamId).lean<TeamDoc>();
    if (team && (await goesWithAccount(teamId, role))) {
      await deleteTeam(team, { withAccount: true });
    } else {
      await Membership.deleteOne({ _id: membershipKey(teamId, user.id) });
      // Recorded without the person: the account and its address are what is being deleted.
      await audit(teamId, null, "member.left", { target: DELETED, detail: "account deleted" });
    }
  }
  // A personal team whose membership was lost still goes (and with it, sites from before teams).
  const personal = await Team.findById(user.id).lean<TeamDoc>();
  if (personal) await deleteTeam(personal, { withAccount: true });
  await AccountToken.deleteMany({ userId: new Types.ObjectId(user.id) });
  // Other teams' logs and invites keep their lines, not the person.
  await AuditEvent.updateMany({ actorId: new Types.ObjectId(user.id) }, { $unset: { actorId: 1 }, $set: { actorName: DELETED } });
  await AuditEvent.updateMany({ target: user.email }, { $set: { target: DELETED } });
  await Invite.deleteMany({ email: user.email });
  // Sites the account created in teams that stay: the team is their owner now, so the creator's id goes.
  for (const site of await Website.find({ userId: new Types.ObjectId(user.id) }, { teamId: 1 }).lean()) {
    if (site.teamId) await Website.updateOne({ _id: site._id }, { $set: { userId: site.teamId } });
  }
  await User.deleteOne({ _id: user.id });
}
