import { Types } from "mongoose";
import { sendLinkMailLater } from "@/lib/mail/send";
import { appOrigin, mailer } from "@/lib/mail/transport";
import { Membership } from "@/models/Membership";
import { Team } from "@/models/Team";
import { User } from "@/models/User";
import type { Plan } from "./plans";

const num = (n: number) => n.toLocaleString("en-US");

/** The addresses billing mail goes to: the team's owners whose address is confirmed (never an unverified one). */
async function verifiedOwners(teamId: Types.ObjectId): Promise<string[]> {
  const owners = await Membership.find({ teamId, role: "owner" }, { userId: 1 }).lean();
  const users = await User.find({ _id: { $in: owners.map((o) => o.userId) }, emailVerifiedAt: { $exists: true } }, { email: 1 }).lean();
  return users.map((u) => u.email);
}

/** Mails the owners that the team reached 80 % or 100 % of its plan's events this month (when SMTP is set). */
export async function mailUsageWarning(teamId: Types.ObjectId, level: 80 | 100, usage: { events: number; limit: number; plan: Plan; graceDays: number }): Promise<number> {
  if (!mailer()) return 0;
  const team = await Team.findById(teamId, { name: 1, personal: 1 }).lean();
  if (!team) return 0;
  const name = team.personal ? "your personal team" : `the team "${team.name}"`;
  const used = `${num(usage.events)} of the ${num(usage.limit)} events`;
  const mail =
    level === 100
      ? {
          subject: `Trailmark: ${team.personal ? "you" : team.name} reached this month's event limit`,
          intro: `Sites of ${name} recorded ${used} that the ${usage.plan.name} plan includes this month. Tracking goes on and nothing is dropped. If the team stays over its plan for ${usage.graceDays} days, its dashboards show an upgrade page instead of stats until the plan fits again.`,
        }
      : {
          subject: `Trailmark: ${team.personal ? "you have" : `${team.name} has`} used 80% of this month's events`,
          intro: `Sites of ${name} recorded ${used} that the ${usage.plan.name} plan includes this month. Nothing changes yet; a larger plan keeps room to grow.`,
        };
  const to = await verifiedOwners(teamId);
  for (const address of to) {
    sendLinkMailLater({ to: address, ...mail, action: { label: "See usage and plans", url: `${appOrigin()}/team/${teamId}#billing` } }, `usage warning (${level}%)`);
  }
  return to.length;
}
