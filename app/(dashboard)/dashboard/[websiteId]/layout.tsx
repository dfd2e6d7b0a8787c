import { Suspense } from "react";
import { requireWebsite } from "@/components/dashboard/require-user";
import { BillingBanner } from "@/components/billing/billing-banner";
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
      {/* Counting the month's events must not hold up the page. */}
      <Suspense>
        <BillingBanner teamId={website.teamId} owner={website.role === "owner"} />
      </Suspense>
      {children}
    </>
  );
}
