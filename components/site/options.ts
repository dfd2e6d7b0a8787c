"use client";

import { useSyncExternalStore } from "react";

export const COMMON_TIMEZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Amsterdam",
  "Europe/Warsaw",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
];

export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SEK", "NOK", "DKK", "PLN", "INR", "BRL"];

/** The list shown in a select, always including the values currently in play. */
export function withExtras(base: string[], ...extras: (string | null | undefined)[]): string[] {
  const all = [...base];
  for (const extra of extras) if (extra && !all.includes(extra)) all.push(extra);
  return all;
}

const noopSubscribe = () => () => {};

/** The visitor's own zone, known only in the browser (null during server rendering). */
export function useBrowserTimezone(): string | null {
  return useSyncExternalStore(
    noopSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => null,
  );
}
