import { withTeam } from "@/lib/auth/with-team";
import { teamUsage } from "@/lib/billing/usage/team-usage";

export const dynamic = "force-dynamic";

export const GET = withTeam("viewer", async (_req, { team }) => Response.json((await teamUsage(team._id)).usage));
