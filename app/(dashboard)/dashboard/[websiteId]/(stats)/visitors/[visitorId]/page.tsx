import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { VisitorProfile } from "@/components/site/visitor/visitor-profile";

type Props = { params: Promise<{ websiteId: string; visitorId: string }> };

export const metadata: Metadata = { title: "Visitor" };

export default async function VisitorPage({ params }: Props) {
  const { websiteId, visitorId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/visitors/${visitorId}`);
  return <VisitorProfile website={website} visitorId={visitorId} />;
}
