import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FamilyStatus, MemberRole } from '../../src/shared/families.js';
import type { Role } from '../../src/shared/roles.js';
import type { Ctx } from '../../src/server/context.js';
import type { Db } from '../../src/server/db/client.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { department } from '../../src/server/modules/admin/departments.table.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { family, teamMember } from '../../src/server/modules/families/families.table.js';
import { createFamilyWithMembers } from '../../src/server/modules/families/families.service.js';
import { membersOf } from '../../src/server/modules/families/persons.repository.js';
import type { Municipality } from '../../src/server/modules/setup/municipalities.repository.js';
import { buildUser, type TestUser } from './factories.js';

/** The id of one of the municipality's departments by its code (the defaults: jobcenter, children_family, …). */
export async function departmentId(db: Db, municipality: Municipality, code: string): Promise<string> {
  const [row] = await asSystem(db, (tx) =>
    tx
      .select({ id: department.id })
      .from(department)
      .where(and(eq(department.municipalityId, municipality.id), eq(department.code, code))),
  );
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

export interface StaffUser extends TestUser {
  roles: Role[];
  departmentId: string | null;
}

/** A staff user with roles, placed in a department (by code), with an enrolled authenticator. */
export async function buildStaff(
  db: Db,
  municipality: Municipality,
  opts: { roles: Role[]; department?: string; name?: string },
): Promise<StaffUser> {
  const user = await buildUser(db, municipality, { roles: opts.roles, name: opts.name, mfa: true });
  const deptId = opts.department ? await departmentId(db, municipality, opts.department) : null;
  if (deptId) {
    await asSystem(db, (tx) =>
      tx.update(staffUser).set({ departmentId: deptId }).where(and(eq(staffUser.municipalityId, municipality.id), eq(staffUser.id, user.id))),
    );
  }
  return { ...user, roles: opts.roles, departmentId: deptId };
}

/**
 * A context acting as a given staff user, for calling services directly inside `inTenant(db, municipality.id, …)`.
 * Reads the user through that same transaction (PGlite has one connection: a second transaction would wait forever).
 */
export async function actorCtx(municipality: Municipality, user: { id: string }, tx: Ctx['tx']): Promise<Ctx> {
  const [row] = await tx.select().from(staffUser).where(and(eq(staffUser.municipalityId, municipality.id), eq(staffUser.id, user.id)));
  if (!row) throw new Error(`no user ${user.id}`);
  return {
    tx,
    municipalityId: municipality.id,
    actor: { userId: row.id, name: row.name, roles: row.roles, departmentId: row.departmentId },
    requestId: `test-${randomUUID()}`,
    lang: 'da',
    now: new Date(),
  };
}

export interface MemberSpec {
  role: MemberRole;
  givenName?: string;
  familyName?: string;
  birthDate?: string;
  sex?: 'female' | 'male' | 'unknown';
}

export interface TeamSpec {
  user: { id: string };
  /** Department code, e.g. "jobcenter". */
  department: string;
  role?: string;
  from?: string;
  to?: string | null;
}

export interface BuiltFamily {
  id: string;
  /** The members' person ids, in the order given. */
  personIds: string[];
}

let counter = 0;

/**
 * A family through the real creation service (as its coordinator, audited), with members registered by name
 * and birth date (no CPR, so families never collide; given names must differ within a family), optionally a
 * team and a status set directly.
 */
export async function buildFamily(
  db: Db,
  municipality: Municipality,
  opts: { coordinator: { id: string }; members?: MemberSpec[]; team?: TeamSpec[]; status?: FamilyStatus },
): Promise<BuiltFamily> {
  const n = ++counter;
  const members = (opts.members ?? [{ role: 'parent' }, { role: 'child' }]).map((m, i) => ({
    role: m.role,
    person: {
      givenName: m.givenName ?? (m.role === 'child' ? `Barn${n}x${i}` : `Forælder${n}x${i}`),
      familyName: m.familyName ?? `Familie${n}`,
      birthDate: m.birthDate ?? (m.role === 'child' ? '2015-05-05' : '1985-03-03'),
      sex: m.sex ?? ('unknown' as const),
    },
  }));
  return inTenant(db, municipality.id, async (tx) => {
    const ctx = await actorCtx(municipality, opts.coordinator, tx);
    const familyId = await createFamilyWithMembers(ctx, {
      members,
      status: 'assessing',
      coordinatorUserId: opts.coordinator.id,
      cause: 'created_directly',
    });
    for (const t of opts.team ?? []) {
      const [d] = await tx
        .select({ id: department.id })
        .from(department)
        .where(and(eq(department.municipalityId, municipality.id), eq(department.code, t.department)));
      await tx.insert(teamMember).values({
        municipalityId: municipality.id,
        familyId,
        userId: t.user.id,
        departmentId: d!.id,
        role: t.role ?? 'Teammedlem',
        from: t.from ?? '2000-01-01',
        to: t.to ?? null,
      });
    }
    if (opts.status && opts.status !== 'assessing') {
      await tx
        .update(family)
        .set({ status: opts.status, enrolledAt: opts.status === 'referred' ? null : '2020-01-01' })
        .where(and(eq(family.municipalityId, municipality.id), eq(family.id, familyId)));
    }
    const rows = await membersOf(tx, municipality.id, familyId);
    const byName = new Map(rows.map((r) => [r.person.givenName, r.person.id]));
    return { id: familyId, personIds: members.map((m) => byName.get(m.person.givenName)!) };
  });
}
