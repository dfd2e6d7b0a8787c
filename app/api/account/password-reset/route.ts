import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { assertSameOrigin } from "@/lib/auth/origin";
import { requestIp, takeLimit } from "@/lib/auth/rate-limits";
import { parseJson } from "@/lib/http/body";
import { toErrorResponse } from "@/lib/http/errors";
import { resetRequestSchema } from "@/lib/schemas/account";

/** 202 whatever the address: whether it has an account is never told. */
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    takeLimit("reset-ip", requestIp(req));
    const { email } = await parseJson(req, resetRequestSchema);
    takeLimit("reset-email", email);
    await requestPasswordReset(email);
    return new Response(null, { status: 202 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
