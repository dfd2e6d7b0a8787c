"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/lib/utils";

export function SiteNav({ websiteId, canAdmin }: { websiteId: string; canAdmin: boolean }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: bring the current one into view.
  useEffect(() => {
    nav.current?.querySelector<HTMLElement>("[aria-current=page]")?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [pathname]);
  const base = `/dashboard/${websiteId}`;
  const section = (path: string) => ({ href: `${base}/${path}`, active: pathname.startsWith(`${base}/${path}`) });
  const items = [
    { href: base, label: "Overview", active: pathname === base },
    { ...section("goals"), label: "Goals" },
    { ...section("funnels"), label: "Funnels" },
    { ...section("revenue"), label: "Revenue" },
    { ...section("realtime"), label: "Realtime" },
    { ...section("keywords"), label: "Keywords" },
    // Setup and settings are for the team's admins; viewers do not see them.
    ...(canAdmin ? [{ ...section("proxy"), label: "Proxy" }, { ...section("settings"), label: "Settings" }] : []),
  ];
  return (
    <nav ref={nav} className="-mb-px flex gap-1 overflow-x-auto" aria-label="Site">
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
