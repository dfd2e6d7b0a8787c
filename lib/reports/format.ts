import { formatMoney } from "@/components/format";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
export const num = (n: number) => n.toLocaleString("en-US");
// The dashboard's formatter: it divides by the currency's own exponent, so ¥1,200 is not shown as ¥12.
export const money = formatMoney;

/** "+12%", "-3%", "new" (nothing before), "0%". */
export const formatChange = (c: number | null) => (c === null ? "new" : `${c > 0 ? "+" : ""}${Math.round(c * 100)}%`);
export const changeColor = (c: number | null) => (c === null || c > 0 ? "#15803d" : c < 0 ? "#b91c1c" : "#6b7280");
