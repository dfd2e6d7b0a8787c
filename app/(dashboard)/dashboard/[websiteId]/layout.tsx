import { requireWebsite } from "@/components/dashboard/require-user";
import { SiteHeader } from "@/components/site/site-header";

export default async function SiteLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ websiteId: string }>;
}) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}`);
  return (
    <>
      <SiteHeader website={website} />
      {children}
    </>
  );
}
