import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import type { AddTeamMemberBody, AssignCoordinatorBody, BreakGlassBody, EndTeamMemberBody } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import { findUser } from '../admin/users.repository.js';
import { handOverCoordinatorTasks } from '../tasks/tasks.repository.js';
import { checkVersion, loadFamilyFacts, requireFamily } from './families.access.js';
import { mayBreakGlass } from './families.policy.js';
import { touchFamily } from './families.service.js';
import { breakGlassAccess, coordinatorAssignment, teamMember } from './families.table.js';
import { membersOf } from './persons.repository.js';

/** How long a break-the-glass access lasts. */
export const BREAK_GLASS_HOURS = 8;

/** Hands the family to another coordinator; the history keeps who had it when. */
export async function assignCoordinator(ctx: Ctx, familyId: string, body: z.infer<typeof AssignCoordinatorBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'assign_coordinator', { lock: true });
  checkVersion(f, body.version);
  const user = await findUser(ctx.tx, ctx.municipalityId, body.userId);
  if (!user || !user.active) throw fieldError('userId', 'unknown_user');
  if (!user.roles.includes('coordinator')) throw fieldError('userId', 'not_a_coordinator');
  if (f.coordinatorUserId === body.userId) return;
  const today = todayInDenmark(ctx.now);
  await ctx.tx
    .update(coordinatorAssignment)
    .set({ to: today })
    .where(and(eq(coordinatorAssignment.municipalityId, ctx.municipalityId), eq(coordinatorAssignment.familyId, familyId), isNull(coordinatorAssignment.to)));
  await ctx.tx.insert(coordinatorAssignment).values({
    municipalityId: ctx.municipalityId,
    familyId,
    userId: body.userId,
    from: today,
    byUserId: actorOf(ctx).userId,
    reason: body.reason ?? null,
    at: ctx.now,
  });
  await touchFamily(ctx, familyId, { coordinatorUserId: body.userId });
  // The plan reviews, goal ratings and consent renewals the job raised for the old coordinator are the new one's now.
  const tasksMoved = f.coordinatorUserId ? await handOverCoordinatorTasks(ctx.tx, ctx.municipalityId, familyId, f.coordinatorUserId, body.userId) : 0;
  await audit(ctx, {
    action: 'family.coordinator_assign',
    targetType: 'family',
    targetId: familyId,
    details: { from: f.coordinatorUserId, to: body.userId, reason: body.reason ?? null, tasksMoved },
  });
}

export async function addTeamMember(ctx: Ctx, familyId: string, body: z.infer<typeof AddTeamMemberBody>): Promise<string> {
  const { family: f } = await requireFamily(ctx, familyId, 'manage_team', { lock: true });
  checkVersion(f, body.version);
  const user = await findUser(ctx.tx, ctx.municipalityId, body.userId);
  if (!user || !user.active || !user.roles.some((r) => r === 'coordinator' || r === 'professional' || r === 'manager')) {
    throw fieldError('userId', 'unknown_user');
  }
  const dept = await findDepartment(ctx.tx, ctx.municipalityId, body.departmentId);
  if (!dept || !dept.active) throw fieldError('departmentId', 'unknown_department');
  const [row] = await ctx.tx
    .insert(teamMember)
    .values({ municipalityId: ctx.municipalityId, familyId, userId: body.userId, departmentId: body.departmentId, role: body.role, from: body.from, to: body.to ?? null, createdAt: ctx.now })
    .returning({ id: teamMember.id });
  await touchFamily(ctx, familyId);
  await audit(ctx, { action: 'family.team_add', targetType: 'family', targetId: familyId, details: { userId: body.userId, departmentId: body.departmentId, role: body.role, from: body.from } });
  return row!.id;
}

export async function endTeamMember(ctx: Ctx, familyId: string, memberId: string, body: z.infer<typeof EndTeamMemberBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'manage_team', { lock: true });
  checkVersion(f, body.version);
  const [m] = await ctx.tx
    .select()
    .from(teamMember)
    .where(and(eq(teamMember.municipalityId, ctx.municipalityId), eq(teamMember.familyId, familyId), eq(teamMember.id, memberId)));
  if (!m) throw new AppError('team_member_not_found');
  if (body.to < m.from) throw fieldError('to', 'end_before_start');
  await ctx.tx.update(teamMember).set({ to: body.to }).where(and(eq(teamMember.municipalityId, ctx.municipalityId), eq(teamMember.id, memberId)));
  await touchFamily(ctx, familyId);
  await audit(ctx, { action: 'family.team_end', targetType: 'family', targetId: familyId, details: { userId: m.userId, to: body.to } });
}

/**
 * Break-the-glass: a staff member without a relation to the family states a reason and gets read access
 * for a few hours. The event is flagged for the manager's review list.
 */
export async function breakGlass(ctx: Ctx, familyId: string, body: z.infer<typeof BreakGlassBody>): Promise<void> {
  const actor = actorOf(ctx);
  const loaded = await loadFamilyFacts(ctx, familyId);
  if (!loaded || !mayBreakGlass(actor)) {
    await audit(ctx, { action: 'access.denied', targetType: 'family', targetId: familyId, outcome: 'denied', details: { attempted: 'family.break_glass', exists: loaded !== null } });
    throw new AppError('family_not_found').keepingWrites();
  }
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  await ctx.tx.insert(breakGlassAccess).values({
    municipalityId: ctx.municipalityId,
    userId: actor.userId,
    familyId,
    reason: body.reason,
    at: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + BREAK_GLASS_HOURS * 3_600_000),
  });
  await audit(ctx, {
    action: 'family.break_glass',
    targetType: 'family',
    targetId: familyId,
    personIds: members.map((m) => m.person.id),
    purpose: body.reason,
    details: { flagged: true, hours: BREAK_GLASS_HOURS },
  });
}
