import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { RevenueView } from "@/components/site/revenue/revenue-view";
import { hasRole } from "@/lib/teams/roles";

export const metadata: Metadata = { title: "Revenue" };

export default async function RevenuePage({ params }: { params: Promise<{ websiteId: string }> }) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/revenue`);
  return <RevenueView websiteId={website.id} timezone={website.timezone} currency={website.currency} showCustomers={hasRole(website.role, "admin")} />;
}
