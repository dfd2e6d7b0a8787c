import { requireWebsite } from "@/components/dashboard/require-user";
import { UpgradeWall } from "@/components/billing/upgrade-wall";
import { statsLock } from "@/lib/billing/lock";
import { DemoNotice } from "@/components/site/demo-notice";

/**
 * The stats pages of a site (overview, goals, funnels, revenue, realtime,
 * visitors, keywords). While billing has locked the site's team, they show
 * the upgrade page instead; settings, exports and tracking stay as they are.
 */
export default async function StatsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ websiteId: string }> }) {
  const { websiteId } = await params;
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}`);
  if (await statsLock(website.teamId)) return <UpgradeWall teamId={website.teamId} siteName={website.name} owner={website.role === "owner"} />;
  return (
    <>
      {website.demo ? <DemoNotice websiteId={website.id} /> : null}
      {children}
    </>
  );
}
