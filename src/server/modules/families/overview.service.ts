import { and, asc, desc, eq, inArray, notLike } from 'drizzle-orm';
import { maskCpr } from '../../../shared/cpr.js';
import { daysBetween, todayInDenmark } from '../../../shared/dates.js';
import { audit } from '../../audit/audit.js';
import { auditEvent } from '../../audit/audit.table.js';
import type { Ctx } from '../../context.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { familyInterventionSummary } from '../interventions/interventions.summary.js';
import { requireFamily } from './families.access.js';
import { familyCan } from './families.policy.js';
import { consent, coordinatorAssignment, custody, familyStatusEvent, teamMember } from './families.table.js';
import { consentInForce, missingConsents } from './lifecycle.service.js';
import { membersOf } from './persons.repository.js';
import { presentFamilyName } from './families.presenter.js';
import { familyWork } from './overview-work.js';

/** Runs queries one after another and returns their results in order. */
async function inOrder<T extends ReadonlyArray<() => PromiseLike<unknown>>>(fns: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const fn of fns) out.push(await fn());
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/** Whole years between two dates. */
function age(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The family overview: the single page a coordinator lives on. Audited as a read naming every member. */
export async function getFamilyOverview(ctx: Ctx, familyId: string) {
  const { family: f, relation } = await requireFamily(ctx, familyId, 'read');
  const today = todayInDenmark(ctx.now);
  const m = ctx.municipalityId;
  // One connection runs one query at a time anyway: run them in order (pg 9 refuses concurrent queries on a client).
  const [members, custodies, consents, statusRows, coordinatorRows, teamRows, interventions, activity] = await inOrder([
    () => membersOf(ctx.tx, m, familyId),
    () => ctx.tx.select().from(custody).where(and(eq(custody.municipalityId, m), eq(custody.familyId, familyId))),
    () => ctx.tx.select().from(consent).where(and(eq(consent.municipalityId, m), eq(consent.familyId, familyId))).orderBy(asc(consent.givenAt)),
    () => ctx.tx
      .select({ e: familyStatusEvent, byName: staffUser.name })
      .from(familyStatusEvent)
      .leftJoin(staffUser, and(eq(staffUser.municipalityId, familyStatusEvent.municipalityId), eq(staffUser.id, familyStatusEvent.byUserId)))
      .where(and(eq(familyStatusEvent.municipalityId, m), eq(familyStatusEvent.familyId, familyId)))
      .orderBy(desc(familyStatusEvent.at)),
    () => ctx.tx
      .select({ a: coordinatorAssignment, name: staffUser.name, email: staffUser.email, departmentName: department.name })
      .from(coordinatorAssignment)
      .innerJoin(staffUser, and(eq(staffUser.municipalityId, coordinatorAssignment.municipalityId), eq(staffUser.id, coordinatorAssignment.userId)))
      .leftJoin(department, and(eq(department.municipalityId, staffUser.municipalityId), eq(department.id, staffUser.departmentId)))
      .where(and(eq(coordinatorAssignment.municipalityId, m), eq(coordinatorAssignment.familyId, familyId)))
      .orderBy(desc(coordinatorAssignment.at)),
    () => ctx.tx
      .select({ t: teamMember, name: staffUser.name, email: staffUser.email, departmentName: department.name })
      .from(teamMember)
      .innerJoin(staffUser, and(eq(staffUser.municipalityId, teamMember.municipalityId), eq(staffUser.id, teamMember.userId)))
      .innerJoin(department, and(eq(department.municipalityId, teamMember.municipalityId), eq(department.id, teamMember.departmentId)))
      .where(and(eq(teamMember.municipalityId, m), eq(teamMember.familyId, familyId)))
      .orderBy(asc(teamMember.from)),
    () => familyInterventionSummary(ctx, familyId),
    () => ctx.tx
      .select({ action: auditEvent.action, occurredAt: auditEvent.occurredAt, actorName: staffUser.name })
      .from(auditEvent)
      .leftJoin(staffUser, and(eq(staffUser.municipalityId, auditEvent.municipalityId), eq(staffUser.id, auditEvent.actorUserId)))
      .where(and(eq(auditEvent.municipalityId, m), eq(auditEvent.targetType, 'family'), eq(auditEvent.targetId, familyId), inArray(auditEvent.outcome, ['success']), notLike(auditEvent.action, '%.read'), notLike(auditEvent.action, '%search%')))
      .orderBy(desc(auditEvent.seq))
      .limit(10),
  ] as const);
  const work = await familyWork(ctx, familyId, relation);
  const blockers = f.status === 'assessing' || f.status === 'paused' ? await missingConsents(ctx, familyId, today) : null;
  const personIds = members.map((x) => x.person.id);
  await audit(ctx, { action: 'family.read', targetType: 'family', targetId: familyId, personIds, details: { relation, notesShown: work.latestNotes.map((n) => n.id) } });
  const current = coordinatorRows.find((c) => c.a.to === null && c.a.userId === f.coordinatorUserId);
  return {
    data: {
      id: f.id,
      name: presentFamilyName(members.map((x) => x.person)),
      status: f.status,
      version: f.version,
      referredAt: f.referredAt,
      enrolledAt: f.enrolledAt,
      completedAt: f.completedAt,
      withdrawnAt: f.withdrawnAt,
      completionReason: f.completionReason,
      relation,
      members: members.map(({ member, person: p }) => ({
        personId: p.id,
        role: member.role,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        age: age(p.birthDate, today),
        sex: p.sex,
        cprMasked: p.cpr ? maskCpr(p.cpr) : null,
        preferredLanguage: p.preferredLanguage,
        interpreterNeeded: p.interpreterNeeded,
        phone: p.phone,
        email: p.email,
        /** Masked when protected: revealed only by the audited reveal action. */
        address: p.protectedAddress ? null : p.address,
        protectedAddress: p.protectedAddress,
        custodyHolderIds: custodies.filter((c) => c.childPersonId === p.id).map((c) => c.holderPersonId),
      })),
      consents: consents.map((c) => ({
        id: c.id,
        personId: c.personId,
        scope: c.scope,
        givenAt: c.givenAt,
        expiresAt: c.expiresAt,
        withdrawnAt: c.withdrawnAt,
        howGiven: c.howGiven,
        inForce: consentInForce(c, today),
        expiresInDays: c.expiresAt ? daysBetween(today, c.expiresAt) : null,
      })),
      activationBlockers: blockers,
      coordinator: current
        ? { userId: current.a.userId, name: current.name, email: current.email, departmentName: current.departmentName, since: current.a.from }
        : null,
      coordinatorHistory: coordinatorRows.map((c) => ({ userId: c.a.userId, name: c.name, from: c.a.from, to: c.a.to, reason: c.a.reason })),
      team: teamRows.map(({ t, name, email, departmentName }) => ({
        id: t.id,
        userId: t.userId,
        name,
        email,
        departmentId: t.departmentId,
        departmentName,
        role: t.role,
        from: t.from,
        to: t.to,
        current: t.from <= today && (t.to === null || t.to >= today),
      })),
      statusHistory: statusRows.map(({ e, byName }) => ({ from: e.fromStatus, to: e.toStatus, date: e.date, reason: e.reason, byName, at: e.at.toISOString() })),
      interventions,
      ...work,
      recentActivity: activity.map((a) => ({ action: a.action, at: a.occurredAt.toISOString(), actorName: a.actorName })),
    },
    can: familyCan(relation),
  };
}
