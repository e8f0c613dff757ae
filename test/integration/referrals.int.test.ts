import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EARLY_SIGNS } from '../../src/shared/referrals.js';
import type { Role } from '../../src/shared/roles.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { department } from '../../src/server/modules/admin/departments.table.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { referral } from '../../src/server/modules/referrals/referrals.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';
import { LOOKUPS_PER_HOUR } from '../../src/server/modules/referrals/referrals.service.js';

type Method = 'GET' | 'POST' | 'PUT';

/** A valid CPR number (century rule) for a birth year, unique per call: adults born 1985, children 2016. */
let serial = 100;
const cprFor = (kind: 'adult' | 'child') => `0305${kind === 'adult' ? '85' : '16'}${kind === 'adult' ? '1' : '4'}${String(serial++).padStart(3, '0')}`;

describe.skipIf(!!dbSkipReason)(`referral (opsporing): early signs, referring, the look-up, the queue (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  const s = {} as Record<Role, Session>;
  const ids = {} as Record<Role, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '402' });
    app = await buildTestApp(database);
    const [jobcenter] = await asSystem(database.db, (tx) =>
      tx.select().from(department).where(and(eq(department.municipalityId, m.municipality.id), eq(department.code, 'jobcenter'))),
    );
    for (const role of ['coordinator', 'professional', 'manager', 'analyst'] as const) {
      const user = await buildUser(database.db, m.municipality, { roles: [role], mfa: true, name: `Ulla ${role}` });
      await asSystem(database.db, (tx) => tx.update(staffUser).set({ departmentId: jobcenter!.id, profession: 'Jobkonsulent' }).where(eq(staffUser.id, user.id)));
      s[role] = await loginAs(app, database.db, user);
      ids[role] = user.id;
    }
    s.admin = await loginAs(app, database.db, m.admin);
    ids.admin = m.admin.id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (who: Session, method: Method, url: string, payload?: object) => app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const events = (action: string) =>
    asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq));
  const referralCount = async () => (await asSystem(database.db, (tx) => tx.select().from(referral).where(eq(referral.municipalityId, m.municipality.id)))).length;
  const refer = async (persons: object[], signs = ['absence'], who = s.professional) => {
    const res = await call(who, 'POST', '/api/v1/referrals', { persons, signs, note: 'Mange fraværsdage.' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const accept = (id: string, body: object = {}) => call(s.coordinator, 'POST', `/api/v1/referrals/${id}/accept`, body);

  describe('the checklist of early signs', () => {
    it('offers every staff user the default signs in order', async () => {
      const res = await call(s.professional, 'GET', '/api/v1/referrals/early-signs');
      expect(res.statusCode).toBe(200);
      expect(res.json().signs.map((x: { code: string }) => x.code)).toEqual(DEFAULT_EARLY_SIGNS.map((x) => x.code));
    });

    it('lets an administrator add and deactivate a sign, which referrers then no longer see, auditing each change', async () => {
      const added = await call(s.admin, 'PUT', '/api/v1/admin/early-signs/housing_overcrowded', { labelDa: 'Trangboet', labelEn: 'Overcrowded housing', sortOrder: 5 });
      expect(added.json()).toEqual({ code: 'housing_overcrowded', labelDa: 'Trangboet', labelEn: 'Overcrowded housing', active: true, sortOrder: 5 });
      expect((await call(s.coordinator, 'GET', '/api/v1/referrals/early-signs')).json().signs[1].code).toBe('housing_overcrowded');
      await call(s.admin, 'PUT', '/api/v1/admin/early-signs/housing_overcrowded', { labelDa: 'Trangboet', labelEn: 'Overcrowded housing', active: false });
      const all = (await call(s.admin, 'GET', '/api/v1/admin/early-signs')).json().signs as { code: string; active: boolean }[];
      expect(all.find((x) => x.code === 'housing_overcrowded')?.active).toBe(false);
      const offered = (await call(s.coordinator, 'GET', '/api/v1/referrals/early-signs')).json().signs as { code: string }[];
      expect(offered.map((x) => x.code)).not.toContain('housing_overcrowded');
      const audited = (await events('early_sign.update')).filter((e) => e.targetId === 'housing_overcrowded');
      expect(audited.map((e) => (e.details as { after: { active: boolean } }).after.active)).toEqual([true, false]);
    });

    it('refuses a malformed code, and empty labels listing each, and changes nothing', async () => {
      const code = await call(s.admin, 'PUT', '/api/v1/admin/early-signs/Bad-Code', { labelDa: 'x', labelEn: 'x' });
      expect(code.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['code']);
      const labels = await call(s.admin, 'PUT', '/api/v1/admin/early-signs/absence', { labelDa: '', labelEn: ' ' });
      expect(labels.json().error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['labelDa', 'labelEn']);
      const all = (await call(s.admin, 'GET', '/api/v1/admin/early-signs')).json().signs as { code: string; labelDa: string }[];
      expect(all.find((x) => x.code === 'absence')?.labelDa).toBe('Fravær fra skole eller dagtilbud');
    });
  });

  describe('referring', () => {
    it("files a referral with the referrer's department and profession and audits it without the CPR", async () => {
      const cpr = cprFor('adult');
      const id = await refer([{ cpr }, { givenName: 'Alma', birthDate: '2017-04-02', role: 'child' }], ['absence', 'debt_eviction', 'absence']);
      const [row] = await asSystem(database.db, (tx) => tx.select().from(referral).where(eq(referral.id, id)));
      expect(row).toMatchObject({ referrerUserId: ids.professional, profession: 'Jobkonsulent', status: 'open', signs: ['absence', 'debt_eviction'] });
      expect(row!.departmentId).not.toBeNull();
      const [e] = (await events('referral.create')).filter((x) => x.targetId === id);
      expect(e!.details).toEqual({ persons: 2, signs: ['absence', 'debt_eviction'] });
      expect(JSON.stringify(e)).not.toContain(cpr);
    });

    it('keeps a CPR number typed into the description out of the referral: it is blanked before saving', async () => {
      const cpr = cprFor('adult');
      const res = await call(s.professional, 'POST', '/api/v1/referrals', {
        persons: [{ givenName: 'Mette', birthDate: '1990-03-17' }],
        signs: ['other'],
        note: `Mors CPR er ${cpr.slice(0, 6)}-${cpr.slice(6)}, og sønnen er ${cpr} også nævnt.`,
      });
      expect(res.statusCode, res.body).toBe(201);
      const [row] = await asSystem(database.db, (tx) => tx.select().from(referral).where(eq(referral.id, res.json().id)));
      expect(row!.note).toBe('Mors CPR er ••••••-••••, og sønnen er ••••••-•••• også nævnt.');
      const read = await call(s.coordinator, 'GET', `/api/v1/referrals/${res.json().id}`);
      expect(read.body).not.toContain(cpr);
      expect(read.body).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    });

    it('refuses an invalid CPR, a person without name and birth date and an unknown sign together, saving nothing', async () => {
      const before = await referralCount();
      const res = await call(s.professional, 'POST', '/api/v1/referrals', {
        persons: [{ cpr: '3204901234' }, { givenName: 'Ib' }, { cpr: '0101901234', birthDate: '1990-01-02' }],
        signs: ['absence', 'no_such_sign'],
      });
      expect(res.statusCode).toBe(400);
      const problems = res.json().error.problems as { path: string; message: string }[];
      expect(problems.map((p) => p.path).sort()).toEqual(['persons.0.cpr', 'persons.1.cpr', 'persons.2.birthDate', 'signs.1']);
      expect(problems.find((p) => p.path === 'persons.0.cpr')!.message).toMatch(/ikke en gyldig dato/);
      expect(problems.find((p) => p.path === 'signs.1')!.message).toMatch(/tjekliste/);
      expect(res.body).not.toContain('3204901234');
      expect(await referralCount()).toBe(before);
    });

    it('refuses a referral without persons or signs, and a person entered twice', async () => {
      const empty = await call(s.professional, 'POST', '/api/v1/referrals', { persons: [], signs: [] });
      expect(empty.json().error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['persons', 'signs']);
      const cpr = cprFor('adult');
      const twice = await call(s.professional, 'POST', '/api/v1/referrals', { persons: [{ cpr }, { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` }], signs: ['other'] });
      expect(twice.json().error.problems).toEqual([{ path: 'persons.1.cpr', message: 'Den samme person er angivet to gange.' }]);
    });
  });

  describe('the look-up before filing', () => {
    it('answers "no" for an unknown CPR and audits a hash of it, never the number', async () => {
      const cpr = cprFor('adult');
      const res = await call(s.professional, 'POST', '/api/v1/referrals/lookup', { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` });
      expect(res.json()).toEqual({ inEffort: false, coordinator: null });
      const rows = (await events('person.lookup')).filter((e) => e.actorUserId === ids.professional);
      const row = rows.at(-1)!;
      expect(row.details).toEqual({ cprHash: expect.stringMatching(/^[0-9a-f]{64}$/), found: false, inEffort: false });
      expect(row.personIds).toEqual([]);
      expect(JSON.stringify(row)).not.toContain(cpr);
      // The last four digits: not in any text of the row. Hashes and ids are left out, as hex can hold any four digits by chance.
      const texts = JSON.stringify(row, (_key, value: unknown) => (typeof value === 'string' && /^[0-9a-f-]{32,}$/i.test(value) ? undefined : value));
      expect(texts).toContain('Opsporing');
      expect(texts).not.toContain(cpr.slice(6));
    });

    it('tells the referrer only that the person is in an effort and who coordinates it', async () => {
      const cpr = cprFor('adult');
      expect((await accept(await refer([{ cpr, givenName: 'Bo', familyName: 'Berg' }]))).statusCode).toBe(200);
      const res = await call(s.professional, 'POST', '/api/v1/referrals/lookup', { cpr });
      const [coordinator] = await asSystem(database.db, (tx) => tx.select().from(staffUser).where(eq(staffUser.id, ids.coordinator)));
      expect(res.json()).toEqual({ inEffort: true, coordinator: { name: coordinator!.name, email: coordinator!.email } });
      const row = (await events('person.lookup')).at(-1)!;
      expect(row.personIds).toHaveLength(1);
      expect(row.details).toMatchObject({ found: true, inEffort: true });
      expect(row.purpose).toMatch(/Opsporing/);
      expect(JSON.stringify(row)).not.toContain(cpr);
    });

    it('gives the same hash for the same CPR, so repeated look-ups can be seen without the number', async () => {
      const cpr = cprFor('child');
      await call(s.manager, 'POST', '/api/v1/referrals/lookup', { cpr });
      await call(s.manager, 'POST', '/api/v1/referrals/lookup', { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` });
      const [a, b] = (await events('person.lookup')).filter((e) => e.actorUserId === ids.manager).slice(-2);
      expect((a!.details as { cprHash: string }).cprHash).toBe((b!.details as { cprHash: string }).cprHash);
    });

    it(`refuses a user more than ${LOOKUPS_PER_HOUR} look-ups in an hour, with a clear message and an audited refusal, and not others`, async () => {
      const user = await buildUser(database.db, m.municipality, { roles: ['professional'], mfa: true, name: 'Mange Opslag' });
      const many = await loginAs(app, database.db, user);
      for (let i = 0; i < LOOKUPS_PER_HOUR; i++) {
        const res = await call(many, 'POST', '/api/v1/referrals/lookup', { cpr: cprFor('adult') });
        expect(res.statusCode, `look-up ${i + 1}`).toBe(200);
      }
      const cpr = cprFor('adult');
      const refused = await call(many, 'POST', '/api/v1/referrals/lookup', { cpr });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'lookup_rate_limited', message: expect.stringContaining('Vent lidt') });
      expect(refused.body).not.toContain(cpr);
      const row = (await events('person.lookup')).filter((e) => e.actorUserId === user.id).at(-1)!;
      expect(row.outcome).toBe('denied');
      expect(row.personIds).toEqual([]);
      expect(row.details).toEqual({ cprHash: expect.stringMatching(/^[0-9a-f]{64}$/), reason: 'rate_limited', lookupsLastHour: LOOKUPS_PER_HOUR });
      expect(JSON.stringify(row)).not.toContain(cpr);
      // Another user is not held up.
      expect((await call(s.coordinator, 'POST', '/api/v1/referrals/lookup', { cpr })).statusCode).toBe(200);
    });

    it('refuses an invalid CPR without echoing it', async () => {
      const res = await call(s.professional, 'POST', '/api/v1/referrals/lookup', { cpr: '3204901234' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems[0].path).toBe('cpr');
      expect(res.body).not.toContain('3204901234');
    });
  });

  describe('the visitation queue and the referrer’s view', () => {
    it('shows the queue with referrer, signs, masked CPR and who already coordinates each person, and audits the persons shown', async () => {
      const known = cprFor('adult');
      await accept(await refer([{ cpr: known, givenName: 'Dorte', familyName: 'Dal' }]));
      const fresh = cprFor('child');
      const id = await refer([{ cpr: known }, { cpr: fresh, givenName: 'Ea' }, { givenName: 'Fie', birthDate: '2019-09-09' }], ['violence']);
      const res = await call(s.manager, 'GET', '/api/v1/referrals?status=open');
      expect(res.statusCode).toBe(200);
      const item = res.json().referrals.find((r: { id: string }) => r.id === id);
      expect(item.referrer).toEqual({ name: 'Ulla professional', department: 'Jobcenter', profession: 'Jobkonsulent' });
      expect(item.signs).toEqual([{ code: 'violence', labelDa: 'Vold i hjemmet', labelEn: 'Violence in the home' }]);
      expect(item.persons.map((p: { cpr: string | null; inEffort: boolean | null }) => [p.cpr, p.inEffort])).toEqual([
        [`${known.slice(0, 6)}-xxxx`, true],
        [`${fresh.slice(0, 6)}-xxxx`, false],
        [null, null],
      ]);
      expect(item.persons[0].coordinator.name).toBe('Ulla coordinator');
      expect(item.persons[1].birthDate).toBe('2016-05-03');
      expect(item.can).toEqual({ accept: true, decline: true, forward: true });
      expect(res.body).not.toContain(known);
      expect(res.body).not.toContain(fresh);
      const read = (await events('referral.read')).filter((e) => e.actorUserId === ids.manager).at(-1)!;
      expect(read.personIds.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(read)).not.toContain(known);
    });

    it('shows one referral to a visitator and audits it; a professional gets the same 404 as for one that does not exist', async () => {
      const id = await refer([{ givenName: 'Gro', familyName: 'Gran', birthDate: '1980-01-01' }]);
      const one = await call(s.coordinator, 'GET', `/api/v1/referrals/${id}`);
      expect(one.json()).toMatchObject({ id, status: 'open', note: 'Mange fraværsdage.' });
      expect((await events('referral.read')).some((e) => e.targetId === id)).toBe(true);
      const hidden = await call(s.professional, 'GET', `/api/v1/referrals/${id}`);
      const missing = await call(s.coordinator, 'GET', '/api/v1/referrals/00000000-0000-4000-8000-000000000000');
      for (const r of [hidden, missing]) expect(r.json().error).toMatchObject({ code: 'referral_not_found' });
      expect(hidden.json()).toEqual(missing.json());
      expect((await events('access.denied')).filter((e) => e.targetId === id && e.outcome === 'denied')).toHaveLength(1);
    });

    it('lists decided referrals by status', async () => {
      const id = await refer([{ givenName: 'Hans', familyName: 'Holm', birthDate: '1979-02-02' }]);
      await call(s.coordinator, 'POST', `/api/v1/referrals/${id}/forward`, { reason: 'Sendt til Voksen/Handicap.' });
      const forwarded = (await call(s.coordinator, 'GET', '/api/v1/referrals?status=forwarded')).json().referrals;
      expect(forwarded.map((r: { id: string }) => r.id)).toContain(id);
      expect(forwarded[0].can).toEqual({ accept: false, decline: false, forward: false });
      expect((await call(s.coordinator, 'GET', '/api/v1/referrals?status=maybe')).statusCode).toBe(400);
    });

    it('shows the referrer the outcome of their referrals and nothing about the family', async () => {
      const cpr = cprFor('adult');
      const acceptedId = await refer([{ cpr, givenName: 'Ida', familyName: 'Ibsen' }], ['other'], s.manager);
      const familyId = (await accept(acceptedId)).json().familyId;
      const declinedId = await refer([{ givenName: 'Jens', familyName: 'Juul', birthDate: '1970-07-07' }], ['other'], s.manager);
      await call(s.coordinator, 'POST', `/api/v1/referrals/${declinedId}/decline`, { reason: 'Familien har allerede en sag i Børne- og Familieafdelingen.' });
      const res = await call(s.manager, 'GET', '/api/v1/referrals/mine');
      const mine = res.json().referrals as Record<string, unknown>[];
      expect(mine.map((r) => r.id)).toEqual([declinedId, acceptedId]);
      expect(mine[0]).toMatchObject({ status: 'declined', decisionReason: 'Familien har allerede en sag i Børne- og Familieafdelingen.' });
      expect(mine[1]).toMatchObject({ status: 'accepted', decisionReason: null, persons: [{ cpr: `${cpr.slice(0, 6)}-xxxx`, givenName: 'Ida', familyName: 'Ibsen' }] });
      expect(Object.keys(mine[1]!).sort()).toEqual(['createdAt', 'decidedAt', 'decisionReason', 'id', 'note', 'persons', 'signs', 'status']);
      expect(res.body).not.toContain(familyId);
      expect(res.body).not.toContain('Ulla coordinator');
      expect(res.body).not.toContain(cpr);
    });
  });

  describe('who may do what (deny by default)', () => {
    const OK: Record<string, Role[]> = {
      'read the sign checklist': ['coordinator', 'professional', 'manager', 'analyst', 'admin'],
      'edit the sign checklist': ['admin'],
      refer: ['coordinator', 'professional', 'manager'],
      'look a person up': ['coordinator', 'professional', 'manager'],
      'see their own referrals': ['coordinator', 'professional', 'manager'],
      'see the queue': ['coordinator', 'manager'],
      'see one referral': ['coordinator', 'manager'],
      'decline a referral': ['coordinator', 'manager'],
    };
    const request = async (what: string, role: Role) => {
      const open = () => refer([{ givenName: 'Kaj', familyName: 'Krog', birthDate: '1988-08-08' }]);
      switch (what) {
        case 'read the sign checklist': return call(s[role], 'GET', '/api/v1/referrals/early-signs');
        case 'edit the sign checklist': return call(s[role], 'GET', '/api/v1/admin/early-signs');
        case 'refer': return call(s[role], 'POST', '/api/v1/referrals', { persons: [{ cpr: cprFor('adult') }], signs: ['other'] });
        case 'look a person up': return call(s[role], 'POST', '/api/v1/referrals/lookup', { cpr: cprFor('adult') });
        case 'see their own referrals': return call(s[role], 'GET', '/api/v1/referrals/mine');
        case 'see the queue': return call(s[role], 'GET', '/api/v1/referrals');
        case 'see one referral': return call(s[role], 'GET', `/api/v1/referrals/${await open()}`);
        default: return call(s[role], 'POST', `/api/v1/referrals/${await open()}/decline`, { reason: 'Ikke relevant.' });
      }
    };
    const itemLevel = new Set(['see one referral', 'decline a referral']);
    for (const [what, allowed] of Object.entries(OK)) {
      for (const role of ['coordinator', 'professional', 'manager', 'analyst', 'admin'] as const) {
        const ok = allowed.includes(role);
        const denied = itemLevel.has(what) ? 404 : 403;
        it(`${ok ? 'lets' : 'does not let'} a${role === 'admin' || role === 'analyst' ? 'n' : ''} ${role} ${what}${ok ? '' : ` (${denied})`}`, async () => {
          const deniedBefore = (await events('access.denied')).filter((e) => e.actorUserId === ids[role]).length;
          const res = await request(what, role);
          if (ok) expect([200, 201], res.body).toContain(res.statusCode);
          else {
            expect(res.statusCode).toBe(denied);
            expect((await events('access.denied')).filter((e) => e.actorUserId === ids[role])).toHaveLength(deniedBefore + 1);
          }
        });
      }
    }
  });
});
