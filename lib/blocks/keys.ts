/** _ids of the block documents (models/BlockPart.ts, models/BlockIndex.ts). */
export const visitPartId = (websiteId: string, day: string, part: string) => `${websiteId}:v:${day}:${part}`;
export const visitIndexId = (websiteId: string, month: string) => `${websiteId}:vi:${month}`;
export const paymentPartId = (websiteId: string, month: string, part: string) => `${websiteId}:p:${month}:${part}`;
export const paymentIndexId = (websiteId: string, month: string) => `${websiteId}:pi:${month}`;
export const metaId = (websiteId: string) => `${websiteId}:meta`;
export const monthOf = (day: string) => day.slice(0, 7);

/** UTC days from the one holding `start` to the one holding the last instant before `end`. */
export function utcDays(start: Date, end: Date): string[] {
  const out: string[] = [];
  const last = new Date(end.getTime() - 1).toISOString().slice(0, 10);
  for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > last) return out;
    out.push(day);
  }
}
