import type { Metadata } from "next";
import { getSiteSummary } from "@/lib/stats/get-site-summary";
import { requireWebsite } from "@/components/dashboard/require-user";
import { parsePeriod } from "@/components/site/overview/period";
import { SiteOverview } from "@/components/site/overview/site-overview";

type Props = {
  params: Promise<{ websiteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}`);
  return { title: website.name };
}

export default async function SiteOverviewPage({ params, searchParams }: Props) {
  const [{ websiteId }, query] = await Promise.all([params, searchParams]);
  const period = parsePeriod(query.period);
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}?period=${period.key}`);
  const summary = await getSiteSummary(website.id, { days: period.days });
  return <SiteOverview website={website} summary={summary} period={period} />;
}
