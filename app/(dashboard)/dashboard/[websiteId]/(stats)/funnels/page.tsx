import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { FunnelsView } from "@/components/site/funnels/funnels-view";
import { parsePeriod } from "@/components/site/overview/period";

type Props = { params: Promise<{ websiteId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Funnels" };

export default async function FunnelsPage({ params, searchParams }: Props) {
  const [{ websiteId }, query] = await Promise.all([params, searchParams]);
  const period = parsePeriod(query.period);
  const funnelId = typeof query.funnel === "string" ? query.funnel : undefined;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/funnels`);
  return <FunnelsView website={website} period={period} funnelId={funnelId} />;
}
