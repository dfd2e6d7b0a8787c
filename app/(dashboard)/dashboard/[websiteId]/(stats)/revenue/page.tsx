import type { Metadata } from "next";
import { getRecentPayments } from "@/lib/payments/get-recent-payments";
import { requireWebsite } from "@/components/dashboard/require-user";
import { PaymentsList } from "@/components/site/revenue/payments-list";

export const metadata: Metadata = { title: "Revenue" };

export default async function RevenuePage({ params }: { params: Promise<{ websiteId: string }> }) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/revenue`);
  return <PaymentsList website={website} payments={await getRecentPayments(website.id, 50)} />;
}
