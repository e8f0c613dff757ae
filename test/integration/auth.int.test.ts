import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { TOUCH_EVERY_MS, touchSession } from '../../src/server/auth/sessions.js';
import { session } from '../../src/server/auth/sessions.table.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { testConfig } from '../../src/server/config.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { sweepExpiredSessions } from '../../src/server/jobs/session-sweep.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, cookieOf, csrfOf, loginAs } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`staff login, second factor and sessions (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  const anon = { 'x-csrf-token': 'anonymous' };

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '301' });
    app = await buildTestApp(database, { loginMaxFailures: 3 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))),
    );
  const login = (email: string, password: string, headers: Record<string, string> = anon) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email, password } });

  it('asks a coordinator for a second factor after a correct password', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const res = await login(user.email, user.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stage: 'mfa', mfaEnrolled: true });
    const cookie = cookieOf(res.headers['set-cookie']);
    const admin = await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie } });
    expect(admin.statusCode).toBe(401);
    expect(admin.json().error.code).toBe('mfa_required');
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const res = await login(user.email, user.password);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
  });

  it('enrols an authenticator, then logs in fully under a new session token', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['manager'] });
    const res = await login(user.email, user.password);
    expect(res.json()).toEqual({ stage: 'mfa', mfaEnrolled: false });
    const cookie = cookieOf(res.headers['set-cookie']);
    const csrf = await csrfOf(app, cookie);
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers: { cookie, 'x-csrf-token': csrf } });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = enrol.json();
    expect(otpauthUri).toContain('otpauth://totp/');
    expect(qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: '000000' === totpCode(secret) ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('totp_invalid');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: totpCode(secret) } });
    expect(ok.statusCode).toBe(200);
    const fresh = cookieOf(ok.headers['set-cookie']);
    expect(fresh).not.toBe(cookie);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: fresh } });
    expect(me.json()).toMatchObject({ user: { mfaEnrolled: true }, session: { stage: 'active' }, can: { readAudit: true, administer: false } });
    const old = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(old.statusCode).toBe(401);
    expect((await events('auth.mfa_enrolled')).some((e) => e.targetId === user.id)).toBe(true);
    expect((await events('auth.mfa_failed')).some((e) => e.targetId === user.id)).toBe(true);
  });

  it('refuses a one-time code that was already used', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    await loginAs(app, database.db, user);
    const res = await login(user.email, user.password);
    const cookie = cookieOf(res.headers['set-cookie']);
    const csrf = await csrfOf(app, cookie);
    const step = Math.floor(Date.now() / 30_000);
    await asSystem(database.db, (tx) => tx.update(staffUser).set({ totpLastStep: step + 1 }).where(eq(staffUser.id, user.id)));
    const replay = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: totpCode(user.totpSecret!) } });
    expect(replay.json().error.code).toBe('totp_invalid');
  });

  it('refuses a wrong password with one message for every failure and audits it', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const wrong = await login(user.email, 'not the right password at all');
    const unknown = await login('nobody@kommune.example', 'not the right password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('E-mail eller adgangskode er forkert.');
    expect(unknown.json().error).toEqual(wrong.json().error);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failed = await events('auth.login_failed');
    expect(failed.find((e) => e.targetId === user.id)?.details).toMatchObject({ reason: 'wrong_password' });
    expect(failed.find((e) => e.details.email === 'nobody@kommune.example')?.details).toMatchObject({ reason: 'unknown_user' });
    expect(JSON.stringify(failed)).not.toContain('not the right password');
  });

  it('answers in English when the client asks for English', async () => {
    const res = await login('nobody@kommune.example', 'whatever password', { ...anon, 'accept-language': 'en' });
    expect(res.json().error.message).toBe('E-mail or password is incorrect.');
  });

  it('locks the account after a run of failures, even for the right password, and audits the lock', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    for (let i = 0; i < 2; i++) expect((await login(user.email, 'wrong password number x')).statusCode).toBe(401);
    const third = await login(user.email, 'wrong password number x');
    expect(third.statusCode).toBe(423);
    const right = await login(user.email, user.password);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('account_locked');
    expect((await events('auth.locked')).some((e) => e.targetId === user.id)).toBe(true);
  });

  it('refuses a deactivated user', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], active: false });
    const res = await login(user.email, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('login_failed');
  });

  it('logs out server-side: the old cookie no longer works and the logout is audited', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const s = await loginAs(app, database.db, user);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
    expect((await events('auth.logout')).some((e) => e.actorUserId === user.id)).toBe(true);
  });

  it('ends a session after the idle timeout and audits the expiry', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const s = await loginAs(app, database.db, user);
    await asSystem(database.db, (tx) =>
      tx.update(session).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(session.userId, user.id)),
    );
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_expired');
    const expired = (await events('auth.session_expired')).find((e) => e.targetId === user.id);
    expect(expired?.details).toEqual({ reason: 'idle_timeout' });
  });

  it('ends a session after the absolute timeout even when it is in use', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const s = await loginAs(app, database.db, user);
    await asSystem(database.db, (tx) =>
      tx.update(session).set({ createdAt: sql`now() - interval '10 hours 1 minute'` }).where(eq(session.userId, user.id)),
    );
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().error.code).toBe('session_expired');
    expect((await events('auth.session_expired')).find((e) => e.targetId === user.id)?.details).toEqual({ reason: 'absolute_timeout' });
  });

  it('sweeps sessions that expired while nobody used them and audits each', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    await loginAs(app, database.db, user);
    const ended = await sweepExpiredSessions(database.db, testConfig(), new Date(Date.now() + 31 * 60_000));
    expect(ended).toBeGreaterThanOrEqual(1);
    const rows = await asSystem(database.db, (tx) => tx.select().from(session).where(eq(session.userId, user.id)));
    expect(rows.every((r) => r.endedAt !== null)).toBe(true);
    expect((await events('auth.session_expired')).some((e) => e.targetId === user.id)).toBe(true);
  });

  it('refuses a state-changing request without the CSRF token and with a wrong one', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const s = await loginAs(app, database.db, user);
    const none = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(none.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('csrf_failed');
    const anonLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    expect(anonLogin.json().error.code).toBe('csrf_failed');
  });

  it('makes a user with a first password change it before anything else', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true, mustChangePassword: true });
    const s = await loginAs(app, database.db, user);
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: s.headers });
    expect(blocked.json().error.code).toBe('password_change_required');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: 'wrong one', newPassword: 'a brand new long passphrase' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0].path).toBe('currentPassword');
    const short = await app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: user.password, newPassword: 'short' } });
    expect(short.json().error.problems).toEqual([{ path: 'newPassword', message: 'Adgangskoden skal være på mindst 12 tegn.' }]);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: user.password, newPassword: 'a brand new long passphrase' } });
    expect(ok.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers });
    expect(me.json().user.mustChangePassword).toBe(false);
    user.password = 'a brand new long passphrase';
    await expect(loginAs(app, database.db, user)).resolves.toBeTruthy();
  });

  it('does not ask for a second factor when the municipality does not require it for the role', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['analyst'] });
    const res = await login(user.email, user.password);
    expect(res.json()).toEqual({ stage: 'active', mfaEnrolled: false });
    expect((await events('auth.login')).some((e) => e.actorUserId === user.id)).toBe(true);
  });

  it('asks for the municipality when the installation serves several', async () => {
    await buildMunicipality(database.db, { code: '302' });
    const user = await buildUser(database.db, m.municipality, { roles: ['analyst'] });
    const without = await login(user.email, user.password);
    expect(without.json().error.code).toBe('municipality_required');
    const withCode = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: anon, payload: { email: user.email, password: user.password, municipalityCode: '301' } });
    expect(withCode.statusCode).toBe(200);
  });

  it('slows a flood of login attempts from one address with 429', async () => {
    const strict = await buildTestApp(database, { loginRatePerMinute: 2 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await strict.inject({ method: 'POST', url: '/api/v1/auth/login', headers: anon, payload: { email: 'x@kommune.example', password: 'whatever password', municipalityCode: '301' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
  describe('marking a session as seen', () => {
    const sessionOf = async (userId: string) =>
      (await asSystem(database.db, (tx) => tx.select().from(session).where(eq(session.userId, userId))))[0]!;
    const touch = (tokenHash: string, lastSeenAt: Date, now: Date) =>
      inTenant(database.db, m.municipality.id, (tx) => touchSession(tx, m.municipality.id, tokenHash, lastSeenAt, now));

    it('marks it at most every 30 s, and not again when another request marked it since it was read', async () => {
      const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
      await loginAs(app, database.db, user, '301');
      const read = await sessionOf(user.id);
      await touch(read.tokenHash, read.lastSeenAt, new Date(read.lastSeenAt.getTime() + TOUCH_EVERY_MS - 1));
      expect((await sessionOf(user.id)).lastSeenAt).toEqual(read.lastSeenAt);
      const first = new Date(read.lastSeenAt.getTime() + TOUCH_EVERY_MS);
      await touch(read.tokenHash, read.lastSeenAt, first);
      expect((await sessionOf(user.id)).lastSeenAt).toEqual(first);
      // A second request read the session before the first marked it: it leaves the newer mark alone.
      await touch(read.tokenHash, read.lastSeenAt, new Date(first.getTime() + 5_000));
      expect((await sessionOf(user.id)).lastSeenAt).toEqual(first);
    });

    it.skipIf(dbKind !== 'postgres')('does not make a request wait while another request of the same session is marking it', async () => {
      const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
      await loginAs(app, database.db, user, '301');
      const read = await sessionOf(user.id);
      const first = new Date(read.lastSeenAt.getTime() + 60_000);
      let marked!: () => void;
      let finish!: () => void;
      const hasMarked = new Promise<void>((r) => (marked = r));
      const mayFinish = new Promise<void>((r) => (finish = r));
      // The first request marks the session and keeps its transaction (and the row's lock) open.
      const holder = inTenant(database.db, m.municipality.id, async (tx) => {
        await touchSession(tx, m.municipality.id, read.tokenHash, read.lastSeenAt, first);
        marked();
        await mayFinish;
      });
      await hasMarked;
      try {
        // The second request, with the same stale mark: waiting for the lock would fail here after 2 s.
        await inTenant(database.db, m.municipality.id, async (tx) => {
          await tx.execute(sql`set local lock_timeout = '2s'`);
          await touchSession(tx, m.municipality.id, read.tokenHash, read.lastSeenAt, new Date(first.getTime() + 1_000));
        });
      } finally {
        finish();
        await holder;
      }
      expect((await sessionOf(user.id)).lastSeenAt).toEqual(first);
    });
  });
});
