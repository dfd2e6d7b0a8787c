import { SectionSkeleton } from "@/components/dashboard/skeletons";

export default function Loading() {
  return <SectionSkeleton label="Loading" />;
}
