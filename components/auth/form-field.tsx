import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled input; the id ties label and input together for screen readers and tests. */
export function FormField({
  id,
  label,
  hint,
  ...props
}: { id: string; label: string; hint?: string } & React.ComponentProps<typeof Input>) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={id} {...props} />
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}
