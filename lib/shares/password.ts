import { verifyPassword } from "@/lib/auth/password";
import { ApiError } from "@/lib/http/errors";
import { sharePath, shareCookieName, shareCookieValue, type SharedSite } from "./shares";

/**
 * Checks a shared link's password and, when right, answers the Set-Cookie
 * values that remember it, scoped to that link: one for its page, one for its
 * stats API (a cookie has one path). SameSite=None over HTTPS, so an embed in
 * another site's iframe keeps it where the browser allows third-party cookies.
 */
export async function unlockShare({ share }: SharedSite, token: string, password: string, https: boolean): Promise<string[]> {
  if (!share.passwordHash || !(await verifyPassword(password, share.passwordHash))) {
    throw new ApiError(401, "wrong_password", "That password is not right");
  }
  const flags = ["HttpOnly", `Max-Age=${30 * 24 * 3600}`, ...(https ? ["Secure", "SameSite=None"] : ["SameSite=Lax"])];
  return [sharePath(token), `/api/share/${token}`].map((path) => [`${shareCookieName(share)}=${shareCookieValue(share)}`, `Path=${path}`, ...flags].join("; "));
}
