import { cn } from "@/lib/utils";

export function CodeBlock({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <pre
      className={cn(
        "overflow-x-auto rounded-lg border bg-muted/60 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all",
        className,
      )}
    >
      <code>{children}</code>
    </pre>
  );
}
