/** An instant as the engine's DateTime64(3, 'UTC') text ("2026-03-09 10:00:00.000"), for inserted rows. */
export function engineTime(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 23).replace("T", " ");
}

/** The engine's DateTime64 text back to epoch milliseconds (it is UTC). */
export function fromEngineTime(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`);
}
