import { cookies } from "next/headers";
import { encode, getToken } from "next-auth/jwt";
import { authOptions } from "./options";

const secure = () => process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
const cookieName = () => (secure() ? "__Secure-next-auth.session-token" : "next-auth.session-token");

/**
 * Re-issues the caller's own session under the account's new generation, so
 * "sign out everywhere" and a password change end every other session but
 * not the one that asked. Same cookie as next-auth sets (name, flags, lifetime).
 */
export async function reissueSession(generation: number): Promise<void> {
  const jar = await cookies();
  const token = await getToken({ req: { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"] });
  if (!token) return;
  const maxAge = authOptions.session?.maxAge ?? 30 * 24 * 60 * 60;
  const value = await encode({ token: { ...token, gen: generation }, secret: process.env.NEXTAUTH_SECRET!, maxAge });
  jar.set(cookieName(), value, { httpOnly: true, sameSite: "lax", path: "/", secure: secure(), maxAge });
}

/** Ends the caller's session (after deleting the account). */
export async function clearSession(): Promise<void> {
  (await cookies()).delete(cookieName());
}
