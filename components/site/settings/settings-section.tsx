import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** A titled settings card; a `footer` holds the save button and its status line. */
export function SettingsSection({
  id,
  title,
  description,
  children,
  footer,
  className,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  className?: string;
}) {
  return (
    <Card id={id} className={cn("scroll-mt-20", className)}>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">{children}</CardContent>
      {footer ? (
        <CardFooter className="flex-wrap justify-between gap-3 border-t pt-4">{footer}</CardFooter>
      ) : null}
    </Card>
  );
}
