import type { Metadata } from "next";
import { listTeams } from "@/lib/teams/teams";
import { listWebsites } from "@/lib/websites/service";
import { requireUser } from "@/components/dashboard/require-user";
import { SitesList } from "@/components/dashboard/sites-list";
import { sitesPage } from "@/components/dashboard/sites-page";

export const metadata: Metadata = { title: "Sites" };

type Query = { days?: string; q?: string; page?: string };

export default async function SitesPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser("/dashboard");
  const query = await searchParams;
  const days = query.days === "7" ? 7 : 30;
  const [sites, teams] = await Promise.all([listWebsites(user.id), listTeams(user.id)]);
  // Sites of a team stay together across pages, teams in the order of their headings.
  const order = new Map(teams.map((t, i) => [t.id, i]));
  const grouped = teams.length > 1 ? [...sites].sort((a, b) => (order.get(a.teamId) ?? 0) - (order.get(b.teamId) ?? 0)) : sites;
  const list = sitesPage(grouped, { q: typeof query.q === "string" ? query.q : "", page: typeof query.page === "string" ? query.page : undefined });
  return <SitesList list={list} teams={teams.map((t) => ({ id: t.id, name: t.personal ? "Personal" : t.name }))} days={days} />;
}
