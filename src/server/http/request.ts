import type { FastifyReply, FastifyRequest } from 'fastify';
import { langFromHeader, type Lang } from '../../shared/i18n.js';
import { audit } from '../audit/audit.js';
import {
  SESSION_COOKIE,
  endSession,
  expiryReason,
  findSession,
  hashToken,
  parseSessionCookie,
  safeEqual,
  touchSession,
  type SessionRow,
} from '../auth/sessions.js';
import type { Ctx } from '../context.js';
import { inTenant } from '../db/tenant.js';
import { AppError } from '../errors.js';

export function requestLang(req: FastifyRequest): Lang {
  return langFromHeader(req.headers['accept-language']);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For requests made before login: state-changing ones must carry the x-csrf-token header. A cross-site
 * form cannot set a custom header, and we answer no CORS preflight, so this stops login CSRF.
 */
export function requireAnonymousCsrf(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const header = req.headers['x-csrf-token'];
  if (typeof header !== 'string' || header.length === 0) throw new AppError('csrf_failed');
}

/** Runs fn in a transaction of the given municipality with no logged-in actor (login, MFA steps use withUser). */
export async function withAnonymous<T>(req: FastifyRequest, municipalityId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  requireAnonymousCsrf(req);
  const { db } = req.server.deps.database;
  const out = await inTenant(db, municipalityId, async (tx) => {
    const ctx: Ctx = { tx, municipalityId, actor: null, requestId: req.id, lang: requestLang(req), now: new Date() };
    return settle(() => fn(ctx));
  });
  return unwrap(out);
}

export interface AuthState {
  row: SessionRow;
  tokenHash: string;
}

export interface WithUserOptions {
  /** Let a session that still lacks its second factor through (the MFA endpoints, /me, logout). */
  allowMfaStage?: boolean;
  /** Let a user who must change their password through (/me, the password change, logout). */
  allowPasswordChange?: boolean;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Catches an AppError that asked to keep its writes, so the transaction commits them. */
async function settle<T>(fn: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof AppError && e.keepWrites) return { ok: false, error: e };
    throw e;
  }
}

function unwrap<T>(s: Settled<T>): T {
  if (!s.ok) throw s.error;
  return s.value;
}

/**
 * The one way a request reaches the database as a logged-in user: resolves the session cookie, enforces the
 * idle and absolute timeouts, the second factor, the forced password change and CSRF, then runs fn in the
 * same transaction, as the row-level-security role, in the user's municipality.
 */
export async function withUser<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx, auth: AuthState) => Promise<T>,
  opts: WithUserOptions = {},
): Promise<T> {
  const cookie = parseSessionCookie(req.cookies[SESSION_COOKIE]);
  if (!cookie) throw new AppError('not_authenticated');
  const { database, config } = req.server.deps;
  const tokenHash = hashToken(cookie.token);
  const out = await inTenant(database.db, cookie.municipalityId, async (tx) => {
    const now = new Date();
    const ctx: Ctx = { tx, municipalityId: cookie.municipalityId, actor: null, requestId: req.id, lang: requestLang(req), now };
    const row = await findSession(tx, cookie.municipalityId, tokenHash);
    if (!row || row.session.endedAt) return fail(new AppError('not_authenticated'));
    const actor = { userId: row.user.id, name: row.user.name, roles: row.user.roles, departmentId: row.user.departmentId };
    const expired = expiryReason(row.session, now, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs });
    if (expired) {
      await endSession(ctx, tokenHash, expired);
      await audit({ ...ctx, actor }, { action: 'auth.session_expired', targetType: 'user', targetId: row.user.id, details: { reason: expired } });
      return fail(new AppError('session_expired'));
    }
    if (!row.user.active) {
      await endSession(ctx, tokenHash, 'user_deactivated');
      return fail(new AppError('not_authenticated'));
    }
    if (row.session.stage === 'mfa' && !opts.allowMfaStage) return fail(new AppError('mfa_required'));
    if (row.session.stage === 'active' && row.user.mustChangePassword && !opts.allowPasswordChange) {
      return fail(new AppError('password_change_required'));
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, row.session.csrfToken)) return fail(new AppError('csrf_failed'));
    }
    await touchSession(tx, cookie.municipalityId, tokenHash, row.session.lastSeenAt, now);
    ctx.actor = actor;
    return settle(() => fn(ctx, { row, tokenHash }));
  });
  if (!out.ok && (out.error.code === 'session_expired' || out.error.code === 'not_authenticated')) {
    clearSessionCookie(reply);
  }
  return unwrap(out);
}

function fail(error: AppError): Settled<never> {
  return { ok: false, error };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(req),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function secureCookie(req: FastifyRequest): boolean {
  const mode = req.server.deps.config.secureCookies;
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return req.protocol === 'https';
}
