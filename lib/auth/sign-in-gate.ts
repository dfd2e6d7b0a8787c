import { toErrorResponse } from "@/lib/http/errors";
import { checkLimit, requestIp, takeLimit } from "./rate-limits";

/**
 * In front of next-auth's credentials sign-in: every attempt is charged to the
 * client IP, and an account that has used up its budget of wrong passwords is
 * refused before its password is even hashed. Both answer 429 with
 * Retry-After. Null lets next-auth go on.
 */
export async function signInGate(req: Request): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  try {
    takeLimit("signin-ip", requestIp(req));
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    if (email) checkLimit("signin-account", email);
    return null;
  } catch (err) {
    return toErrorResponse(err);
  }
}
