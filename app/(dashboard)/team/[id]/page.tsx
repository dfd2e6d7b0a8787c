import type { Metadata } from "next";
import { confirmCheckout } from "@/lib/billing/checkout";
import { billingConfig } from "@/lib/billing/config";
import { planDTO } from "@/lib/billing/overview";
import { teamWebsites } from "@/lib/teams/teams";
import { requireTeam } from "@/components/dashboard/require-user";
import { TeamView } from "@/components/teams/team-view";

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<{ checkout?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { team } = await requireTeam(id, `/team/${id}`);
  return { title: team.personal ? "Personal team" : team.name };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { user, team } = await requireTeam(id, `/team/${id}`);
  // Back from Stripe Checkout: the payment shows at once, whether or not Stripe's webhook has arrived.
  const checkout = (await searchParams)?.checkout;
  if (typeof checkout === "string" && team.role === "owner") await confirmCheckout(team.id, checkout).catch((err) => console.error("[billing] confirming a checkout failed:", (err as Error).message));
  const sites = (await teamWebsites(team.id)).map((w) => ({ id: String(w._id), name: w.name, domain: w.domain }));
  const billing = billingConfig();
  return <TeamView team={team} me={{ id: user.id, emailVerified: user.emailVerified }} sites={sites} plans={billing ? billing.plans.map(planDTO) : null} />;
}
