import { monthlyCost } from '../../../shared/cost.js';
import { covers, type IsoDate } from '../../../shared/dates.js';
import type { FamilyInterventionSummary, InterventionDto, OverlapDto } from '../../../shared/interventions.js';
import { findOverlaps, overlapReason, sharedPeriod, type Overlap } from './interventions.overlaps.js';
import type { InterventionView, OverlapRow, OverlapSideRow } from './interventions.repository.js';

/** What presenting an intervention reads of it (the family overview reads just these, as JSON). */
export type InterventionFacts = Pick<
  InterventionView,
  'id' | 'familyId' | 'personId' | 'typeId' | 'typeName' | 'category' | 'departmentId' | 'departmentName' | 'legalBasis' | 'provider' | 'from' | 'to' | 'priceAmount' | 'pricePer' | 'hoursPerWeek' | 'note' | 'version'
>;

export function presentIntervention(i: InterventionFacts, today: IsoDate): InterventionDto {
  const price = { amount: i.priceAmount, per: i.pricePer };
  return {
    id: i.id,
    familyId: i.familyId,
    personId: i.personId,
    typeId: i.typeId,
    typeName: i.typeName,
    category: i.category,
    departmentId: i.departmentId,
    departmentName: i.departmentName,
    legalBasis: i.legalBasis,
    provider: i.provider,
    from: i.from,
    to: i.to,
    price,
    hoursPerWeek: i.hoursPerWeek,
    note: i.note,
    monthlyCost: monthlyCost({ from: i.from, to: i.to, price, hoursPerWeek: i.hoursPerWeek }),
    current: covers(i, today),
    version: i.version,
  };
}

function presentSide(s: OverlapSideRow | InterventionDto): OverlapDto['a'] {
  return {
    id: s.id,
    typeId: s.typeId,
    typeName: s.typeName,
    category: s.category,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    from: s.from,
    to: s.to,
  };
}

export function presentOverlap(o: Overlap<InterventionDto>): OverlapDto {
  return { familyId: o.a.familyId, personId: o.personId, reason: o.reason, a: presentSide(o.a), b: presentSide(o.b), period: o.period };
}

/** A pair from the SQL list, worded like findOverlaps words it. */
export function presentOverlapRow(r: OverlapRow): OverlapDto {
  return {
    familyId: r.familyId,
    personId: r.personId,
    reason: overlapReason(r.a, r.b),
    a: presentSide(r.a),
    b: presentSide(r.b),
    period: sharedPeriod(r.a, r.b),
  };
}

/**
 * A family's interventions split into not-yet-ended and past, their monthly cost (of those running today)
 * in total and by department, and the overlaps whose shared days reach today or later.
 */
export function summarise(views: InterventionFacts[], today: IsoDate, sees: (i: InterventionFacts) => boolean = () => true): FamilyInterventionSummary {
  const visible = views.filter(sees);
  const all = visible.map((v) => presentIntervention(v, today));
  const current = all.filter((i) => i.to === null || i.to >= today);
  const past = all.filter((i) => i.to !== null && i.to < today).reverse();
  const byDepartment = new Map<string, { departmentId: string; departmentName: string; monthlyCost: number }>();
  let monthlyCostTotal = 0;
  for (const i of current) {
    if (!i.current) continue;
    monthlyCostTotal += i.monthlyCost;
    const d = byDepartment.get(i.departmentId) ?? { departmentId: i.departmentId, departmentName: i.departmentName, monthlyCost: 0 };
    d.monthlyCost += i.monthlyCost;
    byDepartment.set(i.departmentId, d);
  }
  return {
    current,
    past,
    monthlyCostTotal,
    monthlyCostByDepartment: [...byDepartment.values()].sort((x, y) => y.monthlyCost - x.monthlyCost || x.departmentName.localeCompare(y.departmentName, 'da')),
    // Only overlaps still to act on, as in the managers' list; past ones stay visible in the interventions themselves.
    overlaps: findOverlaps(all)
      .filter((o) => o.period.to === null || o.period.to >= today)
      .map(presentOverlap),
    hiddenByConsent: views.length - visible.length,
  };
}
