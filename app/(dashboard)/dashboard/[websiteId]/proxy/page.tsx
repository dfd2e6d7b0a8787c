import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { ProxyGuide } from "@/components/site/proxy/proxy-guide";

type Props = { params: Promise<{ websiteId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/proxy`, "admin");
  return { title: `Proxy · ${website.name}` };
}

export default async function SiteProxyPage({ params }: Props) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/proxy`, "admin");
  // Read at request time: the operator's setting, not the build machine's.
  return <ProxyGuide website={website} trustedIpHeader={process.env.TRUSTED_IP_HEADER?.trim().toLowerCase() || null} />;
}
