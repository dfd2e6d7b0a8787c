import { SitesSkeleton } from "@/components/dashboard/skeletons";

export default function Loading() {
  return <SitesSkeleton />;
}
