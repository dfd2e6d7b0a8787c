import { withSession } from "@/lib/auth/with-session";
import { parseJson } from "@/lib/http/body";
import { getEmailReports, updateEmailReports } from "@/lib/reports/preferences";
import { emailReportsSchema } from "@/lib/schemas/integrations";

export const GET = withSession(async (_req, { user }) => Response.json(await getEmailReports(user.id)));

export const PATCH = withSession(async (req, { user }) => Response.json(await updateEmailReports(user.id, await parseJson(req, emailReportsSchema))));
