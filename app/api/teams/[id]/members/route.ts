import { withTeam } from "@/lib/auth/with-team";
import { listMembers } from "@/lib/teams/members";

// Viewers get names only; admins and owners get addresses and roles too.
export const GET = withTeam("viewer", async (_req, { team, role }) => Response.json({ members: await listMembers(team._id, role) }));
