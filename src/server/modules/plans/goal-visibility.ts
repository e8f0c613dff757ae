import { and, eq, inArray } from 'drizzle-orm';
import { coversDomain, seesAllKinds } from '../../../shared/consent-kinds.js';
import type { ConsentKind } from '../../../shared/families.js';
import type { Ctx } from '../../context.js';
import { planAction, planGoal } from './plans.table.js';

/** The distinct ids worth looking up: none for a viewer who sees every kind. */
function idsToCheck(kinds: readonly ConsentKind[], ids: Iterable<string | null | undefined>): string[] {
  if (seesAllKinds(kinds)) return [];
  return [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
}

/**
 * Which of the given goals (removed ones too) the viewer may not see: those whose life domain is of a kind the
 * viewer's consent does not cover (decision 0017). What other modules link to a goal — agenda items, notes,
 * tasks — leaves such goals out by this one test. Ids that are no goal are not "hidden": callers treat them as
 * they always have. A viewer who sees every kind costs no query.
 */
export async function hiddenGoalIds(ctx: Ctx, kinds: readonly ConsentKind[], ids: Iterable<string | null | undefined>): Promise<Set<string>> {
  const wanted = idsToCheck(kinds, ids);
  if (wanted.length === 0) return new Set();
  const rows = await ctx.tx
    .select({ id: planGoal.id, domain: planGoal.domain })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, ctx.municipalityId), inArray(planGoal.id, wanted)));
  return new Set(rows.filter((r) => !coversDomain(kinds, r.domain)).map((r) => r.id));
}

/** Which of the given plan actions (removed ones too) sit under a goal the viewer may not see, as hiddenGoalIds. */
export async function hiddenActionIds(ctx: Ctx, kinds: readonly ConsentKind[], ids: Iterable<string | null | undefined>): Promise<Set<string>> {
  const wanted = idsToCheck(kinds, ids);
  if (wanted.length === 0) return new Set();
  const rows = await ctx.tx
    .select({ id: planAction.id, domain: planGoal.domain })
    .from(planAction)
    .innerJoin(planGoal, and(eq(planGoal.municipalityId, planAction.municipalityId), eq(planGoal.id, planAction.goalId)))
    .where(and(eq(planAction.municipalityId, ctx.municipalityId), inArray(planAction.id, wanted)));
  return new Set(rows.filter((r) => !coversDomain(kinds, r.domain)).map((r) => r.id));
}
