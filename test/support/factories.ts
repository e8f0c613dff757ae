import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/shared/roles.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { newTotpSecret, totpCode } from '../../src/server/auth/totp.js';
import type { Db } from '../../src/server/db/client.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { setupMunicipality } from '../../src/server/modules/setup/setup.service.js';
import type { Municipality } from '../../src/server/modules/setup/municipalities.repository.js';

export const ADMIN_PASSWORD = 'korrekt hest batteri hæfteklamme';

let counter = 0;
/**
 * A unique part for e-mails and names. The letter keeps the counter and the random hex from running together into
 * ten digits, which tests that look for anything CPR-shaped in their output would take for a CPR.
 */
function unique(): string {
  counter++;
  return `${counter}u${randomBytes(3).toString('hex')}`;
}

/** A municipality through the real setup service, with its first administrator. */
export async function buildMunicipality(db: Db, opts: { code?: string; name?: string } = {}) {
  const code = opts.code ?? String(100 + Math.floor(Math.random() * 899));
  const adminEmail = `admin-${unique()}@kommune.example`;
  const municipality = await setupMunicipality(
    db,
    {
      municipality: { code, name: opts.name ?? `Testkommune ${code}` },
      admin: { name: 'Ada Administrator', email: adminEmail, password: ADMIN_PASSWORD },
    },
    { onlyIfEmpty: false, requestId: 'test', lang: 'da' },
  );
  const admin = await asSystem(db, async (tx) =>
    (await tx.select().from(staffUser).where(and(eq(staffUser.municipalityId, municipality.id), eq(staffUser.email, adminEmail))))[0]!,
  );
  return { municipality, admin: { id: admin.id, email: adminEmail, password: ADMIN_PASSWORD, totpSecret: null as string | null } };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** Set when the user has an enrolled authenticator. */
  totpSecret: string | null;
}

/** A staff user written directly (as the owner), optionally with an enrolled authenticator. */
export async function buildUser(
  db: Db,
  municipality: Municipality,
  opts: { roles?: Role[]; name?: string; mfa?: boolean; mustChangePassword?: boolean; active?: boolean } = {},
): Promise<TestUser> {
  const email = `user-${unique()}@kommune.example`;
  const password = `hemmelig sætning ${unique()}`;
  const totpSecret = opts.mfa ? newTotpSecret() : null;
  const [row] = await asSystem(db, async (tx) =>
    tx
      .insert(staffUser)
      .values({
        municipalityId: municipality.id,
        email,
        name: opts.name ?? `Test Bruger ${unique()}`,
        roles: opts.roles ?? ['coordinator'],
        passwordHash: await hashPassword(password),
        mustChangePassword: opts.mustChangePassword ?? false,
        totpSecret,
        mfaEnabledAt: totpSecret ? new Date() : null,
        active: opts.active ?? true,
      })
      .returning(),
  );
  return { id: row!.id, email, password, totpSecret };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Logs in through the API (password, then the one-time code when asked) and returns cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, db: Db, user: TestUser, municipalityCode?: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-csrf-token': 'anonymous' },
    payload: { email: user.email, password: user.password, ...(municipalityCode ? { municipalityCode } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  let cookie = cookieOf(res.headers['set-cookie']);
  if (res.json().stage === 'mfa') {
    if (!user.totpSecret) {
      const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers: { cookie, 'x-csrf-token': await csrfOf(app, cookie) } });
      user.totpSecret = enrol.json().secret as string;
    }
    // Tests log the same user in many times within one 30-second step: forget the last step used.
    await asSystem(db, (tx) => tx.update(staffUser).set({ totpLastStep: null }).where(eq(staffUser.id, user.id)));
    const verify = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: { cookie, 'x-csrf-token': await csrfOf(app, cookie) },
      payload: { code: totpCode(user.totpSecret) },
    });
    if (verify.statusCode !== 200) throw new Error(`mfa failed: ${verify.statusCode} ${verify.body}`);
    cookie = cookieOf(verify.headers['set-cookie']);
  }
  const csrf = await csrfOf(app, cookie);
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export async function csrfOf(app: FastifyInstance, cookie: string): Promise<string> {
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  return me.json().session.csrfToken as string;
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no session cookie set');
  return first.split(';')[0]!;
}
