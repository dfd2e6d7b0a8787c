import { checkLimit, chargeLimit, requestIp } from "@/lib/auth/rate-limits";
import { withShare } from "@/lib/auth/with-share";
import { parseJson } from "@/lib/http/body";
import { sharePasswordSchema } from "@/lib/schemas/shares";
import { unlockShare } from "@/lib/shares/password";

/** The password form of a protected link: right, and cookies scoped to the link remember it; wrong attempts are limited. */
export const POST = withShare(
  async (req, { shared, token }) => {
    const { password } = await parseJson(req, sharePasswordSchema);
    const key = `${String(shared.share._id)}:${requestIp(req)}`;
    checkLimit("share-password", key);
    let cookies: string[];
    try {
      cookies = await unlockShare(shared, token, password, new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https");
    } catch (err) {
      chargeLimit("share-password", key);
      throw err;
    }
    const res = new Response(null, { status: 204 });
    for (const c of cookies) res.headers.append("Set-Cookie", c);
    return res;
  },
  { unlock: true },
);
