import type { Metadata } from "next";
import { getRecentPayments } from "@/lib/payments/get-recent-payments";
import { getLiveVisitors } from "@/lib/visitors/get-live-visitors";
import { requireWebsite } from "@/components/dashboard/require-user";
import { RealtimeView } from "@/components/site/realtime/realtime-view";

export const metadata: Metadata = { title: "Realtime" };

export default async function RealtimePage({ params }: { params: Promise<{ websiteId: string }> }) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/realtime`);
  const [initial, payments] = await Promise.all([getLiveVisitors(website.id), getRecentPayments(website.id, 10)]);
  return <RealtimeView websiteId={website.id} currency={website.currency} initial={initial} payments={payments} />;
}
