import { and, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { todayInDenmark } from '../../../shared/dates.js';
import { OPEN_STATUSES } from '../../../shared/families.js';
import type { Tx } from '../../db/client.js';
import { staffUser } from '../admin/users.table.js';
import { family, familyMember, person } from './families.table.js';
import { cachedQuery } from '../../db/prepared.js';

export type PersonRow = typeof person.$inferSelect;

export async function findPersonByCpr(tx: Tx, municipalityId: string, cpr: string): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(person).where(and(eq(person.municipalityId, municipalityId), eq(person.cpr, cpr))).limit(1);
  return row;
}

/** Open families (referred … paused) a person belongs to today, except one, with their coordinator. */
export async function openFamiliesOfPerson(tx: Tx, municipalityId: string, personId: string, exceptFamilyId?: string) {
  return tx
    .select({ familyId: family.id, status: family.status, coordinatorName: staffUser.name, coordinatorEmail: staffUser.email })
    .from(familyMember)
    .innerJoin(family, and(eq(family.municipalityId, familyMember.municipalityId), eq(family.id, familyMember.familyId)))
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, family.municipalityId), eq(staffUser.id, family.coordinatorUserId)))
    .where(
      and(
        eq(familyMember.municipalityId, municipalityId),
        eq(familyMember.personId, personId),
        or(isNull(familyMember.to), gte(familyMember.to, todayInDenmark())),
        inArray(family.status, [...OPEN_STATUSES]),
        exceptFamilyId ? ne(family.id, exceptFamilyId) : sql`true`,
      ),
    );
}

// The family overview runs this at every read: built once, a named statement (db/prepared.ts).
const membersQuery = cachedQuery<{ m: string; familyId: string }, ReturnType<typeof membersBuilder>>(membersBuilder);
function membersBuilder(tx: Tx) {
  return tx
    .select({ member: familyMember, person })
    .from(familyMember)
    .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
    .where(and(eq(familyMember.municipalityId, sql.placeholder('m')), eq(familyMember.familyId, sql.placeholder('familyId'))))
    .orderBy(sql`case ${familyMember.role} when 'parent' then 0 when 'child' then 2 else 1 end`, person.birthDate);
}

export async function membersOf(tx: Tx, municipalityId: string, familyId: string) {
  return membersQuery(tx, { m: municipalityId, familyId });
}
