import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * A team's standing with the hosted service, kept only when billing is on.
 * _id is the team's id, so every read is an _id lookup. The subscription
 * fields mirror Trailmark's own Stripe account (lib/billing/webhook); the
 * `...Since` dates start the grace period before the dashboard locks.
 */
const teamBillingSchema = new Schema(
  {
    _id: { type: Types.ObjectId },
    // The free trial every new team starts with, no card needed.
    trialEndsAt: { type: Date, required: true },
    customerId: { type: String },
    subscriptionId: { type: String },
    // When Stripe created the subscription: events of an older one never overwrite a newer one.
    subscriptionCreatedAt: { type: Date },
    status: { type: String, enum: SUBSCRIPTION_STATUSES },
    planId: { type: String },
    priceId: { type: String },
    interval: { type: String, enum: ["month", "year"] },
    currentPeriodEnd: { type: Date },
    cancelAtPeriodEnd: { type: Boolean },
    endedAt: { type: Date },
    pastDueSince: { type: Date },
    // Set when the team was first seen over its plan (events this month, sites or members); cleared once it fits.
    overLimitSince: { type: Date },
    overLimit: { type: [String], default: undefined },
    // The plan's data retention in days (null: forever), for the retention job to apply to the team's sites.
    retentionDays: { type: Number, default: null },
    // The highest usage warning mailed for a month (80 or 100), so each goes out once.
    notified: { month: { type: String }, level: { type: Number } },
  },
  { timestamps: true },
);
teamBillingSchema.index({ customerId: 1 });

export type TeamBillingDoc = InferSchemaType<typeof teamBillingSchema> & { _id: Types.ObjectId; status?: SubscriptionStatus | null };
export const TeamBilling = defineModel("TeamBilling", teamBillingSchema);
