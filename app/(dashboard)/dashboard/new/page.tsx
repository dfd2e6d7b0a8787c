import type { Metadata } from "next";
import { listTeams } from "@/lib/teams/teams";
import { requireUser } from "@/components/dashboard/require-user";
import { PageHeader } from "@/components/dashboard/page-header";
import { NewSiteForm } from "@/components/site/new-site-form";

export const metadata: Metadata = { title: "Add a site" };

export default async function NewSitePage({ searchParams }: { searchParams: Promise<{ team?: string }> }) {
  const user = await requireUser("/dashboard/new");
  const teams = (await listTeams(user.id)).filter((t) => t.role !== "viewer").map((t) => ({ id: t.id, name: t.personal ? "Personal" : t.name }));
  const { team } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Add a site" description="Tell us where the script will run; you can change these later." />
      <NewSiteForm teams={teams} defaultTeam={typeof team === "string" ? team : undefined} />
    </div>
  );
}
