"use client";

import { useState } from "react";
import { MailWarning } from "lucide-react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** Shown until the address is confirmed: everything works meanwhile, but invitations are not mailed from it. */
export function VerifyBanner({ email }: { email: string }) {
  const [note, setNote] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    const r = await apiFetch<{ to: string }>("/api/account/verify-email/resend", { method: "POST" });
    setPending(false);
    setNote(r.ok ? `Sent to ${r.data.to}` : r.message);
  }

  return (
    <div className="border-b bg-amber-50 text-amber-950 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100" role="status" data-testid="verify-banner">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm sm:px-6">
        <MailWarning className="size-4 shrink-0" />
        <span className="min-w-0 flex-1">
          Confirm your email address: we sent a link to <strong className="font-medium">{email}</strong>. Until then, invitations you send are not mailed.
        </span>
        {note ? <span className="text-xs">{note}</span> : null}
        <Button size="sm" variant="outline" className="h-7 bg-transparent" disabled={pending} onClick={() => void resend()}>
          Resend link
        </Button>
      </div>
    </div>
  );
}
