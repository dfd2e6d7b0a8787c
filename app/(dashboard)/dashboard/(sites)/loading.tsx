import { SitesSkeleton } from "@/components/dashboard/skeletons";

// In its own route group, so this loading boundary wraps the sites list only.
// Above /dashboard/{id} it would stream a 200 before the site's layout can
// answer 404 for someone else's site.
export default function Loading() {
  return <SitesSkeleton />;
}
