import { withTeam } from "@/lib/auth/with-team";
import { billingOnly } from "@/lib/billing/billing-only";
import { openPortal } from "@/lib/billing/checkout";

export const POST = billingOnly(withTeam("owner", async (_req, { team }) => Response.json(await openPortal(team))));
