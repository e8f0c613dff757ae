import type { z } from 'zod';
import type { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserDto } from '../../../shared/admin.js';
import type { Role } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import { endSessionsOfUser } from '../../auth/sessions.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { findDepartment } from './departments.repository.js';
import { staffUser } from './users.table.js';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserForUpdate,
  listUsers,
  updateUser,
  type StaffUser,
} from './users.repository.js';

export function presentUser(u: StaffUser, now: Date): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    profession: u.profession,
    departmentId: u.departmentId,
    active: u.active,
    mfaEnrolled: u.mfaEnabledAt !== null,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function checkDepartment(ctx: Ctx, departmentId: string | null | undefined): Promise<void> {
  if (!departmentId) return;
  const d = await findDepartment(ctx.tx, ctx.municipalityId, departmentId);
  if (!d || !d.active) throw new AppError('department_not_found', [{ path: 'departmentId', message: '' }]);
}

/** A coordinator's department is the unit whose managers supervise their families; a manager's is the unit they lead. */
const ROLES_WITH_UNIT: readonly Role[] = ['coordinator', 'manager'];
function checkUnit(roles: readonly Role[], departmentId: string | null | undefined): void {
  if (!departmentId && roles.some((r) => ROLES_WITH_UNIT.includes(r))) throw fieldError('departmentId', 'department_required_for_role');
}

async function loadForChange(ctx: Ctx, id: string, attempted: string): Promise<StaffUser> {
  await requireRole(ctx, ['admin'], attempted);
  const user = await findUserForUpdate(ctx.tx, ctx.municipalityId, id);
  if (!user) throw new AppError('not_found');
  return user;
}

export async function getUsers(ctx: Ctx): Promise<UserDto[]> {
  await requireRole(ctx, ['admin'], 'user.list');
  return (await listUsers(ctx.tx, ctx.municipalityId)).map((u) => presentUser(u, ctx.now));
}

export async function createUser(ctx: Ctx, body: z.infer<typeof CreateUserBody>): Promise<UserDto> {
  await requireRole(ctx, ['admin'], 'user.create');
  const problem = passwordProblem(body.initialPassword, body);
  if (problem) throw fieldError('initialPassword', problem);
  checkUnit(body.roles, body.departmentId);
  if (await findUserByEmail(ctx.tx, ctx.municipalityId, body.email)) throw new AppError('email_taken');
  await checkDepartment(ctx, body.departmentId);
  const [row] = await ctx.tx
    .insert(staffUser)
    .values({
      municipalityId: ctx.municipalityId,
      email: body.email,
      name: body.name,
      roles: [...new Set(body.roles)],
      profession: body.profession || null,
      departmentId: body.departmentId ?? null,
      passwordHash: await hashPassword(body.initialPassword),
      mustChangePassword: true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await audit(ctx, {
    action: 'user.create',
    targetType: 'user',
    targetId: row!.id,
    details: { roles: row!.roles, departmentId: row!.departmentId, profession: row!.profession },
  });
  return presentUser(row!, ctx.now);
}

export async function changeUser(ctx: Ctx, id: string, body: z.infer<typeof UpdateUserBody>): Promise<UserDto> {
  const user = await loadForChange(ctx, id, 'user.update');
  if (body.departmentId !== undefined) await checkDepartment(ctx, body.departmentId);
  const roles = body.roles ? [...new Set(body.roles)] : user.roles;
  if (user.roles.includes('admin') && !roles.includes('admin') && user.active) {
    if ((await countActiveAdmins(ctx.tx, ctx.municipalityId)) <= 1) throw new AppError('last_admin');
  }
  checkUnit(roles, body.departmentId !== undefined ? body.departmentId : user.departmentId);
  const updated = await updateUser(ctx.tx, ctx.municipalityId, id, { ...body, roles, updatedAt: ctx.now });
  await audit(ctx, {
    action: 'user.update',
    targetType: 'user',
    targetId: id,
    details: {
      before: { name: user.name, roles: user.roles, profession: user.profession, departmentId: user.departmentId },
      after: { name: updated.name, roles: updated.roles, profession: updated.profession, departmentId: updated.departmentId },
    },
  });
  return presentUser(updated, ctx.now);
}

export async function deactivateUser(ctx: Ctx, id: string): Promise<UserDto> {
  const user = await loadForChange(ctx, id, 'user.deactivate');
  if (id === actorOf(ctx).userId) throw new AppError('cannot_deactivate_self');
  if (!user.active) return presentUser(user, ctx.now);
  if (user.roles.includes('admin') && (await countActiveAdmins(ctx.tx, ctx.municipalityId)) <= 1) {
    throw new AppError('last_admin');
  }
  const updated = await updateUser(ctx.tx, ctx.municipalityId, id, { active: false, deactivatedAt: ctx.now, updatedAt: ctx.now });
  await endSessionsOfUser(ctx, id, 'user_deactivated');
  await audit(ctx, { action: 'user.deactivate', targetType: 'user', targetId: id });
  return presentUser(updated, ctx.now);
}

export async function reactivateUser(ctx: Ctx, id: string): Promise<UserDto> {
  const user = await loadForChange(ctx, id, 'user.reactivate');
  if (user.active) return presentUser(user, ctx.now);
  const updated = await updateUser(ctx.tx, ctx.municipalityId, id, { active: true, deactivatedAt: null, updatedAt: ctx.now });
  await audit(ctx, { action: 'user.reactivate', targetType: 'user', targetId: id });
  return presentUser(updated, ctx.now);
}

/** Removes the user's authenticator: they enrol a new one at their next login. Their sessions end. */
export async function resetMfa(ctx: Ctx, id: string): Promise<UserDto> {
  await loadForChange(ctx, id, 'user.mfa_reset');
  const updated = await updateUser(ctx.tx, ctx.municipalityId, id, {
    totpSecret: null,
    mfaEnabledAt: null,
    totpLastStep: null,
    updatedAt: ctx.now,
  });
  await endSessionsOfUser(ctx, id, 'logout');
  await audit(ctx, { action: 'user.mfa_reset', targetType: 'user', targetId: id });
  return presentUser(updated, ctx.now);
}

/** Sets a temporary password (the user must change it) and lifts a lockout. */
export async function resetPassword(ctx: Ctx, id: string, body: z.infer<typeof ResetPasswordBody>): Promise<UserDto> {
  const user = await loadForChange(ctx, id, 'user.password_reset');
  const problem = passwordProblem(body.newPassword, user);
  if (problem) throw fieldError('newPassword', problem);
  const updated = await updateUser(ctx.tx, ctx.municipalityId, id, {
    passwordHash: await hashPassword(body.newPassword),
    mustChangePassword: true,
    failedLogins: 0,
    lockedUntil: null,
    updatedAt: ctx.now,
  });
  await endSessionsOfUser(ctx, id, 'logout');
  await audit(ctx, { action: 'user.password_reset', targetType: 'user', targetId: id });
  return presentUser(updated, ctx.now);
}
