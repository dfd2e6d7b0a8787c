import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { SiteSettings } from "@/components/site/settings/site-settings";

type Props = { params: Promise<{ websiteId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/settings`, "admin");
  return { title: `Settings · ${website.name}` };
}

export default async function SiteSettingsPage({ params }: Props) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/settings`, "admin");
  return <SiteSettings website={website} />;
}
