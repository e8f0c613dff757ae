import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { parseCpr } from '../../../shared/cpr.js';
import { todayInDenmark } from '../../../shared/dates.js';
import type { AddMemberBody, ChangeCause, CreateFamilyBody, FamilyStatus, MemberRole, PersonInput, SetCustodyBody, UpdatePersonBody } from '../../../shared/families.js';
import { hasAnyRole } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { checkVersion, requireFamily } from './families.access.js';
import { coordinatorAssignment, custody, family, familyMember, familyStatusEvent, person } from './families.table.js';
import { findPersonByCpr, membersOf, openFamiliesOfPerson, type PersonRow } from './persons.repository.js';

/** Bumps the family's version and touch time: every change to a family goes through here once. */
export async function touchFamily(ctx: Ctx, familyId: string, values: Partial<typeof family.$inferInsert> = {}): Promise<number> {
  const [row] = await ctx.tx
    .update(family)
    .set({ ...values, version: sql`${family.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(family.municipalityId, ctx.municipalityId), eq(family.id, familyId)))
    .returning({ version: family.version });
  return row!.version;
}

/** Resolves a person input: the same CPR is the same person; otherwise a new person. */
async function upsertPerson(ctx: Ctx, input: PersonInput, path: string): Promise<PersonRow> {
  let birthDate = input.birthDate;
  let sex = input.sex ?? 'unknown';
  if (input.cpr) {
    const parsed = parseCpr(input.cpr);
    if (!parsed.ok) throw fieldError(`${path}.cpr`, parsed.error);
    if (birthDate && birthDate !== parsed.birthDate) throw fieldError(`${path}.birthDate`, 'cpr_birth_date_mismatch');
    birthDate = parsed.birthDate;
    sex = parsed.sex;
    const existing = await findPersonByCpr(ctx.tx, ctx.municipalityId, parsed.cpr);
    if (existing) return existing;
  }
  const [row] = await ctx.tx
    .insert(person)
    .values({
      municipalityId: ctx.municipalityId,
      cpr: input.cpr ?? null,
      givenName: input.givenName,
      familyName: input.familyName,
      birthDate: birthDate!,
      sex,
      preferredLanguage: input.preferredLanguage ?? null,
      interpreterNeeded: input.interpreterNeeded ?? false,
      phone: input.phone ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      protectedAddress: input.protectedAddress ?? false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  return row!;
}

/** Refuses (409, with who coordinates) a person already in another open family, unless acknowledged. */
async function flagOtherFamily(ctx: Ctx, p: PersonRow, familyId: string | null, acknowledged: boolean | undefined, path: string) {
  const others = await openFamiliesOfPerson(ctx.tx, ctx.municipalityId, p.id, familyId ?? undefined);
  if (others.length === 0 || acknowledged) return others.length > 0;
  const c = others[0]!;
  throw new AppError('cpr_in_other_family', [{ path, message: '' }], {
    coordinator: c.coordinatorName ? { name: c.coordinatorName, email: c.coordinatorEmail } : null,
  });
}

export interface NewFamily {
  members: Array<{ person: PersonInput; role: MemberRole }>;
  referredAt?: string;
  status: Extract<FamilyStatus, 'referred' | 'assessing'>;
  coordinatorUserId: string | null;
  /** Recorded on the first status and the coordinator assignment. */
  cause: Extract<ChangeCause, 'created_directly' | 'referral_accepted'>;
  acknowledgeOtherFamily?: boolean;
}

/**
 * Creates a family with its members (used by visitation of a referral and by direct registration).
 * The caller has checked who may do it.
 */
export async function createFamilyWithMembers(ctx: Ctx, input: NewFamily): Promise<string> {
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const [f] = await ctx.tx
    .insert(family)
    .values({
      municipalityId: ctx.municipalityId,
      status: input.status,
      referredAt: input.referredAt ?? today,
      coordinatorUserId: input.coordinatorUserId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning({ id: family.id });
  const familyId = f!.id;
  const seen = new Set<string>();
  const personIds: string[] = [];
  for (const [i, m] of input.members.entries()) {
    const p = await upsertPerson(ctx, m.person, `members.${i}.person`);
    if (seen.has(p.id)) throw fieldError(`members.${i}.person.cpr`, 'duplicate_person');
    seen.add(p.id);
    await flagOtherFamily(ctx, p, familyId, input.acknowledgeOtherFamily, `members.${i}.person.cpr`);
    await ctx.tx.insert(familyMember).values({ municipalityId: ctx.municipalityId, familyId, personId: p.id, role: m.role, from: today });
    personIds.push(p.id);
  }
  await ctx.tx.insert(familyStatusEvent).values({
    municipalityId: ctx.municipalityId,
    familyId,
    fromStatus: null,
    toStatus: input.status,
    date: today,
    cause: input.cause,
    byUserId: actor.userId,
    at: ctx.now,
  });
  if (input.coordinatorUserId) {
    await ctx.tx.insert(coordinatorAssignment).values({
      municipalityId: ctx.municipalityId,
      familyId,
      userId: input.coordinatorUserId,
      from: today,
      byUserId: actor.userId,
      cause: input.cause,
      at: ctx.now,
    });
  }
  await audit(ctx, { action: 'family.create', targetType: 'family', targetId: familyId, personIds, details: { status: input.status } });
  return familyId;
}

/** A coordinator registers a family directly (without a referral); they become its coordinator. */
export async function createFamily(ctx: Ctx, body: z.infer<typeof CreateFamilyBody>): Promise<string> {
  await requireRole(ctx, ['coordinator'], 'family.create');
  return createFamilyWithMembers(ctx, {
    members: body.members,
    referredAt: body.referredAt,
    status: 'assessing',
    coordinatorUserId: actorOf(ctx).userId,
    cause: 'created_directly',
    acknowledgeOtherFamily: body.acknowledgeOtherFamily,
  });
}

export async function addMember(ctx: Ctx, familyId: string, body: z.infer<typeof AddMemberBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'edit_household', { lock: true });
  checkVersion(f, body.version);
  const p = await upsertPerson(ctx, body.person, 'person');
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  if (members.some((m) => m.person.id === p.id)) throw new AppError('already_member', [{ path: 'person.cpr', message: '' }]);
  await flagOtherFamily(ctx, p, familyId, body.acknowledgeOtherFamily, 'person.cpr');
  const memberIds = new Set(members.map((m) => m.person.id));
  for (const [i, h] of (body.custodyHolderIds ?? []).entries()) {
    if (!memberIds.has(h)) throw fieldError(`custodyHolderIds.${i}`, 'custody_holder_not_member');
  }
  await ctx.tx.insert(familyMember).values({ municipalityId: ctx.municipalityId, familyId, personId: p.id, role: body.role, from: todayInDenmark(ctx.now) });
  if (body.role === 'child') {
    for (const h of body.custodyHolderIds ?? []) {
      await ctx.tx.insert(custody).values({ municipalityId: ctx.municipalityId, familyId, childPersonId: p.id, holderPersonId: h });
    }
  }
  await touchFamily(ctx, familyId);
  await audit(ctx, { action: 'family.member_add', targetType: 'family', targetId: familyId, personIds: [p.id], details: { role: body.role } });
}

export async function setCustody(ctx: Ctx, familyId: string, childId: string, body: z.infer<typeof SetCustodyBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'edit_household', { lock: true });
  checkVersion(f, body.version);
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  const child = members.find((m) => m.person.id === childId && m.member.role === 'child');
  if (!child) throw fieldError('childId', 'unknown_person');
  const ids = new Set(members.map((m) => m.person.id));
  for (const [i, h] of body.holderIds.entries()) if (!ids.has(h) || h === childId) throw fieldError(`holderIds.${i}`, 'custody_holder_not_member');
  await ctx.tx.delete(custody).where(and(eq(custody.municipalityId, ctx.municipalityId), eq(custody.familyId, familyId), eq(custody.childPersonId, childId)));
  for (const h of new Set(body.holderIds)) {
    await ctx.tx.insert(custody).values({ municipalityId: ctx.municipalityId, familyId, childPersonId: childId, holderPersonId: h });
  }
  await touchFamily(ctx, familyId);
  await audit(ctx, { action: 'family.custody_set', targetType: 'family', targetId: familyId, personIds: [childId, ...body.holderIds] });
}

export async function updatePerson(ctx: Ctx, familyId: string, personId: string, body: z.infer<typeof UpdatePersonBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'edit_household', { lock: true });
  checkVersion(f, body.version);
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  const current = members.find((m) => m.person.id === personId)?.person;
  if (!current) throw fieldError('personId', 'unknown_person');
  const { version: _v, cpr, ...values } = body;
  const identity: Partial<typeof person.$inferInsert> = {};
  if (cpr !== undefined && cpr !== current.cpr) {
    // A CPR number added once known, or corrected: the birth date and legal sex follow from it (DESIGN.md, CPR).
    const parsed = parseCpr(cpr);
    if (!parsed.ok) throw fieldError('cpr', parsed.error);
    if (values.birthDate !== undefined && values.birthDate !== parsed.birthDate) throw fieldError('birthDate', 'cpr_birth_date_mismatch');
    const other = await findPersonByCpr(ctx.tx, ctx.municipalityId, parsed.cpr);
    if (other && other.id !== personId) throw new AppError('cpr_belongs_to_other', [{ path: 'cpr', message: '' }]);
    Object.assign(identity, { cpr: parsed.cpr, birthDate: parsed.birthDate, sex: parsed.sex });
    delete values.birthDate;
    delete values.sex;
  } else if ((values.birthDate !== undefined || values.sex !== undefined) && current.cpr) {
    // With a CPR number the birth date and sex are the number's: change the number instead.
    if (values.birthDate !== undefined && values.birthDate !== current.birthDate) throw fieldError('birthDate', 'cpr_birth_date_mismatch');
    delete values.birthDate;
    delete values.sex;
  }
  await ctx.tx
    .update(person)
    .set({ ...values, ...identity, updatedAt: ctx.now })
    .where(and(eq(person.municipalityId, ctx.municipalityId), eq(person.id, personId)));
  await touchFamily(ctx, familyId);
  // The fields changed are named, never the CPR number; a corrected one is marked as such.
  const fields = [...Object.keys(values), ...Object.keys(identity)];
  await audit(ctx, {
    action: 'person.update',
    targetType: 'person',
    targetId: personId,
    personIds: [personId],
    details: { familyId, fields, ...(identity.cpr ? { cpr: current.cpr ? 'corrected' : 'added' } : {}) },
  });
}

/** Whether the actor may register families directly. */
export function canRegisterFamilies(roles: Parameters<typeof hasAnyRole>[0]): boolean {
  return hasAnyRole(roles, ['coordinator']);
}
