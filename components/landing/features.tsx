import { CircleDollarSign, GitCommitHorizontal, ShieldCheck, Zap } from "lucide-react";

const FEATURES = [
  {
    icon: CircleDollarSign,
    title: "Revenue attribution",
    body: "Stripe, LemonSqueezy, Polar and Paddle payments are tied to the visitor and the source that brought them.",
  },
  {
    icon: ShieldCheck,
    title: "Privacy first",
    body: "No raw IPs stored, a cookieless mode, Do Not Track respected. Count visitors without tracking people.",
  },
  {
    icon: GitCommitHorizontal,
    title: "Context on one chart",
    body: "Visitors, revenue, X mentions and GitHub commits side by side, so you see what actually moved the needle.",
  },
  {
    icon: Zap,
    title: "One small script",
    body: "A tiny tag, no consent-banner-sized SDK. Goals, funnels and a public REST API when you want more.",
  },
];

export function Features() {
  return (
    <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {FEATURES.map(({ icon: Icon, title, body }) => (
        <div key={title} className="rounded-xl border bg-card p-5 shadow-xs">
          <div className="mb-3 flex size-9 items-center justify-center rounded-lg bg-brand-soft text-brand">
            <Icon className="size-5" />
          </div>
          <h3 className="font-semibold">{title}</h3>
          <p className="mt-1.5 text-sm leading-relaxed text-muted-foreground">{body}</p>
        </div>
      ))}
    </section>
  );
}
