import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** An empty list that says what to do next, not just that nothing is there. */
export function EmptyState({ icon: Icon, title, children, className }: { icon: LucideIcon; title: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center", className)}>
      <span className="flex size-10 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Icon className="size-5" />
      </span>
      <p className="font-medium">{title}</p>
      <div className="max-w-md text-sm text-muted-foreground">{children}</div>
    </div>
  );
}
