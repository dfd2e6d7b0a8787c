import { withTeam } from "@/lib/auth/with-team";
import { parseQuery } from "@/lib/schemas/api-v1";
import { auditQuerySchema } from "@/lib/schemas/teams";
import { listAudit } from "@/lib/teams/audit";

export const dynamic = "force-dynamic";

export const GET = withTeam("admin", async (req, { team }) => Response.json({ entries: await listAudit(team._id, parseQuery(req.url, auditQuerySchema)) }));
