import type { CreateFunnelInput, CreateGoalInput } from "../../lib/schemas/goals";

// The demo site's goals and funnels, defined as an owner would in its settings,
// over the events scripts/demo/generate.ts makes (cta_click, signup, payment,
// newsletter_subscribe) and its pages.
export const demoGoals: CreateGoalInput[] = [
  { name: "Signed up", eventName: "signup", description: "The sign-up form was sent" },
  { name: "Paid", eventName: "payment", description: "A checkout completed (the payment itself comes from Stripe)" },
  { name: "CTA clicked", eventName: "cta_click", description: "A call-to-action button (data-goal=\"cta_click\")" },
  { name: "Newsletter", eventName: "newsletter_subscribe" },
  { name: "Saw pricing", pagePath: "/pricing" },
  { name: "Read the blog", pagePath: "/blog/*" },
];

export const demoFunnels: CreateFunnelInput[] = [
  {
    name: "Pricing to payment",
    steps: [
      { name: "Saw pricing", type: "page", value: "/pricing" },
      { name: "Signed up", type: "goal", value: "signup" },
      { name: "Paid", type: "goal", value: "payment" },
    ],
    windowHours: 24,
  },
  {
    name: "Home to signup",
    steps: [
      { name: "Home", type: "page", value: "/" },
      { name: "Clicked a CTA", type: "goal", value: "cta_click" },
      { name: "Signed up", type: "goal", value: "signup" },
    ],
    windowHours: 24,
  },
];
