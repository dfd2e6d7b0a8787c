import { resetPassword } from "@/lib/accounts/password-reset";
import { assertSameOrigin } from "@/lib/auth/origin";
import { requestIp, takeLimit } from "@/lib/auth/rate-limits";
import { parseJson } from "@/lib/http/body";
import { ApiError, toErrorResponse } from "@/lib/http/errors";
import { resetConfirmSchema } from "@/lib/schemas/account";

/** The new password from a reset link; every session of the account ends. */
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    takeLimit("reset-ip", requestIp(req));
    const { token, password } = await parseJson(req, resetConfirmSchema);
    if (!(await resetPassword(token, password))) throw new ApiError(400, "invalid_token", "This reset link is unknown, used or expired; ask for a new one");
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
