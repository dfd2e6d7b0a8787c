import { endAllSessions } from "@/lib/accounts/credentials";
import { reissueSession } from "@/lib/auth/session-cookie";
import { withSession } from "@/lib/auth/with-session";

/** "Sign out everywhere else": every session but the caller's ends at once; theirs is re-issued under the new generation. */
export const POST = withSession(async (_req, { user }) => {
  await reissueSession(await endAllSessions(user.id));
  return new Response(null, { status: 204 });
});
