"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function SiteNav({ websiteId }: { websiteId: string }) {
  const pathname = usePathname();
  const base = `/dashboard/${websiteId}`;
  const items = [
    { href: base, label: "Overview", active: pathname === base },
    { href: `${base}/keywords`, label: "Keywords", active: pathname.startsWith(`${base}/keywords`) },
    { href: `${base}/proxy`, label: "Proxy", active: pathname.startsWith(`${base}/proxy`) },
    { href: `${base}/settings`, label: "Settings", active: pathname.startsWith(`${base}/settings`) },
  ];
  return (
    <nav className="-mb-px flex gap-1 overflow-x-auto" aria-label="Site">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={cn(
            "border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
            item.active
              ? "border-foreground text-foreground"
              : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
