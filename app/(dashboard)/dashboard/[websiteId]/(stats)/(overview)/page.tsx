import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { SiteDashboard } from "@/components/site/dashboard/site-dashboard";

type Props = { params: Promise<{ websiteId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}`);
  return { title: website.name };
}

// The view (period, filters, model) is read from the URL by the client component.
export default async function SiteOverviewPage({ params }: Props) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}`);
  return <SiteDashboard website={website} />;
}
