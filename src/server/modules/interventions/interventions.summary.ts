import { seesIntervention } from '../../../shared/consent-kinds.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { CONSENT_KINDS, type ConsentKind } from '../../../shared/families.js';
import type { FamilyInterventionSummary } from '../../../shared/interventions.js';
import type { Ctx } from '../../context.js';
import { summarise } from './interventions.presenter.js';
import { listFamilyInterventions } from './interventions.repository.js';

/**
 * A family's interventions for its overview: not yet ended and past, the monthly cost of those running
 * today in total and by department, and the overlaps, of those the viewer's `kinds` let them see. One query. It neither checks access nor audits:
 * the caller (the family overview, GET …/interventions) does both.
 */
export async function familyInterventionSummary(ctx: Ctx, familyId: string, kinds: readonly ConsentKind[] = CONSENT_KINDS): Promise<FamilyInterventionSummary> {
  const views = await listFamilyInterventions(ctx.tx, ctx.municipalityId, familyId);
  const departmentId = ctx.actor?.departmentId ?? null;
  return summarise(views, todayInDenmark(ctx.now), (i) => seesIntervention(kinds, departmentId, i));
}
