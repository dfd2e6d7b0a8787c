import { withSession } from "@/lib/auth/with-session";
import { acceptInvite } from "@/lib/teams/invites";

// The token is the credential for the team; the session says who joins.
export const POST = withSession<{ token: string }>(async (_req, { user, params }) => Response.json({ team: await acceptInvite(params.token, user) }));
