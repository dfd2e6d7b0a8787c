import { resendVerification } from "@/lib/accounts/verification";
import { takeLimit } from "@/lib/auth/rate-limits";
import { withSession } from "@/lib/auth/with-session";
import { ApiError } from "@/lib/http/errors";

export const POST = withSession(async (_req, { user }) => {
  if (user.emailVerified) throw new ApiError(409, "already_verified", "Your address is confirmed already");
  takeLimit("mail-account", user.id);
  if (!(await resendVerification(user.id, user.email))) throw new ApiError(409, "smtp_not_configured", "This server has no SMTP_URL, so it cannot send mail");
  return Response.json({ sent: true, to: user.email }, { status: 202 });
});
