import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function SitesSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading sites">
      <div className="mb-6 flex items-end justify-between">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-4 w-56" />
        </div>
        <Skeleton className="h-9 w-24" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <Card key={i}>
            <CardHeader className="flex-row items-center gap-3">
              <Skeleton className="size-9" />
              <div className="grid flex-1 gap-2">
                <Skeleton className="h-4 w-32" />
                <Skeleton className="h-3 w-24" />
              </div>
            </CardHeader>
            <CardContent className="flex gap-2">
              <Skeleton className="h-5 w-24" />
              <Skeleton className="h-5 w-12" />
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}

export function OverviewSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading statistics">
      <div className="flex justify-between">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-9 w-60" />
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Card key={i} className="gap-2 px-4 py-4">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-7 w-20" />
          </Card>
        ))}
      </div>
      <Card className="px-5">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-60 w-full" />
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Card key={i} className="px-5">
            <Skeleton className="h-4 w-24" />
            {Array.from({ length: 4 }, (_, j) => (
              <Skeleton key={j} className="h-6 w-full" />
            ))}
          </Card>
        ))}
      </div>
    </div>
  );
}

export function SettingsSkeleton() {
  return (
    <div className="grid gap-6 lg:ml-52" aria-busy="true" aria-label="Loading settings">
      {Array.from({ length: 3 }, (_, i) => (
        <Card key={i} className="px-5">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </Card>
      ))}
    </div>
  );
}

/** Goals, funnels, realtime, visitor and revenue pages: a toolbar, a card of rows. */
export function SectionSkeleton({ label }: { label: string }) {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label={label}>
      <div className="flex flex-wrap justify-between gap-3">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-9 w-60" />
      </div>
      <Card className="px-5">
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-48 w-full" />
      </Card>
      <Card className="px-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-7 w-full" />
        ))}
      </Card>
    </div>
  );
}
