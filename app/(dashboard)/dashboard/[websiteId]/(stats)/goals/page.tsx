import type { Metadata } from "next";
import { requireWebsite } from "@/components/dashboard/require-user";
import { GoalsView } from "@/components/site/goals/goals-view";
import { parsePeriod } from "@/components/site/overview/period";

type Props = { params: Promise<{ websiteId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Goals" };

export default async function GoalsPage({ params, searchParams }: Props) {
  const [{ websiteId }, query] = await Promise.all([params, searchParams]);
  const period = parsePeriod(query.period);
  const { website } = await requireWebsite(websiteId, `/dashboard/${websiteId}/goals?period=${period.key}`);
  return <GoalsView website={website} period={period} />;
}
