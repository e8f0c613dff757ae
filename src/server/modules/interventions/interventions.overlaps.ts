import type { IsoDate } from '../../../shared/dates.js';
import { periodsOverlap } from '../../../shared/dates.js';

/** What overlap detection needs to know about an intervention. */
export interface OverlapCandidate {
  id: string;
  /** Null = for the whole family, which counts as one "person" of its own. */
  personId: string | null;
  typeId: string;
  category: string;
  from: IsoDate;
  to: IsoDate | null;
}

export type OverlapReason = 'same_category' | 'same_type';

/** Two interventions that overlap; `a` starts first (ties broken by id), as the SQL list orders them. */
export interface Overlap<T extends OverlapCandidate> {
  a: T;
  b: T;
  /** Whom the pair is about: the person (when one of the two is for the whole family, the other's person), or null. */
  personId: string | null;
  reason: OverlapReason;
  /** The days both run: from the later start to the earlier end (null = open). */
  period: { from: IsoDate; to: IsoDate | null };
}

/** Orders by start date, then id: the order both this function and the SQL list use for a pair. */
function startsFirst(x: OverlapCandidate, y: OverlapCandidate): number {
  if (x.from !== y.from) return x.from < y.from ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** The days two overlapping periods share: the later start to the earlier end (null = open). */
export function sharedPeriod(a: { from: IsoDate; to: IsoDate | null }, b: { from: IsoDate; to: IsoDate | null }): { from: IsoDate; to: IsoDate | null } {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to === null ? b.to : b.to === null ? a.to : a.to < b.to ? a.to : b.to;
  return { from, to };
}

/** Why a pair counts: the same type twice is named as such. */
export function overlapReason(a: { typeId: string }, b: { typeId: string }): OverlapReason {
  return a.typeId === b.typeId ? 'same_type' : 'same_category';
}

/**
 * Overlap (DESIGN.md): two interventions for the same person in the same category whose periods share at least
 * one day. One for the whole family is for each of its members too, so it overlaps a member's own intervention of
 * the category (family treatment for the family and for the mother at once), and another whole-family one. The
 * same type twice at once is the sharpest case and is named as such. Pairs come ordered by a's start, then b's.
 */
export function findOverlaps<T extends OverlapCandidate>(interventions: readonly T[]): Overlap<T>[] {
  const groups = new Map<string, T[]>();
  for (const i of interventions) {
    const group = groups.get(i.category);
    if (group) group.push(i);
    else groups.set(i.category, [i]);
  }
  const out: Overlap<T>[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort(startsFirst);
    for (let x = 0; x < sorted.length; x++) {
      const a = sorted[x]!;
      for (let y = x + 1; y < sorted.length; y++) {
        const b = sorted[y]!;
        // Sorted by start: once b starts after a has ended, no later b can overlap a either.
        if (a.to !== null && b.from > a.to) break;
        if (!sameWho(a, b) || !periodsOverlap(a, b)) continue;
        out.push({ a, b, personId: a.personId ?? b.personId, reason: overlapReason(a, b), period: sharedPeriod(a, b) });
      }
    }
  }
  return out.sort((p, q) => startsFirst(p.a, q.a) || startsFirst(p.b, q.b));
}

/** For the same person, counting one for the whole family as for each member. */
function sameWho(a: OverlapCandidate, b: OverlapCandidate): boolean {
  return a.personId === b.personId || a.personId === null || b.personId === null;
}
