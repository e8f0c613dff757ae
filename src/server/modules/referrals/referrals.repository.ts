import { and, asc, desc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { OPEN_STATUSES } from '../../../shared/families.js';
import type { ReferralStatus } from '../../../shared/referrals.js';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { family, familyMember, person } from '../families/families.table.js';
import { referral } from './referrals.table.js';

export type Referral = typeof referral.$inferSelect;

export async function insertReferral(tx: Tx, values: typeof referral.$inferInsert): Promise<Referral> {
  const [row] = await tx.insert(referral).values(values).returning();
  return row!;
}

/** One referral; with forUpdate, locked so two visitators cannot both decide it. */
export async function findReferral(tx: Tx, municipalityId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Referral | undefined> {
  const q = tx
    .select()
    .from(referral)
    .where(and(eq(referral.municipalityId, municipalityId), eq(referral.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

const decider = alias(staffUser, 'decider');

/** Referrals with who referred (name, department) and who decided, for the queue. */
export async function listReferralsWithPeople(tx: Tx, municipalityId: string, filter: { status?: ReferralStatus; id?: string }) {
  return tx
    .select({ referral, referrerName: staffUser.name, departmentName: department.name, deciderName: decider.name })
    .from(referral)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, referral.municipalityId), eq(staffUser.id, referral.referrerUserId)))
    .leftJoin(department, and(eq(department.municipalityId, referral.municipalityId), eq(department.id, referral.departmentId)))
    .leftJoin(decider, and(eq(decider.municipalityId, referral.municipalityId), eq(decider.id, referral.decidedBy)))
    .where(
      and(
        eq(referral.municipalityId, municipalityId),
        filter.status ? eq(referral.status, filter.status) : undefined,
        filter.id ? eq(referral.id, filter.id) : undefined,
      ),
    )
    // The open queue is worked oldest first; decided referrals are looked up newest first.
    .orderBy(filter.status === 'open' ? asc(referral.createdAt) : desc(referral.createdAt))
    .limit(500);
}

export async function listReferralsByReferrer(tx: Tx, municipalityId: string, userId: string): Promise<Referral[]> {
  return tx
    .select()
    .from(referral)
    .where(and(eq(referral.municipalityId, municipalityId), eq(referral.referrerUserId, userId)))
    .orderBy(desc(referral.createdAt))
    .limit(500);
}

export async function markReferralDecided(
  tx: Tx,
  municipalityId: string,
  id: string,
  values: Pick<Referral, 'status' | 'decisionReason' | 'decidedBy' | 'decidedAt' | 'familyId'>,
): Promise<void> {
  await tx.update(referral).set(values).where(and(eq(referral.municipalityId, municipalityId), eq(referral.id, id)));
}

/** Where a registered person stands: their id and, when in an open family, its coordinator. */
export interface PersonEffort {
  personId: string;
  /** As registered: a household member the referrer named only by CPR lends it to the others. */
  familyName: string;
  inEffort: boolean;
  coordinator: { name: string; email: string } | null;
}

/**
 * For each CPR that belongs to a registered person: whether they are today a member of an open family
 * (referred … paused) and who coordinates it.
 */
export async function effortsByCpr(tx: Tx, municipalityId: string, cprs: string[], today: string): Promise<Map<string, PersonEffort>> {
  const out = new Map<string, PersonEffort>();
  if (cprs.length === 0) return out;
  const persons = await tx
    .select({ id: person.id, cpr: person.cpr, familyName: person.familyName })
    .from(person)
    .where(and(eq(person.municipalityId, municipalityId), inArray(person.cpr, cprs)));
  if (persons.length === 0) return out;
  const open = await tx
    .select({ personId: familyMember.personId, name: staffUser.name, email: staffUser.email })
    .from(familyMember)
    .innerJoin(family, and(eq(family.municipalityId, familyMember.municipalityId), eq(family.id, familyMember.familyId)))
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, family.municipalityId), eq(staffUser.id, family.coordinatorUserId)))
    .where(
      and(
        eq(familyMember.municipalityId, municipalityId),
        inArray(familyMember.personId, persons.map((p) => p.id)),
        or(isNull(familyMember.to), gte(familyMember.to, today)),
        inArray(family.status, [...OPEN_STATUSES]),
      ),
    )
    .orderBy(asc(family.createdAt));
  for (const p of persons) {
    const hits = open.filter((o) => o.personId === p.id);
    const withCoordinator = hits.find((h) => h.name !== null);
    out.set(p.cpr!, {
      personId: p.id,
      familyName: p.familyName,
      inEffort: hits.length > 0,
      coordinator: withCoordinator ? { name: withCoordinator.name!, email: withCoordinator.email! } : null,
    });
  }
  return out;
}
