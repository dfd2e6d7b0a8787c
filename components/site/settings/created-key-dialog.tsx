"use client";

import { KeyRound } from "lucide-react";
import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** The full key exists only in this response; after the dialog closes only its prefix is known. */
export function CreatedKeyDialog({ created, onClose }: { created: { name: string; key: string } | null; onClose: () => void }) {
  return (
    <Dialog open={created !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <KeyRound className="size-5" /> API key created
          </DialogTitle>
          <DialogDescription>{created?.name}</DialogDescription>
        </DialogHeader>
        <Alert>
          <AlertDescription>Copy it now: this is the only time the full key is shown.</AlertDescription>
        </Alert>
        <CodeBlock>{created?.key}</CodeBlock>
        <DialogFooter>
          <CopyButton value={created?.key ?? ""} label="Copy key" size="default" />
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
