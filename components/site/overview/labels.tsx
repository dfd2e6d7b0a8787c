import { Monitor, Smartphone, Tablet, HelpCircle } from "lucide-react";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** Stats use "(none)" for a missing value; people read it as "unknown" or "direct". */
const isNone = (value: string) => value === "" || value === "(none)";

export function CountryLabel({ value }: { value: string }) {
  if (isNone(value) || !/^[A-Za-z]{2}$/.test(value)) return <span className="text-muted-foreground">Unknown</span>;
  let name = value.toUpperCase();
  try {
    name = regionNames.of(name) ?? name;
  } catch {
    // Not a region Intl knows: show the raw code.
  }
  return (
    <span className="inline-flex items-center gap-2">
      {/* Flag emoji do not render on Windows; the code reads the same everywhere. */}
      <span className="w-6 rounded-sm bg-background/80 text-center font-mono text-[10px] font-medium text-muted-foreground">
        {value.toUpperCase()}
      </span>
      {name}
    </span>
  );
}

const DEVICE_ICONS = { desktop: Monitor, mobile: Smartphone, tablet: Tablet } as const;

export function DeviceLabel({ value }: { value: string }) {
  const key = value.toLowerCase() as keyof typeof DEVICE_ICONS;
  const Icon = DEVICE_ICONS[key] ?? HelpCircle;
  return (
    <span className="inline-flex items-center gap-2 capitalize">
      <Icon className="size-4 text-muted-foreground" />
      {isNone(value) ? "Unknown" : value}
    </span>
  );
}

export function SourceLabel({ value }: { value: string }) {
  return isNone(value) ? <span>Direct / None</span> : <span className="break-all">{value}</span>;
}

export function PageLabel({ value }: { value: string }) {
  return <span className="font-mono text-xs break-all">{isNone(value) ? "/" : value}</span>;
}
