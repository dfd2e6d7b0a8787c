import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function SiteNotFound() {
  return (
    <Card className="mx-auto max-w-md items-center px-6 py-12 text-center">
      <SearchX className="size-10 text-muted-foreground" />
      <h1 className="text-xl font-semibold">Site not found</h1>
      <p className="text-sm text-muted-foreground">It may have been deleted, or it belongs to another account.</p>
      <Button asChild>
        <Link href="/dashboard">Back to your sites</Link>
      </Button>
    </Card>
  );
}
