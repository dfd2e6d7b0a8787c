import { OverviewSkeleton } from "@/components/dashboard/skeletons";

export default function Loading() {
  return <OverviewSkeleton />;
}
