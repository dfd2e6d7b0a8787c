import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { sessionUser, type SessionUser } from "./session-user";

export type CurrentUser = SessionUser;

/**
 * The signed-in user. The session cookie is decoded here and the account
 * re-read from the store, so a deleted account, a changed password or "sign
 * out everywhere" ends a session on its very next request.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const jar = await cookies();
  const token = await getToken({ req: { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"] });
  if (!token) return null;
  return sessionUser(token.uid, token.gen);
}
