import Link from "next/link";
import { Logo } from "@/components/logo";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "@/components/theme-toggle";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
}

export function TopBar({ user }: { user: { name: string; email: string } }) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Logo href="/dashboard" />
        <nav className="flex items-center">
          {[
            ["/dashboard", "Sites"],
            ["/teams", "Teams"],
          ].map(([href, label]) => (
            <Link
              key={href}
              href={href}
              className="rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-foreground"
            >
              {label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <Link href="/account" className="flex min-w-0 items-center gap-2 rounded-md px-1 py-0.5 hover:bg-accent" title={`${user.email}: account settings`} aria-label="Account">
            <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-soft text-xs font-semibold text-brand">
              {initials(user.name || user.email)}
            </span>
            <span className="hidden truncate text-sm font-medium md:inline">{user.name || user.email}</span>
          </Link>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
