import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { mailer, sendReport } from "@/lib/reports/send";
import { sendReportSchema } from "@/lib/schemas/integrations";

/** "Send me one now": the last complete period's report, to the signed-in user only. */
export const POST = withSession(async (req, { user }) => {
  const { kind } = await parseJson(req, sendReportSchema);
  if (!mailer()) throw new ApiError(409, "smtp_not_configured", "Set SMTP_URL to send email reports");
  try {
    const { to } = await sendReport(user.id, kind);
    return Response.json({ sent: true, to });
  } catch (err) {
    console.error("[reports] send failed", err);
    throw new ApiError(502, "smtp_failed", `The mail server did not accept the report: ${(err as Error).message}`);
  }
});
