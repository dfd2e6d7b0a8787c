"use client";

import { SessionProvider } from "next-auth/react";

/** next-auth's hooks need their context; the root layout wraps every page in it. */
export function Providers({ children }: { children: React.ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
