import { z } from 'zod';

/** Counts from 1 to 4 are shown as this to everyone but analysts (DESIGN.md, dashboards). */
export const SMALL_COUNT = '<5' as const;
/** The smallest count shown exactly to managers; 0 is shown as it is. */
export const SMALLEST_SHOWN_COUNT = 5;

/** A count as the dashboard shows it: exact, or "<5". */
export const ShownCount = z.union([z.number().int().min(0), z.literal(SMALL_COUNT)]);
export type ShownCount = z.infer<typeof ShownCount>;

/** Whether a count must be hidden from someone who may not see small counts. */
export function isSmallCount(n: number): boolean {
  return n > 0 && n < SMALLEST_SHOWN_COUNT;
}

/** One count as shown: exact for those who may see small counts, otherwise "<5" for 1–4. */
export function showCount(n: number, exact: boolean): ShownCount {
  return !exact && isSmallCount(n) ? SMALL_COUNT : n;
}

/** A group as shown: its counts exact or "<5", its derived values (shares, means), and whether anything was hidden. */
export type Suppressed<T, C extends keyof T> = { [K in keyof T]: K extends C ? ShownCount : T[K] extends number ? number | null : T[K] } & {
  suppressed: boolean;
};

/**
 * The one small-count rule: unless `exact` (analysts), every count of the group between 1 and 4 becomes "<5", and
 * when any count is hidden every value derived from the group's counts (its shares and means) becomes null, since
 * a share or a mean would give the hidden count or an individual's figure away. `suppressed` says it happened.
 */
export function suppressSmallCounts<T extends { [K in keyof T]: number | null }, C extends keyof T & string>(
  group: T,
  counts: readonly C[],
  exact: boolean,
): Suppressed<T, C> {
  const hide = !exact && counts.some((c) => isSmallCount(group[c] as number));
  const out: Record<string, ShownCount | number | null | boolean> = {};
  for (const [key, value] of Object.entries(group) as Array<[string, number | null]>) {
    if ((counts as readonly string[]).includes(key)) out[key] = showCount(value as number, exact);
    else out[key] = hide ? null : value;
  }
  out.suppressed = hide;
  return out as Suppressed<T, C>;
}
