import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { listPayments } from "@/lib/payments/list-payments";
import { paymentsQuerySchema, statsParams } from "@/lib/schemas/stats";
import { statsSite } from "@/lib/stats";
import { hasRole } from "@/lib/teams/roles";

export const dynamic = "force-dynamic";

// Who paid (name, user id) is personal data: owners and admins only.
export const GET = withWebsiteStats(async (req, { website, role }) =>
  Response.json(await listPayments(statsSite(website), paymentsQuerySchema.parse(statsParams(req.url)), { withCustomers: hasRole(role, "admin") })),
);
