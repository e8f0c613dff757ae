import { and, eq } from 'drizzle-orm';
import type { LoginBody } from '../../shared/auth.js';
import { hasAnyRole } from '../../shared/roles.js';
import { audit } from '../audit/audit.js';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import type { Municipality } from '../modules/setup/municipalities.repository.js';
import { staffUser } from '../modules/admin/users.table.js';
import { AppError } from '../errors.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { createSession, endSession, rotateSession, type SessionRow } from './sessions.js';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.js';

type User = typeof staffUser.$inferSelect;

export function mfaRequiredFor(user: Pick<User, 'roles' | 'mfaEnabledAt'>, m: Pick<Municipality, 'settings'>): boolean {
  return user.mfaEnabledAt !== null || hasAnyRole(user.roles, m.settings.mfaRequiredRoles);
}

async function findUserByEmail(ctx: Ctx, email: string): Promise<User | undefined> {
  const [user] = await ctx.tx
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, ctx.municipalityId), eq(staffUser.email, email.trim().toLowerCase())))
    .limit(1);
  return user;
}

/** Counts a failed attempt and locks the account when the run of failures reaches the limit. */
async function countFailure(ctx: Ctx, user: User, config: Config): Promise<boolean> {
  const failures = user.failedLogins + 1;
  const lock = failures >= config.loginMaxFailures;
  await ctx.tx
    .update(staffUser)
    .set(lock ? { failedLogins: 0, lockedUntil: new Date(ctx.now.getTime() + config.loginLockMs) } : { failedLogins: failures })
    .where(and(eq(staffUser.municipalityId, ctx.municipalityId), eq(staffUser.id, user.id)));
  if (lock) {
    await audit(ctx, {
      action: 'auth.locked',
      targetType: 'user',
      targetId: user.id,
      outcome: 'failure',
      details: { minutes: Math.round(config.loginLockMs / 60_000) },
    });
  }
  return lock;
}

export interface LoginOutcome {
  token: string;
  stage: 'mfa' | 'active';
  mfaEnrolled: boolean;
}

/** Checks e-mail and password. Every failure is audited and answered alike, so e-mails cannot be probed. */
export async function login(ctx: Ctx, body: LoginBody, m: Municipality, config: Config): Promise<LoginOutcome> {
  const user = await findUserByEmail(ctx, body.email);
  const failed = async (reason: string, u?: User) => {
    await audit(ctx, {
      action: 'auth.login_failed',
      targetType: u ? 'user' : undefined,
      targetId: u?.id,
      outcome: 'failure',
      details: { reason, email: body.email.trim().toLowerCase() },
    });
  };
  if (!user || !user.passwordHash) {
    await verifyPassword(body.password, await dummyPasswordHash());
    await failed(user ? 'no_password' : 'unknown_user', user);
    throw new AppError('login_failed').keepingWrites();
  }
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await failed('locked', user);
    throw new AppError('account_locked').keepingWrites();
  }
  const ok = await verifyPassword(body.password, user.passwordHash);
  if (!ok) {
    await failed('wrong_password', user);
    const locked = await countFailure(ctx, user, config);
    throw new AppError(locked ? 'account_locked' : 'login_failed').keepingWrites();
  }
  if (!user.active) {
    await failed('deactivated', user);
    throw new AppError('login_failed').keepingWrites();
  }
  const needsMfa = mfaRequiredFor(user, m);
  await ctx.tx
    .update(staffUser)
    .set({ failedLogins: 0, lockedUntil: null, ...(needsMfa ? {} : { lastLoginAt: ctx.now }) })
    .where(and(eq(staffUser.municipalityId, ctx.municipalityId), eq(staffUser.id, user.id)));
  const stage = needsMfa ? 'mfa' : 'active';
  const token = await createSession(ctx, user.id, stage);
  if (!needsMfa) {
    await audit({ ...ctx, actor: actorOf(user) }, { action: 'auth.login', targetType: 'user', targetId: user.id, details: { mfa: false } });
  }
  return { token, stage, mfaEnrolled: user.mfaEnabledAt !== null };
}

function actorOf(user: User) {
  return { userId: user.id, name: user.name, roles: user.roles, departmentId: user.departmentId };
}

/** Starts (or restarts) enrolment of an authenticator for a user who has none. */
export async function startMfaEnrolment(ctx: Ctx, row: SessionRow) {
  if (row.user.mfaEnabledAt) throw new AppError('mfa_already_enrolled');
  const secret = newTotpSecret();
  await ctx.tx
    .update(staffUser)
    .set({ totpSecret: secret, updatedAt: ctx.now })
    .where(and(eq(staffUser.municipalityId, ctx.municipalityId), eq(staffUser.id, row.user.id)));
  return totpEnrolment(secret, row.user.email, row.municipality.name);
}

/** Checks the one-time code; on success the session becomes fully logged in under a new token. */
export async function verifyMfa(ctx: Ctx, row: SessionRow, tokenHash: string, code: string, config: Config): Promise<string> {
  const user = row.user;
  if (row.session.stage !== 'mfa') throw new AppError('forbidden');
  if (!user.totpSecret) throw new AppError('totp_not_started');
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await endSession(ctx, tokenHash, 'logout');
    throw new AppError('account_locked').keepingWrites();
  }
  const step = checkTotp(user.totpSecret, code, user.totpLastStep, ctx.now.getTime());
  if (step === null) {
    await audit(ctx, { action: 'auth.mfa_failed', targetType: 'user', targetId: user.id, outcome: 'failure' });
    const locked = await countFailure(ctx, user, config);
    if (locked) await endSession(ctx, tokenHash, 'logout');
    throw new AppError(locked ? 'account_locked' : 'totp_invalid').keepingWrites();
  }
  const enrolling = user.mfaEnabledAt === null;
  await ctx.tx
    .update(staffUser)
    .set({
      totpLastStep: step,
      failedLogins: 0,
      lastLoginAt: ctx.now,
      ...(enrolling ? { mfaEnabledAt: ctx.now } : {}),
    })
    .where(and(eq(staffUser.municipalityId, ctx.municipalityId), eq(staffUser.id, user.id)));
  if (enrolling) await audit(ctx, { action: 'auth.mfa_enrolled', targetType: 'user', targetId: user.id });
  const token = await rotateSession(ctx, tokenHash, 'active');
  await audit(ctx, { action: 'auth.login', targetType: 'user', targetId: user.id, details: { mfa: true } });
  return token;
}

export async function logout(ctx: Ctx, row: SessionRow, tokenHash: string): Promise<void> {
  await endSession(ctx, tokenHash, 'logout');
  await audit(ctx, { action: 'auth.logout', targetType: 'user', targetId: row.user.id });
}
