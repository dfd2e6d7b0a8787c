import type { Metadata } from "next";
import { listTeams } from "@/lib/teams/teams";
import { listWebsites } from "@/lib/websites/service";
import { requireUser } from "@/components/dashboard/require-user";
import { SitesList } from "@/components/dashboard/sites-list";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const user = await requireUser("/dashboard");
  const days = (await searchParams).days === "7" ? 7 : 30;
  const [sites, teams] = await Promise.all([listWebsites(user.id), listTeams(user.id)]);
  return <SitesList sites={sites} teams={teams.map((t) => ({ id: t.id, name: t.personal ? "Personal" : t.name }))} days={days} />;
}
