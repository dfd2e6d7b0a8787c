import { ArrowRight, EyeOff, Globe, ShieldCheck } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const REASONS = [
  {
    icon: EyeOff,
    title: "Counted despite ad blockers",
    text: "Blockers match well-known analytics hosts. Your own domain is not on their lists, so visits they would hide are counted.",
  },
  {
    icon: Globe,
    title: "First-party requests only",
    text: "No third-party DNS lookup, no cross-origin request and no CORS preflight; a Content-Security-Policy of 'self' is enough.",
  },
  {
    icon: ShieldCheck,
    title: "Same privacy",
    text: "Cookies stay first-party on your domain as before. The visitor's IP places them on the map and is never stored.",
  },
];

function Hop({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0 rounded-lg border bg-background px-3 py-2">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className="truncate font-mono text-xs" title={value}>
        {value}
      </div>
    </div>
  );
}

/** Why a site owner would bother, and the path a request takes once they do. */
export function WhyProxy({ domain, origin }: { domain: string; origin: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Serve Trailmark from your own domain</CardTitle>
        <CardDescription>
          Your site forwards two paths, <span className="font-mono">/js/script.js</span> and{" "}
          <span className="font-mono">/api/track</span>, to Trailmark. To the browser, analytics is part of {domain}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid items-center gap-2 sm:grid-cols-[1fr_auto_1fr_auto_1fr]" aria-label="Request path">
          <Hop label="Visitor's browser" value="same-origin request" />
          <ArrowRight className="mx-auto size-4 rotate-90 text-muted-foreground sm:rotate-0" />
          <Hop label="Your domain (proxy)" value={`${domain}/api/track`} />
          <ArrowRight className="mx-auto size-4 rotate-90 text-muted-foreground sm:rotate-0" />
          <Hop label="Trailmark" value={`${origin || "…"}/api/track`} />
        </div>
        <ul className="grid gap-4 sm:grid-cols-3">
          {REASONS.map(({ icon: Icon, title, text }) => (
            <li key={title} className="grid content-start gap-1.5">
              <span className="flex items-center gap-2 text-sm font-medium">
                <Icon className="size-4 text-brand" /> {title}
              </span>
              <p className="text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
