import { withTeam } from "@/lib/auth/with-team";
import { billingOnly } from "@/lib/billing/billing-only";
import { openCheckout } from "@/lib/billing/checkout";
import { parseJson } from "@/lib/http/body";
import { checkoutSchema } from "@/lib/schemas/billing";

export const POST = billingOnly(withTeam("owner", async (req, { team, user }) => Response.json(await openCheckout(team, user, await parseJson(req, checkoutSchema)))));
