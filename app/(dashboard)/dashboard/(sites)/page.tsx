import type { Metadata } from "next";
import { listWebsites } from "@/lib/websites/service";
import { requireUser } from "@/components/dashboard/require-user";
import { SitesList } from "@/components/dashboard/sites-list";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const user = await requireUser("/dashboard");
  const days = (await searchParams).days === "7" ? 7 : 30;
  return <SitesList sites={await listWebsites(user.id)} days={days} />;
}
