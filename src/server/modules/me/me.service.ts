import type { MeDto } from '../../../shared/auth.js';
import { hasAnyRole } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/password.js';
import { canAdminister, canReadAudit } from '../../auth/policy.js';
import type { SessionRow } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { updateUser } from '../admin/users.repository.js';
import { exportRoles } from '../exchange/exchange.policy.js';
import { hasTasks } from '../tasks/tasks.policy.js';

export function presentMe(row: SessionRow, config: Config): MeDto {
  const u = row.user;
  const actor = { userId: u.id, name: u.name, roles: u.roles, departmentId: u.departmentId };
  const active = row.session.stage === 'active' && !u.mustChangePassword;
  return {
    user: {
      id: u.id,
      name: u.name,
      email: u.email,
      roles: u.roles,
      profession: u.profession,
      departmentId: u.departmentId,
      language: u.language,
      mfaEnrolled: u.mfaEnabledAt !== null,
      mustChangePassword: u.mustChangePassword,
    },
    municipality: { code: row.municipality.code, name: row.municipality.name },
    session: { stage: row.session.stage, csrfToken: row.session.csrfToken, idleTimeoutSeconds: Math.round(config.sessionIdleMs / 1000) },
    can: {
      administer: active && canAdminister(actor),
      readAudit: active && canReadAudit(actor),
      refer: active && hasAnyRole(u.roles, ['coordinator', 'professional', 'manager']),
      visitate: active && hasAnyRole(u.roles, ['coordinator', 'manager']),
      coordinate: active && hasAnyRole(u.roles, ['coordinator']),
      teamFamilies: active && hasAnyRole(u.roles, ['professional']),
      supervise: active && hasAnyRole(u.roles, ['manager']),
      evaluate: active && hasAnyRole(u.roles, ['manager', 'analyst']),
      work: active && hasTasks(u.roles),
      exportPseudonymised: active && hasAnyRole(u.roles, exportRoles(true)),
    },
  };
}

export async function changeOwnPassword(
  ctx: Ctx,
  row: SessionRow,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const u = row.user;
  if (!u.passwordHash || !(await verifyPassword(body.currentPassword, u.passwordHash))) {
    throw new AppError('current_password_wrong', [{ path: 'currentPassword', message: '' }]);
  }
  const problem = passwordProblem(body.newPassword, u);
  if (problem) throw fieldError('newPassword', problem);
  if (body.newPassword === body.currentPassword) throw fieldError('newPassword', 'password_same');
  await updateUser(ctx.tx, ctx.municipalityId, u.id, {
    passwordHash: await hashPassword(body.newPassword),
    mustChangePassword: false,
    updatedAt: ctx.now,
  });
  await audit(ctx, { action: 'auth.password_changed', targetType: 'user', targetId: u.id });
}

export async function setLanguage(ctx: Ctx, row: SessionRow, language: 'da' | 'en'): Promise<void> {
  await updateUser(ctx.tx, ctx.municipalityId, row.user.id, { language });
}
