import { SESSION_FIELD, type SessionDimension } from "./dimensions";

/** Strings numbered in the order first seen, so a query counts into arrays instead of maps. */
export class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

export const SESSION_DIMENSIONS = Object.keys(SESSION_FIELD) as SessionDimension[];

/** One website's numbering of visitors, labelled dimension values, paths and goal names. */
export type SiteDict = { visitors: Interner; dims: Interner[]; paths: Interner; goals: Interner };

// Kept per website for the life of the process: a number must mean the same
// visitor in every cached day of the site (lib/stats/day-columns.ts).
const dicts = new Map<string, SiteDict>();

export function siteDict(websiteId: string): SiteDict {
  let d = dicts.get(websiteId);
  if (!d) {
    d = { visitors: new Interner(), dims: SESSION_DIMENSIONS.map(() => new Interner()), paths: new Interner(), goals: new Interner() };
    dicts.set(websiteId, d);
  }
  return d;
}
