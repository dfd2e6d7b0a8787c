import { Logo } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";

/** The top bar of the docs pages: the logo home, one link to the other docs page, the theme toggle. */
export function DocsHeader({ href, label }: { href: string; label: string }) {
  return (
    <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-4 sm:px-6">
      <Logo />
      <div className="flex items-center gap-3 text-sm">
        <a href={href} className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
          {label}
        </a>
        <ThemeToggle />
      </div>
    </header>
  );
}
