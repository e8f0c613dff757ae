import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/roles.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`administration of departments, users and settings (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let admin: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '401' });
    app = await buildTestApp(database);
    admin = await loginAs(app, database.db, m.admin);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))),
    );
  const userCount = async () => (await asSystem(database.db, (tx) => tx.select().from(staffUser).where(eq(staffUser.municipalityId, m.municipality.id)))).length;
  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  it('starts a municipality with the default departments', async () => {
    const res = await call(admin, 'GET', '/api/v1/admin/departments');
    expect(res.statusCode).toBe(200);
    expect(res.json().departments.map((d: { code: string }) => d.code).sort()).toEqual(
      ['adult_disability', 'benefits', 'children_family', 'daycare_school', 'health_visitors', 'jobcenter'],
    );
  });

  it('lists departments in Danish alphabetical order', async () => {
    for (const [code, name] of [['aa_unit', 'Økonomi'], ['zz_unit', 'økonomirådgivning'], ['mm_unit', 'Ældreområdet'], ['bb_unit', 'åben rådgivning']]) {
      expect((await call(admin, 'POST', '/api/v1/admin/departments', { code, name })).statusCode).toBe(201);
    }
    const names = (await call(admin, 'GET', '/api/v1/admin/departments')).json().departments.map((d: { name: string }) => d.name) as string[];
    expect(names).toEqual([...names].sort(new Intl.Collator('da', { sensitivity: 'base' }).compare));
    expect(names.slice(-4)).toEqual(['Ældreområdet', 'Økonomi', 'økonomirådgivning', 'åben rådgivning']);
  });

  it('creates, renames and deactivates a department, auditing each change', async () => {
    const created = await call(admin, 'POST', '/api/v1/admin/departments', { code: 'mentor_unit', name: 'Mentorenheden' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const dup = await call(admin, 'POST', '/api/v1/admin/departments', { code: 'mentor_unit', name: 'Igen' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('department_code_taken');
    const renamed = await call(admin, 'PATCH', `/api/v1/admin/departments/${id}`, { name: 'Mentorteamet' });
    expect(renamed.json()).toMatchObject({ name: 'Mentorteamet', active: true });
    const off = await call(admin, 'PATCH', `/api/v1/admin/departments/${id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await events('department.create')).some((e) => e.targetId === id)).toBe(true);
    expect((await events('department.update')).filter((e) => e.targetId === id)).toHaveLength(2);
  });

  it('creates a user who must change the first password, and audits it', async () => {
    const depts = (await call(admin, 'GET', '/api/v1/admin/departments')).json().departments as { id: string; code: string }[];
    const jobcenter = depts.find((d) => d.code === 'jobcenter')!;
    const before = depts as unknown as { id: string; activeUsers: number }[];
    const res = await call(admin, 'POST', '/api/v1/admin/users', {
      email: 'Kim.Koordinator@Kommune.example',
      name: 'Kim Koordinator',
      roles: ['coordinator'],
      profession: 'Familiekoordinator',
      departmentId: jobcenter.id,
      initialPassword: 'første adgangskode til kim',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'kim.koordinator@kommune.example', roles: ['coordinator'], active: true, mfaEnrolled: false });
    // The departments' list counts the department's active users: Kim now, in Jobcenter only.
    const counted = (await call(admin, 'GET', '/api/v1/admin/departments')).json().departments as { id: string; activeUsers: number }[];
    expect(counted.find((d) => d.id === jobcenter.id)?.activeUsers).toBe(before.find((d) => d.id === jobcenter.id)!.activeUsers + 1);
    expect(counted.filter((d) => d.id !== jobcenter.id).map((d) => d.activeUsers)).toEqual(before.filter((d) => d.id !== jobcenter.id).map((d) => d.activeUsers));
    expect((await events('user.create')).some((e) => e.targetId === res.json().id)).toBe(true);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-csrf-token': 'a' },
      payload: { email: 'kim.koordinator@kommune.example', password: 'første adgangskode til kim' },
    });
    expect(login.json()).toEqual({ stage: 'mfa', mfaEnrolled: false });
  });

  it('refuses bad input with every problem listed and writes nothing', async () => {
    const before = await userCount();
    const res = await call(admin, 'POST', '/api/v1/admin/users', {
      email: 'not-an-email',
      name: '',
      roles: ['wizard'],
      initialPassword: 'short',
      shoeSize: 44,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.problems.map((p: { path: string }) => p.path).sort();
    expect(paths).toEqual(['email', 'initialPassword', 'name', 'roles.0', 'shoeSize']);
    expect(res.json().error.problems.find((p: { path: string }) => p.path === 'email').message).toMatch(/gyldig e-mailadresse/);
    expect(await userCount()).toBe(before);
  });

  it('refuses wrong types and an unknown department', async () => {
    const types = await call(admin, 'POST', '/api/v1/admin/users', { email: 42, name: ['x'], roles: 'admin', initialPassword: true });
    expect(types.statusCode).toBe(400);
    expect(types.json().error.problems).toHaveLength(4);
    const dept = await call(admin, 'POST', '/api/v1/admin/users', {
      email: 'x@kommune.example', name: 'X', roles: ['professional'], departmentId: '00000000-0000-4000-8000-000000000000', initialPassword: 'a long enough password',
    });
    expect(dept.json().error).toMatchObject({ code: 'department_not_found', problems: [{ path: 'departmentId' }] });
  });

  it('refuses a duplicate e-mail', async () => {
    const body = { email: 'dup@kommune.example', name: 'Dup', roles: ['analyst'], initialPassword: 'a long enough password' };
    expect((await call(admin, 'POST', '/api/v1/admin/users', body)).statusCode).toBe(201);
    const again = await call(admin, 'POST', '/api/v1/admin/users', { ...body, email: 'DUP@kommune.example' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
  });

  it('deactivates a user, which ends their sessions, and reactivates them', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['professional'], mfa: true });
    const theirs = await loginAs(app, database.db, user);
    const off = await call(admin, 'POST', `/api/v1/admin/users/${user.id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: theirs.headers })).statusCode).toBe(401);
    const on = await call(admin, 'POST', `/api/v1/admin/users/${user.id}/reactivate`);
    expect(on.json().active).toBe(true);
    expect((await events('user.deactivate')).some((e) => e.targetId === user.id)).toBe(true);
  });

  it('resets a second factor so the user enrols anew', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true });
    const res = await call(admin, 'POST', `/api/v1/admin/users/${user.id}/reset-mfa`);
    expect(res.json().mfaEnrolled).toBe(false);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-csrf-token': 'a' }, payload: { email: user.email, password: user.password } });
    expect(login.json()).toEqual({ stage: 'mfa', mfaEnrolled: false });
    expect((await events('user.mfa_reset')).some((e) => e.targetId === user.id)).toBe(true);
  });

  it('changes roles and department, recording before and after', async () => {
    const user = await buildUser(database.db, m.municipality, { roles: ['coordinator'] });
    const depts = (await call(admin, 'GET', '/api/v1/admin/departments')).json().departments as { id: string; code: string }[];
    const unit = depts.find((d) => d.code === 'children_family')!.id;
    const res = await call(admin, 'PATCH', `/api/v1/admin/users/${user.id}`, { roles: ['coordinator', 'manager'], profession: 'Leder', departmentId: unit });
    expect(res.json()).toMatchObject({ roles: ['coordinator', 'manager'], profession: 'Leder', departmentId: unit });
    const e = (await events('user.update')).find((x) => x.targetId === user.id);
    expect(e?.details).toMatchObject({ before: { roles: ['coordinator'] }, after: { roles: ['coordinator', 'manager'] } });
  });

  it('refuses a coordinator or manager without a department, at the field, and changes nothing', async () => {
    const depts = (await call(admin, 'GET', '/api/v1/admin/departments')).json().departments as { id: string; code: string }[];
    const unit = depts.find((d) => d.code === 'children_family')!.id;
    const before = await userCount();
    for (const roles of [['coordinator'], ['manager'], ['professional', 'manager']]) {
      const res = await call(admin, 'POST', '/api/v1/admin/users', { email: `uden.afdeling.${roles.join('.')}@kommune.example`, name: 'Ulla Udenafdeling', roles, initialPassword: 'første adgangskode til ulla' });
      expect(res.statusCode, roles.join()).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'departmentId', message: expect.stringContaining('Vælg en afdeling') }]);
    }
    expect(await userCount()).toBe(before);
    // A professional or an analyst needs none.
    const analyst = await call(admin, 'POST', '/api/v1/admin/users', { email: 'ann.analytiker@kommune.example', name: 'Ann Analytiker', roles: ['analyst'], initialPassword: 'første adgangskode til ann' });
    expect(analyst.statusCode, analyst.body).toBe(201);
    // Taking the department from a coordinator, or making a user without one a manager, is refused too.
    const coordinator = await call(admin, 'POST', '/api/v1/admin/users', { email: 'kaj.koordinator@kommune.example', name: 'Kaj Koordinator', roles: ['coordinator'], departmentId: unit, initialPassword: 'første adgangskode til kaj' });
    expect(coordinator.statusCode).toBe(201);
    const cleared = await call(admin, 'PATCH', `/api/v1/admin/users/${coordinator.json().id}`, { departmentId: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().error.problems[0].path).toBe('departmentId');
    const promoted = await app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${analyst.json().id}`, headers: { ...admin.headers, 'accept-language': 'en' }, payload: { roles: ['manager'] } });
    expect(promoted.statusCode).toBe(400);
    expect(promoted.json().error.problems[0]).toMatchObject({ path: 'departmentId', message: expect.stringContaining('Choose a department') });
    const users = (await call(admin, 'GET', '/api/v1/admin/users')).json().users as { id: string; roles: string[]; departmentId: string | null }[];
    expect(users.find((u) => u.id === coordinator.json().id)?.departmentId).toBe(unit);
    expect(users.find((u) => u.id === analyst.json().id)?.roles).toEqual(['analyst']);
  });

  it('keeps at least one active administrator and refuses deactivating oneself', async () => {
    const self = await call(admin, 'POST', `/api/v1/admin/users/${m.admin.id}/deactivate`);
    expect(self.json().error.code).toBe('cannot_deactivate_self');
    const demote = await call(admin, 'PATCH', `/api/v1/admin/users/${m.admin.id}`, { roles: ['manager'] });
    expect(demote.json().error.code).toBe('last_admin');
  });

  it('answers 404 for a user that does not exist and 400 for a malformed id', async () => {
    expect((await call(admin, 'POST', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/deactivate')).statusCode).toBe(404);
    const bad = await call(admin, 'POST', '/api/v1/admin/users/not-a-uuid/deactivate');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0].path).toBe('id');
  });

  it('changes which roles need a second factor', async () => {
    const res = await call(admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles: ['admin', 'manager', 'coordinator', 'professional', 'analyst'] });
    expect(res.json().mfaRequiredRoles).toContain('analyst');
    const analyst = await buildUser(database.db, m.municipality, { roles: ['analyst'] });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-csrf-token': 'a' }, payload: { email: analyst.email, password: analyst.password } });
    expect(login.json().stage).toBe('mfa');
    const bad = await call(admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles: ['wizard'] });
    expect(bad.statusCode).toBe(400);
  });

  describe('who may administer (deny by default)', () => {
    const cases: Array<{ role: Role; status: number }> = [
      { role: 'coordinator', status: 403 },
      { role: 'professional', status: 403 },
      { role: 'manager', status: 403 },
      { role: 'analyst', status: 403 },
      { role: 'admin', status: 200 },
    ];
    const endpoints: Array<[string, 'GET' | 'POST' | 'PUT', string, object?]> = [
      ['list users', 'GET', '/api/v1/admin/users'],
      ['list departments', 'GET', '/api/v1/admin/departments'],
      ['read settings', 'GET', '/api/v1/admin/settings'],
    ];
    for (const { role, status } of cases) {
      for (const [what, method, url] of endpoints) {
        it(`answers ${status} when a ${role} tries to ${what}`, async () => {
          const user = await buildUser(database.db, m.municipality, { roles: [role], mfa: true });
          const s = await loginAs(app, database.db, user);
          const res = await call(s, method, url);
          expect(res.statusCode).toBe(status);
          if (status === 403) {
            const denied = (await events('access.denied')).filter((e) => e.actorUserId === user.id);
            expect(denied).toHaveLength(1);
            expect(denied[0]!.outcome).toBe('denied');
          }
        });
      }
    }

    it('refuses a non-admin creating a user and writes no user', async () => {
      const user = await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true });
      const s = await loginAs(app, database.db, user);
      const before = await userCount();
      const res = await call(s, 'POST', '/api/v1/admin/users', { email: 'sneak@kommune.example', name: 'S', roles: ['admin'], initialPassword: 'a long enough password' });
      expect(res.statusCode).toBe(403);
      expect(await userCount()).toBe(before);
    });
  });
});
