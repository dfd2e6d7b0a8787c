import type { Metadata } from "next";
import { listTeams } from "@/lib/teams/teams";
import { requireUser } from "@/components/dashboard/require-user";
import { TeamsList } from "@/components/teams/teams-list";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireUser("/teams");
  return <TeamsList teams={await listTeams(user.id)} />;
}
