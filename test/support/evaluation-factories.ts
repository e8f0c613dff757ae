import { and, eq } from 'drizzle-orm';
import type { Price } from '../../src/shared/cost.js';
import type { ChildWelfareKind, SupportStatus } from '../../src/shared/measurements.js';
import type { Db } from '../../src/server/db/client.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { family } from '../../src/server/modules/families/families.table.js';
import { intervention, interventionType } from '../../src/server/modules/interventions/interventions.table.js';
import { assessment, childWelfarePeriod, supportStatusPeriod } from '../../src/server/modules/measurements/measurements.table.js';
import { goalRating, plan, planGoal } from '../../src/server/modules/plans/plans.table.js';
import type { Municipality } from '../../src/server/modules/setup/municipalities.repository.js';
import { buildFamily, departmentId, type BuiltFamily, type MemberSpec } from './family-factories.js';

/**
 * Evaluation data written directly, as a register or an import would leave it: families with their enrolment
 * dates, interventions with prices, support and child-welfare periods, goal ratings and questionnaires.
 */

/** A family built through the creation service, then set active (or completed) with the given dates. */
export async function buildEnrolledFamily(
  db: Db,
  municipality: Municipality,
  opts: { coordinator: { id: string }; enrolledAt: string; completedAt?: string; members?: MemberSpec[] },
): Promise<BuiltFamily> {
  const built = await buildFamily(db, municipality, { coordinator: opts.coordinator, members: opts.members });
  await asSystem(db, (tx) =>
    tx
      .update(family)
      .set({ status: opts.completedAt ? 'completed' : 'active', enrolledAt: opts.enrolledAt, completedAt: opts.completedAt ?? null })
      .where(and(eq(family.municipalityId, municipality.id), eq(family.id, built.id))),
  );
  return built;
}

let typeCounter = 0;

/** An intervention of a department (by code) for a family or one member, with its own catalogue type. */
export async function buildIntervention(
  db: Db,
  municipality: Municipality,
  opts: { familyId: string; personId?: string | null; department: string; from: string; to: string | null; price: Price; hoursPerWeek?: number | null },
): Promise<string> {
  const deptId = await departmentId(db, municipality, opts.department);
  return asSystem(db, async (tx) => {
    const [type] = await tx
      .insert(interventionType)
      .values({
        municipalityId: municipality.id,
        code: `eval-type-${++typeCounter}-${Date.now()}`,
        name: `Indsats ${typeCounter}`,
        category: 'family_support',
        departmentId: deptId,
        priceAmount: opts.price.amount,
        pricePer: opts.price.per,
        validFrom: '2000-01-01',
      })
      .returning();
    const [row] = await tx
      .insert(intervention)
      .values({
        municipalityId: municipality.id,
        familyId: opts.familyId,
        personId: opts.personId ?? null,
        typeId: type!.id,
        departmentId: deptId,
        from: opts.from,
        to: opts.to,
        priceAmount: opts.price.amount,
        pricePer: opts.price.per,
        hoursPerWeek: opts.hoursPerWeek ?? null,
      })
      .returning();
    return row!.id;
  });
}

export async function buildSupportPeriod(db: Db, municipality: Municipality, personId: string, status: SupportStatus, from: string, to: string | null): Promise<void> {
  await asSystem(db, (tx) => tx.insert(supportStatusPeriod).values({ municipalityId: municipality.id, personId, status, from, to }));
}

export async function buildChildWelfarePeriod(db: Db, municipality: Municipality, personId: string, kind: ChildWelfareKind, from: string, to: string | null): Promise<void> {
  await asSystem(db, (tx) => tx.insert(childWelfarePeriod).values({ municipalityId: municipality.id, personId, kind, from, to, legalBasis: 'Barnets lov § 32' }));
}

/** A goal in the family's plan (a plan is made when the family has none) with the given ratings. */
export async function buildRatedGoal(
  db: Db,
  municipality: Municipality,
  familyId: string,
  ratings: Array<{ date: string; value: number; respondent?: 'family' | 'coordinator' | 'professional' }>,
): Promise<string> {
  return asSystem(db, async (tx) => {
    const m = municipality.id;
    const [existing] = await tx.select({ id: plan.id }).from(plan).where(and(eq(plan.municipalityId, m), eq(plan.familyId, familyId)));
    const planId = existing?.id ?? (await tx.insert(plan).values({ municipalityId: m, familyId, startDate: '2019-01-01' }).returning())[0]!.id;
    const [goal] = await tx
      .insert(planGoal)
      .values({ municipalityId: m, planId, familyId, domain: 'economy', horizon: 'short', title: 'Styr på økonomien', createdAt: '2019-01-01' })
      .returning();
    for (const r of ratings) {
      await tx.insert(goalRating).values({ municipalityId: m, goalId: goal!.id, familyId, date: r.date, value: r.value, respondent: r.respondent ?? 'family' });
    }
    return goal!.id;
  });
}

/** An answered experience questionnaire (version 1 items) for the family as a whole. */
export async function buildExperienceAnswers(db: Db, municipality: Municipality, familyId: string, date: string, answers: Record<string, number>): Promise<void> {
  await asSystem(db, (tx) =>
    tx.insert(assessment).values({ municipalityId: municipality.id, familyId, instrument: 'experience', instrumentVersion: 1, date, respondent: 'family', answers }),
  );
}
