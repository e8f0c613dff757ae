import { and, eq, gte, inArray, isNull, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { todayInDenmark } from '../../../shared/dates.js';
import { familySurnames, OPEN_STATUSES } from '../../../shared/families.js';
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

/** The order members are shown in everywhere: parents, then others, then children, each oldest first. */
export function memberOrder(role: AnyColumn | SQL, birthDate: AnyColumn | SQL): SQL {
  return sql`case ${role} when 'parent' then 0 when 'child' then 2 else 1 end, ${birthDate}`;
}

/** {@link memberOrder} for SQL written over `family_member fm join person p`. */
export const MEMBER_ORDER_FM_P = memberOrder(sql.raw('fm.role'), sql.raw('p.birth_date'));

// The family overview runs this at every read: built once, a named statement (db/prepared.ts).
const membersQuery = cachedQuery<{ m: string; familyId: string }, ReturnType<typeof membersBuilder>>(membersBuilder);
function membersBuilder(tx: Tx) {
  return tx
    .select({ member: familyMember, person })
    .from(familyMember)
    .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
    .where(and(eq(familyMember.municipalityId, sql.placeholder('m')), eq(familyMember.familyId, sql.placeholder('familyId'))))
    .orderBy(memberOrder(familyMember.role, person.birthDate));
}

/** What a list that names families shows of them: the family's name (from its members' surnames) and each member's name. */
export interface NamedFamily {
  /** The family's surnames as lists show them (`familySurnames`). */
  familyNames: string[];
  memberIds: string[];
  personNames: Map<string, string>;
}

/**
 * The names of several families at once, for lists that point to families (a manager's overlaps and
 * break-the-glass review). A list that shows them must audit `memberIds`: the family's name is drawn from all
 * of its members.
 */
export async function namesOfFamilies(tx: Tx, municipalityId: string, familyIds: readonly string[]): Promise<Map<string, NamedFamily>> {
  const out = new Map<string, NamedFamily>();
  const ids = [...new Set(familyIds)];
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ familyId: familyMember.familyId, personId: person.id, givenName: person.givenName, familyName: person.familyName })
    .from(familyMember)
    .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
    .where(and(eq(familyMember.municipalityId, municipalityId), inArray(familyMember.familyId, ids)))
    .orderBy(familyMember.familyId, memberOrder(familyMember.role, person.birthDate));
  const byFamily = new Map<string, typeof rows>();
  for (const r of rows) byFamily.set(r.familyId, [...(byFamily.get(r.familyId) ?? []), r]);
  for (const id of ids) {
    const members = byFamily.get(id) ?? [];
    out.set(id, {
      familyNames: familySurnames(members.map((m) => m.familyName)),
      memberIds: members.map((m) => m.personId),
      personNames: new Map(members.map((m) => [m.personId, `${m.givenName} ${m.familyName}`.trim()])),
    });
  }
  return out;
}

export async function membersOf(tx: Tx, municipalityId: string, familyId: string) {
  return membersQuery(tx, { m: municipalityId, familyId });
}
