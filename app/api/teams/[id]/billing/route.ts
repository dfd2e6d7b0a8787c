import { withTeam } from "@/lib/auth/with-team";
import { billingOnly } from "@/lib/billing/billing-only";
import { billingOverview } from "@/lib/billing/overview";

export const dynamic = "force-dynamic";

export const GET = billingOnly(withTeam("owner", async (_req, { team }) => Response.json(await billingOverview(team))));
