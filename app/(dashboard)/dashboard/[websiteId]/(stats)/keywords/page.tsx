import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { KeywordsPanel } from "@/components/integrations/keywords-panel";

type Props = { params: Promise<{ websiteId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/keywords`);
  return { title: `Keywords · ${website.name}` };
}

export default async function KeywordsPage({ params }: Props) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/keywords`);
  return <KeywordsPanel websiteId={website.id} />;
}
