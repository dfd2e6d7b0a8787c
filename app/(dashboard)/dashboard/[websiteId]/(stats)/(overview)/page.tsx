import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { SiteDashboard } from "@/components/site/dashboard/site-dashboard";
import { heldRange } from "@/lib/privacy/retention";

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
  const held = await heldRange({ _id: website.id, teamId: website.teamId, timezone: website.timezone, settings: website.settings });
  return <SiteDashboard website={website} held={held && { days: held.days, day: held.day, at: held.at.toISOString() }} />;
}
