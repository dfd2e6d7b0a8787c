import { SettingsSkeleton } from "@/components/dashboard/skeletons";

export default function Loading() {
  return <SettingsSkeleton />;
}
