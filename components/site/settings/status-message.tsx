import { AlertCircle, CheckCircle2 } from "lucide-react";
import { cn } from "@/lib/utils";
import type { Status } from "./use-patch-website";

export function StatusMessage({ status, className }: { status: Status; className?: string }) {
  if (!status) return null;
  const Icon = status.kind === "success" ? CheckCircle2 : AlertCircle;
  return (
    <p
      role={status.kind === "error" ? "alert" : "status"}
      className={cn(
        "inline-flex items-center gap-1.5 text-sm",
        status.kind === "success" ? "text-success" : "text-destructive",
        className,
      )}
    >
      <Icon className="size-4 shrink-0" />
      {status.message}
    </p>
  );
}
