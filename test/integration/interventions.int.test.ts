import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH } from '../../src/shared/cost.js';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { consent, family, person } from '../../src/server/modules/families/families.table.js';
import { findOverlaps } from '../../src/server/modules/interventions/interventions.overlaps.js';
import { familyInterventionSummary } from '../../src/server/modules/interventions/interventions.summary.js';
import { intervention, interventionType } from '../../src/server/modules/interventions/interventions.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { actorCtx, buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';
import { interventionGoal, plan as planTable, planGoal } from '../../src/server/modules/plans/plans.table.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
const NOBODY = '00000000-0000-4000-8000-000000000000';

interface TypeDto {
  id: string;
  code: string;
  category: string;
  departmentId: string;
  price: { amount: number; per: string };
}
interface InterventionDto {
  id: string;
  personId: string | null;
  typeId: string;
  category: string;
  departmentId: string;
  departmentName: string;
  provider: string | null;
  from: string;
  to: string | null;
  price: { amount: number; per: string };
  hoursPerWeek: number | null;
  monthlyCost: number;
  current: boolean;
  version: number;
}
interface OverlapDto {
  familyId: string;
  personId: string | null;
  reason: string;
  a: { id: string; departmentName: string; departmentId: string };
  b: { id: string; departmentName: string; departmentId: string };
  period: { from: string; to: string | null };
}

describe.skipIf(!!dbSkipReason)(`interventions, their cost and overlaps (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let admin: Session;
  let coordinator: StaffUser;
  let teamProfessional: StaffUser;
  let outsider: StaffUser;
  let unitManager: StaffUser;
  let otherManager: StaffUser;
  let as: Record<'coordinator' | 'team' | 'outsider' | 'manager' | 'otherManager' | 'analyst', Session>;
  let dept: { jobcenter: string; children: string; school: string };
  /** The catalogue the tests register from. */
  let types: Record<'mentor' | 'jobTraining' | 'therapy' | 'homeHelp' | 'course' | 'retired', TypeDto>;
  let fam: BuiltFamily;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '611' });
    app = await buildTestApp(database);
    admin = await loginAs(app, database.db, m.admin);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    teamProfessional = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    unitManager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    otherManager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'jobcenter', name: 'Lars Leder' });
    const analyst = await buildUser(database.db, mu, { roles: ['analyst'], mfa: true });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, teamProfessional),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, unitManager),
      otherManager: await loginAs(app, database.db, otherManager),
      analyst: await loginAs(app, database.db, analyst),
    };
    dept = {
      jobcenter: await departmentId(database.db, mu, 'jobcenter'),
      children: await departmentId(database.db, mu, 'children_family'),
      school: await departmentId(database.db, mu, 'daycare_school'),
    };
    const add = async (body: object) => {
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', body);
      if (res.statusCode !== 201) throw new Error(`catalogue: ${res.statusCode} ${res.body}`);
      return res.json() as TypeDto;
    };
    const since = '2000-01-01';
    types = {
      mentor: await add({ code: 'mentor', name: 'Mentor', category: 'employment', departmentId: dept.jobcenter, legalBasis: 'LAB § 31 b', price: { amount: 500, per: 'hour' }, validFrom: since }),
      jobTraining: await add({ code: 'job_training', name: 'Virksomhedspraktik', category: 'employment', departmentId: dept.jobcenter, price: { amount: 12000, per: 'month' }, validFrom: since }),
      therapy: await add({ code: 'family_therapy', name: 'Familiebehandling', category: 'family_support', departmentId: dept.children, legalBasis: 'Barnets lov § 32, stk. 1, nr. 3', price: { amount: 3500, per: 'week' }, validFrom: since }),
      homeHelp: await add({ code: 'home_help', name: 'Praktisk pædagogisk støtte', category: 'family_support', departmentId: dept.children, price: { amount: 900, per: 'day' }, validFrom: since }),
      course: await add({ code: 'parenting_course', name: 'Forældrekursus', category: 'parenting', departmentId: dept.children, price: { amount: 8000, per: 'once' }, validFrom: since }),
      retired: await add({ code: 'old_scheme', name: 'Udfaset ordning', category: 'employment', departmentId: dept.jobcenter, price: { amount: 100, per: 'day' }, validFrom: since, validTo: '2010-12-31' }),
    };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [{ role: 'parent', givenName: 'Amina' }, { role: 'child', givenName: 'Yusuf' }],
      team: [{ user: teamProfessional, department: 'jobcenter' }],
      status: 'active',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
    );
  const lastEvent = async (action: string) => (await events(action)).at(-1)!;
  const interventionCount = async () =>
    (await asSystem(database.db, (tx) => tx.select().from(intervention).where(eq(intervention.municipalityId, m.municipality.id)))).length;
  const typeCount = async () =>
    (await asSystem(database.db, (tx) => tx.select().from(interventionType).where(eq(interventionType.municipalityId, m.municipality.id)))).length;
  const familyVersion = async (id: string) =>
    (await asSystem(database.db, (tx) => tx.select({ v: family.version }).from(family).where(eq(family.id, id))))[0]!.v;
  const register = (s: Session, familyId: string, body: object) => call(s, 'POST', `/api/v1/families/${familyId}/interventions`, body);
  const registered = async (familyId: string, body: object): Promise<InterventionDto> => {
    const res = await register(as.coordinator, familyId, body);
    if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const listOf = async (familyId: string, s: Session = as.coordinator) => {
    const res = await call(s, 'GET', `/api/v1/families/${familyId}/interventions`);
    expect(res.statusCode).toBe(200);
    return res.json() as {
      current: InterventionDto[];
      past: InterventionDto[];
      monthlyCostTotal: number;
      monthlyCostByDepartment: Array<{ departmentId: string; departmentName: string; monthlyCost: number }>;
      overlaps: OverlapDto[];
      can: { register: boolean };
    };
  };
  const newFamily = () => buildFamily(database.db, m.municipality, { coordinator, members: [{ role: 'parent' }, { role: 'child' }] });
  const da = (code: string) => FIELD_MESSAGES[code]!.da;

  describe('the catalogue', () => {
    it('lets an administrator add a type, with its department, legal basis and price, and audits it', async () => {
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'debt_counselling',
        name: 'Gældsrådgivning',
        category: 'economy',
        departmentId: dept.jobcenter,
        legalBasis: 'Serviceloven § 12',
        price: { amount: 650, per: 'hour' },
        validFrom: '2024-01-01',
        validTo: '2026-12-31',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        code: 'debt_counselling',
        departmentId: dept.jobcenter,
        departmentName: 'Jobcenter',
        legalBasis: 'Serviceloven § 12',
        price: { amount: 650, per: 'hour' },
        validFrom: '2024-01-01',
        validTo: '2026-12-31',
        active: true,
      });
      const e = await lastEvent('intervention_type.create');
      expect(e).toMatchObject({ targetType: 'intervention_type', targetId: res.json().id, actorUserId: m.admin.id });
    });

    it('changes name, category, department, price, validity and active, auditing before and after', async () => {
      const created = (await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'sports_club', name: 'Fritidspas', category: 'leisure', departmentId: dept.school, price: { amount: 1000, per: 'year' }, validFrom: '2024-01-01',
      })).json();
      const res = await call(admin, 'PATCH', `/api/v1/admin/intervention-types/${created.id}`, {
        name: 'Fritidspas (ny)', category: 'leisure_friends', departmentId: dept.children, legalBasis: 'Barnets lov § 32', price: { amount: 1200, per: 'year' },
        validFrom: '2024-02-01', validTo: '2025-12-31', active: false,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        code: 'sports_club', name: 'Fritidspas (ny)', category: 'leisure_friends', departmentId: dept.children, departmentName: 'Børne- og Familieafdelingen',
        legalBasis: 'Barnets lov § 32', price: { amount: 1200, per: 'year' }, validFrom: '2024-02-01', validTo: '2025-12-31', active: false,
      });
      const e = await lastEvent('intervention_type.update');
      expect(e.targetId).toBe(created.id);
      expect(e.details).toMatchObject({ before: { name: 'Fritidspas', price: { amount: 1000 } }, after: { name: 'Fritidspas (ny)', active: false } });
    });

    it('refuses a code already in the catalogue with intervention_type_code_taken, saving nothing', async () => {
      const before = await typeCount();
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'mentor', name: 'Mentor igen', category: 'employment', departmentId: dept.jobcenter, price: { amount: 1, per: 'hour' }, validFrom: '2024-01-01',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('intervention_type_code_taken');
      expect(await typeCount()).toBe(before);
    });

    it('refuses an unknown department at departmentId, saving nothing', async () => {
      const before = await typeCount();
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'ghost', name: 'Spøgelse', category: 'x_category', departmentId: NOBODY, price: { amount: 1, per: 'day' }, validFrom: '2024-01-01',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'departmentId', message: da('unknown_department') }]);
      expect(await typeCount()).toBe(before);
    });

    it('refuses a validity that ends before it starts, on creation and against the stored start, saving nothing', async () => {
      const before = await typeCount();
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'backwards', name: 'Baglæns', category: 'x_category', departmentId: dept.jobcenter, price: { amount: 1, per: 'day' }, validFrom: '2024-06-01', validTo: '2024-05-31',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'validTo', message: da('end_before_start') }]);
      expect(await typeCount()).toBe(before);
      const patch = await call(admin, 'PATCH', `/api/v1/admin/intervention-types/${types.therapy.id}`, { validTo: '1999-12-31' });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().error.problems).toEqual([{ path: 'validTo', message: da('end_before_start') }]);
      const list = (await call(admin, 'GET', '/api/v1/intervention-types')).json().types as Array<{ id: string; validTo: string | null }>;
      expect(list.find((t) => t.id === types.therapy.id)!.validTo).toBeNull();
    });

    it('refuses a negative price at price.amount', async () => {
      const res = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'negative', name: 'Negativ', category: 'x_category', departmentId: dept.jobcenter, price: { amount: -1, per: 'day' }, validFrom: '2024-01-01',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'price.amount', message: da('price_negative') }]);
    });

    it('shows the catalogue to staff who choose interventions, but not to analysts', async () => {
      for (const s of [as.coordinator, as.team, as.manager, admin]) {
        const res = await call(s, 'GET', '/api/v1/intervention-types');
        expect(res.statusCode).toBe(200);
        expect(res.json().types.map((t: TypeDto) => t.code)).toContain('mentor');
      }
      expect((await call(as.analyst, 'GET', '/api/v1/intervention-types')).statusCode).toBe(403);
    });

    it('lets only administrators change the catalogue, auditing the refusal', async () => {
      const res = await call(as.coordinator, 'POST', '/api/v1/admin/intervention-types', {
        code: 'sneaky', name: 'Snydt', category: 'x_category', departmentId: dept.jobcenter, price: { amount: 1, per: 'day' }, validFrom: '2024-01-01',
      });
      expect(res.statusCode).toBe(403);
      expect((await call(as.manager, 'PATCH', `/api/v1/admin/intervention-types/${types.mentor.id}`, { active: false })).statusCode).toBe(403);
      const denials = (await events('access.denied')).filter((e) => e.actorUserId === coordinator.id);
      expect(denials.at(-1)!.details).toEqual({ attempted: 'intervention_type.create' });
    });
  });

  describe("a family's interventions", () => {
    it('registers an intervention priced from the catalogue in the type’s department, bumps the family version and audits naming the person', async () => {
      const versionBefore = await familyVersion(fam.id);
      const res = await register(as.coordinator, fam.id, { personId: fam.personIds[0], typeId: types.jobTraining.id, provider: 'Virksomhed A/S', from: day(-10) });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        personId: fam.personIds[0],
        typeId: types.jobTraining.id,
        typeName: 'Virksomhedspraktik',
        category: 'employment',
        departmentId: dept.jobcenter,
        departmentName: 'Jobcenter',
        provider: 'Virksomhed A/S',
        from: day(-10),
        to: null,
        price: { amount: 12000, per: 'month' },
        current: true,
        version: 1,
      });
      expect(await familyVersion(fam.id)).toBe(versionBefore + 1);
      const e = await lastEvent('intervention.create');
      expect(e).toMatchObject({ targetType: 'family', targetId: fam.id, personIds: [fam.personIds[0]], actorUserId: coordinator.id });
      expect(e.details).toMatchObject({ interventionId: res.json().id });
    });

    it('registers a whole-family intervention and names every member in the audit', async () => {
      const res = await register(as.coordinator, fam.id, { personId: null, typeId: types.course.id, from: day(-100), to: day(-90) });
      expect(res.statusCode).toBe(201);
      expect(res.json().personId).toBeNull();
      expect((await lastEvent('intervention.create')).personIds.sort()).toEqual([...fam.personIds].sort());
    });

    it('lets a current team member register an intervention', async () => {
      const res = await register(as.team, fam.id, { personId: fam.personIds[0], typeId: types.mentor.id, hoursPerWeek: 2, from: day(-400), to: day(-200) });
      expect(res.statusCode).toBe(201);
      expect((await lastEvent('intervention.create')).actorUserId).toBe(teamProfessional.id);
    });

    it('takes an overriding price and another department instead of the catalogue’s', async () => {
      const res = await register(as.coordinator, fam.id, {
        personId: fam.personIds[1], typeId: types.homeHelp.id, departmentId: dept.school, price: { amount: 450, per: 'hour' }, hoursPerWeek: 4, from: day(-700), to: day(-600),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ departmentId: dept.school, departmentName: 'Dagtilbud og Skole', price: { amount: 450, per: 'hour' }, hoursPerWeek: 4 });
    });

    const bad: Array<[string, () => object, string, string]> = [
      ['a person who is not a member', () => ({ personId: NOBODY, typeId: types.therapy.id, from: day(0) }), 'personId', 'unknown_person'],
      ['a type not in the catalogue', () => ({ typeId: NOBODY, from: day(0) }), 'typeId', 'unknown_type'],
      ['a type not valid on the start date', () => ({ typeId: types.retired.id, from: day(0) }), 'typeId', 'type_not_in_force'],
      ['an unknown department', () => ({ typeId: types.therapy.id, departmentId: NOBODY, from: day(0) }), 'departmentId', 'unknown_department'],
      ['an hourly catalogue price without hours per week', () => ({ personId: fam.personIds[0], typeId: types.mentor.id, from: day(0) }), 'hoursPerWeek', 'hours_required'],
      ['an hourly override without hours per week', () => ({ typeId: types.therapy.id, price: { amount: 300, per: 'hour' }, from: day(0) }), 'hoursPerWeek', 'hours_required'],
      ['an end before the start', () => ({ typeId: types.therapy.id, from: day(0), to: day(-1) }), 'to', 'end_before_start'],
      ['a negative price', () => ({ typeId: types.therapy.id, price: { amount: -5, per: 'week' }, from: day(0) }), 'price.amount', 'price_negative'],
      ['zero hours per week', () => ({ typeId: types.mentor.id, hoursPerWeek: 0, from: day(0) }), 'hoursPerWeek', 'hours_positive'],
    ];
    it.each(bad)('refuses %s with its message at the field and saves nothing', async (_name, body, path, code) => {
      const [count, version] = [await interventionCount(), await familyVersion(fam.id)];
      const res = await register(as.coordinator, fam.id, body());
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path, message: da(code) }]);
      expect(await interventionCount()).toBe(count);
      expect(await familyVersion(fam.id)).toBe(version);
    });

    it('refuses a deactivated type with type_not_in_force', async () => {
      const t = (await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'paused_type', name: 'Sat på pause', category: 'x_category', departmentId: dept.jobcenter, price: { amount: 1, per: 'day' }, validFrom: '2000-01-01', active: false,
      })).json();
      const res = await register(as.coordinator, fam.id, { typeId: t.id, from: day(0) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'typeId', message: da('type_not_in_force') }]);
    });

    it('lists every problem of one request at once, in English when asked', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/families/${fam.id}/interventions`,
        headers: { ...as.coordinator.headers, 'accept-language': 'en' },
        payload: { personId: NOBODY, typeId: types.mentor.id, departmentId: NOBODY, from: day(0) },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([
        { path: 'personId', message: FIELD_MESSAGES.unknown_person!.en },
        { path: 'departmentId', message: FIELD_MESSAGES.unknown_department!.en },
        { path: 'hoursPerWeek', message: FIELD_MESSAGES.hours_required!.en },
      ]);
    });

    it('changes an intervention from the version seen, bumping its version and the family’s, auditing before and after', async () => {
      const iv = await registered(fam.id, { personId: fam.personIds[1], typeId: types.therapy.id, from: day(-30) });
      const familyBefore = await familyVersion(fam.id);
      const res = await call(as.coordinator, 'PATCH', `/api/v1/families/${fam.id}/interventions/${iv.id}`, {
        provider: 'Familiehuset', price: { amount: 4000, per: 'week' }, version: iv.version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ provider: 'Familiehuset', price: { amount: 4000, per: 'week' }, version: iv.version + 1 });
      expect(await familyVersion(fam.id)).toBe(familyBefore + 1);
      const e = await lastEvent('intervention.update');
      expect(e).toMatchObject({ targetId: fam.id, personIds: [fam.personIds[1]] });
      expect(e.details).toMatchObject({ interventionId: iv.id, before: { price: { amount: 3500 } }, after: { price: { amount: 4000 }, provider: 'Familiehuset' } });
    });

    it('refuses a change made from a stale version with 409 conflict and keeps the first change', async () => {
      const iv = await registered(fam.id, { personId: fam.personIds[1], typeId: types.homeHelp.id, from: day(-800), to: day(-750) });
      const url = `/api/v1/families/${fam.id}/interventions/${iv.id}`;
      expect((await call(as.coordinator, 'PATCH', url, { provider: 'Først', version: iv.version })).statusCode).toBe(200);
      const familyBefore = await familyVersion(fam.id);
      const second = await call(as.team, 'PATCH', url, { provider: 'Anden', version: iv.version });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('intervention_conflict');
      const now = (await listOf(fam.id)).past.find((x) => x.id === iv.id)!;
      expect(now).toMatchObject({ provider: 'Først', version: iv.version + 1 });
      expect(await familyVersion(fam.id)).toBe(familyBefore);
    });

    it('ends an intervention: it moves to the past and stops counting in the monthly cost', async () => {
      const f = await newFamily();
      const iv = await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(-60) });
      expect((await listOf(f.id)).monthlyCostTotal).toBeCloseTo(12000, 6);
      const res = await call(as.coordinator, 'POST', `/api/v1/families/${f.id}/interventions/${iv.id}/end`, { to: day(-1), version: iv.version });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ to: day(-1), current: false, version: 2 });
      const list = await listOf(f.id);
      expect(list.current).toEqual([]);
      expect(list.past.map((x) => x.id)).toEqual([iv.id]);
      expect(list.monthlyCostTotal).toBe(0);
      expect((await lastEvent('intervention.update')).details).toMatchObject({ interventionId: iv.id, ended: day(-1) });
    });

    it('refuses an end before the stored start at `to`, changing nothing', async () => {
      const iv = await registered(fam.id, { personId: fam.personIds[0], typeId: types.homeHelp.id, from: day(-900), to: day(-880) });
      const version = await familyVersion(fam.id);
      for (const [method, url] of [
        ['PATCH', `/api/v1/families/${fam.id}/interventions/${iv.id}`],
        ['POST', `/api/v1/families/${fam.id}/interventions/${iv.id}/end`],
      ] as const) {
        const res = await call(as.coordinator, method, url, { to: day(-901), version: iv.version });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.problems).toEqual([{ path: 'to', message: da('end_before_start') }]);
      }
      expect((await listOf(fam.id)).past.find((x) => x.id === iv.id)).toMatchObject({ to: day(-880), version: 1 });
      expect(await familyVersion(fam.id)).toBe(version);
    });

    it('refuses to remove the hours of an hourly intervention, and a person outside the family, on change', async () => {
      const iv = await registered(fam.id, { personId: fam.personIds[0], typeId: types.mentor.id, hoursPerWeek: 3, from: day(-1000), to: day(-950) });
      const url = `/api/v1/families/${fam.id}/interventions/${iv.id}`;
      const hours = await call(as.coordinator, 'PATCH', url, { hoursPerWeek: null, version: iv.version });
      expect(hours.json().error.problems).toEqual([{ path: 'hoursPerWeek', message: da('hours_required') }]);
      const person = await call(as.coordinator, 'PATCH', url, { personId: NOBODY, version: iv.version });
      expect(person.json().error.problems).toEqual([{ path: 'personId', message: da('unknown_person') }]);
    });

    it('answers 404 intervention_not_found for an intervention of another family', async () => {
      const other = await newFamily();
      const iv = await registered(other.id, { typeId: types.therapy.id, from: day(-5) });
      const res = await call(as.coordinator, 'PATCH', `/api/v1/families/${fam.id}/interventions/${iv.id}`, { provider: 'x', version: 1 });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('intervention_not_found');
      expect((await call(as.coordinator, 'PATCH', `/api/v1/families/${fam.id}/interventions/not-an-id`, { provider: 'x', version: 1 })).statusCode).toBe(404);
    });
  });

  describe('deleting one registered by mistake', () => {
    const del = (s: Session, familyId: string, id: string, body: object) => call(s, 'POST', `/api/v1/families/${familyId}/interventions/${id}/delete`, body);

    it('deletes it and its links to goals, audited with what it was and why; the family no longer shows it', async () => {
      const g = await newFamily();
      const iv = await registered(g.id, { personId: g.personIds[0], typeId: types.therapy.id, from: day(-5) });
      const [plan] = await asSystem(database.db, (tx) => tx.insert(planTable).values({ municipalityId: m.municipality.id, familyId: g.id, startDate: day(-30) }).returning({ id: planTable.id }));
      const [goal] = await asSystem(database.db, (tx) =>
        tx.insert(planGoal).values({ municipalityId: m.municipality.id, planId: plan!.id, familyId: g.id, domain: 'health', horizon: 'short', title: 'Have det bedre', createdAt: day(-30) }).returning({ id: planGoal.id }),
      );
      await asSystem(database.db, (tx) => tx.insert(interventionGoal).values({ municipalityId: m.municipality.id, interventionId: iv.id, goalId: goal!.id }));
      const before = await interventionCount();
      const res = await del(as.coordinator, g.id, iv.id, { reason: 'Registreret på den forkerte familie', version: iv.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(await interventionCount()).toBe(before - 1);
      expect((await listOf(g.id)).current.map((x) => x.id)).not.toContain(iv.id);
      expect(await asSystem(database.db, (tx) => tx.select().from(interventionGoal).where(eq(interventionGoal.interventionId, iv.id)))).toEqual([]);
      const e = await lastEvent('intervention.delete');
      expect(e.targetId).toBe(g.id);
      expect(e.personIds).toContain(g.personIds[0]);
      expect(e.details).toMatchObject({ interventionId: iv.id, reason: 'Registreret på den forkerte familie', before: { typeId: types.therapy.id, from: day(-5) } });
    });

    it('refuses without a reason, from a stale version, for an outsider and for another family’s intervention, deleting nothing', async () => {
      const g = await newFamily();
      const other = await newFamily();
      const iv = await registered(g.id, { personId: g.personIds[0], typeId: types.therapy.id, from: day(-5) });
      const before = await interventionCount();
      const noReason = await del(as.coordinator, g.id, iv.id, { reason: ' ', version: iv.version });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.problems).toEqual([{ path: 'reason', message: 'Feltet skal udfyldes.' }]);
      expect((await del(as.coordinator, g.id, iv.id, { reason: 'Fejl', version: iv.version + 1 })).statusCode).toBe(409);
      expect((await del(as.outsider, g.id, iv.id, { reason: 'Fejl', version: iv.version })).statusCode).toBe(404);
      expect((await del(as.coordinator, other.id, iv.id, { reason: 'Fejl', version: iv.version })).statusCode).toBe(404);
      expect(await interventionCount()).toBe(before);
    });
  });

  describe('access', () => {
    it('answers a professional outside the team 404 family_not_found, as for a family that does not exist, and audits the denial', async () => {
      const [count, version] = [await interventionCount(), await familyVersion(fam.id)];
      const read = await call(as.outsider, 'GET', `/api/v1/families/${fam.id}/interventions`);
      const write = await register(as.outsider, fam.id, { typeId: types.therapy.id, from: day(0) });
      const missing = await call(as.outsider, 'GET', `/api/v1/families/${NOBODY}/interventions`);
      for (const res of [read, write, missing]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('family_not_found');
      }
      expect(read.json()).toEqual(missing.json());
      const denials = (await events('access.denied')).filter((e) => e.actorUserId === outsider.id && e.targetId === fam.id);
      expect(denials.map((e) => (e.details as { attempted: string }).attempted)).toEqual(['family.read', 'family.register_intervention']);
      expect(denials.every((e) => e.outcome === 'denied')).toBe(true);
      expect(await interventionCount()).toBe(count);
      expect(await familyVersion(fam.id)).toBe(version);
    });

    it('lets the manager of the coordinator’s unit read the interventions but not register any', async () => {
      const list = await listOf(fam.id, as.manager);
      expect(list.can.register).toBe(false);
      expect((await register(as.manager, fam.id, { typeId: types.therapy.id, from: day(0) })).statusCode).toBe(404);
      expect((await listOf(fam.id, as.coordinator)).can.register).toBe(true);
    });

    it('audits each read of a family’s interventions, naming the persons they are about', async () => {
      const f = await newFamily();
      await listOf(f.id);
      expect((await lastEvent('intervention.read')).personIds).toEqual([]);
      await registered(f.id, { personId: f.personIds[1], typeId: types.therapy.id, from: day(-3) });
      await listOf(f.id, as.manager);
      expect(await lastEvent('intervention.read')).toMatchObject({ actorUserId: unitManager.id, targetId: f.id, personIds: [f.personIds[1]] });
      await registered(f.id, { personId: null, typeId: types.course.id, from: day(-3) });
      await listOf(f.id);
      expect((await lastEvent('intervention.read')).personIds.sort()).toEqual([...f.personIds].sort());
    });
  });

  describe('cost', () => {
    it('gives the monthly cost of a per-hour and a per-month intervention, their total and the split by department', async () => {
      const f = await newFamily();
      const hourly = await registered(f.id, { personId: f.personIds[0], typeId: types.mentor.id, hoursPerWeek: 3, from: day(-20) });
      const monthly = await registered(f.id, { personId: f.personIds[1], typeId: types.therapy.id, price: { amount: 9000, per: 'month' }, from: day(-20) });
      await registered(f.id, { personId: null, typeId: types.course.id, from: day(-20) });
      await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(-200), to: day(-100) });
      await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(10) });
      const hourlyCost = (500 * 3 * DAYS_PER_MONTH) / 7;
      expect(hourly.monthlyCost).toBeCloseTo(hourlyCost, 9);
      expect(hourlyCost).toBeCloseTo(6522.32, 2);
      expect(monthly.monthlyCost).toBeCloseTo(9000, 9);
      const list = await listOf(f.id);
      expect(list.current.filter((i) => i.current)).toHaveLength(3);
      expect(list.current.find((i) => !i.current)).toMatchObject({ from: day(10) });
      expect(list.past).toHaveLength(1);
      expect(list.current.find((i) => i.typeId === types.course.id)!.monthlyCost).toBe(0);
      expect(list.monthlyCostTotal).toBeCloseTo(hourlyCost + 9000, 6);
      expect(list.monthlyCostByDepartment).toEqual([
        { departmentId: dept.children, departmentName: 'Børne- og Familieafdelingen', monthlyCost: expect.closeTo(9000, 6) },
        { departmentId: dept.jobcenter, departmentName: 'Jobcenter', monthlyCost: expect.closeTo(hourlyCost, 6) },
      ]);
    });

    it('gives the family overview its summary without checking access or auditing', async () => {
      const f = await newFamily();
      await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(-5) });
      const reads = (await events('intervention.read')).length;
      const summary = await inTenant(database.db, m.municipality.id, async (tx) =>
        familyInterventionSummary(await actorCtx(m.municipality, outsider, tx), f.id),
      );
      expect(summary.monthlyCostTotal).toBeCloseTo(12000, 6);
      expect(summary.current).toHaveLength(1);
      expect((await events('intervention.read')).length).toBe(reads);
    });
  });

  describe('overlap', () => {
    it('warns of two interventions in the same category for the same person, naming both departments', async () => {
      const f = await newFamily();
      const a = await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(-30), to: day(30) });
      const b = await registered(f.id, { personId: f.personIds[0], typeId: types.mentor.id, departmentId: dept.school, hoursPerWeek: 2, from: day(30) });
      const { overlaps } = await listOf(f.id);
      expect(overlaps).toEqual([
        {
          familyId: f.id,
          personId: f.personIds[0],
          reason: 'same_category',
          a: expect.objectContaining({ id: a.id, departmentId: dept.jobcenter, departmentName: 'Jobcenter', category: 'employment' }),
          b: expect.objectContaining({ id: b.id, departmentId: dept.school, departmentName: 'Dagtilbud og Skole', category: 'employment' }),
          period: { from: day(30), to: day(30) },
        },
      ]);
    });

    it('warns of the same type twice at once', async () => {
      const f = await newFamily();
      await registered(f.id, { personId: null, typeId: types.therapy.id, from: day(-10) });
      await registered(f.id, { personId: null, typeId: types.therapy.id, from: day(-5), to: day(5) });
      expect((await listOf(f.id)).overlaps.map((o) => [o.reason, o.personId])).toEqual([['same_type', null]]);
    });

    it('does not warn of adjacent periods, of different persons, or of different categories', async () => {
      const f = await newFamily();
      await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(-30), to: day(-1) });
      await registered(f.id, { personId: f.personIds[0], typeId: types.jobTraining.id, from: day(0) });
      await registered(f.id, { personId: f.personIds[1], typeId: types.jobTraining.id, from: day(0) });
      await registered(f.id, { personId: f.personIds[0], typeId: types.therapy.id, from: day(0) });
      // One for the whole family in another category than the members' own.
      await registered(f.id, { personId: null, typeId: types.mentor.id, hoursPerWeek: 1, from: day(-30), to: day(-1) });
      expect((await listOf(f.id)).overlaps).toEqual([]);
    });

    it('warns when one for the whole family and a member’s own of the same category run at once, naming the member', async () => {
      const f = await newFamily();
      const family = await registered(f.id, { personId: null, typeId: types.therapy.id, from: day(-10) });
      const own = await registered(f.id, { personId: f.personIds[0], typeId: types.therapy.id, from: day(-5) });
      const overlaps = (await listOf(f.id)).overlaps;
      expect(overlaps.map((o) => [o.a.id, o.b.id, o.personId, o.reason])).toEqual([[family.id, own.id, f.personIds[0], 'same_type']]);
      const listed = (await call(as.manager, 'GET', '/api/v1/interventions/overlaps')).json().overlaps as Array<{ a: { id: string }; b: { id: string }; personId: string | null }>;
      expect(listed.filter((o) => o.a.id === family.id).map((o) => [o.b.id, o.personId])).toEqual([[own.id, f.personIds[0]]]);
    });
  });

  describe('the municipality-wide overlap list', () => {
    let f: BuiltFamily;
    let ids: string[];
    beforeAll(async () => {
      f = await buildFamily(database.db, m.municipality, { coordinator, members: [{ role: 'parent' }, { role: 'child' }] });
      ids = [
        (await registered(f.id, { personId: f.personIds[1], typeId: types.therapy.id, from: day(-60) })).id,
        (await registered(f.id, { personId: f.personIds[1], typeId: types.homeHelp.id, departmentId: dept.school, from: day(-20), to: day(20) })).id,
      ];
    });
    const overlapsFor = async (s: Session) => {
      const res = await call(s, 'GET', '/api/v1/interventions/overlaps');
      expect(res.statusCode).toBe(200);
      return res.json() as { overlaps: (Omit<OverlapDto, 'familyId'> & { familyId: string | null; familyNames: string[]; personName: string | null; named: boolean; coordinatingUnit: string | null })[]; truncated: boolean };
    };

    it('shows a manager of the coordinator’s unit the overlap with both interventions, their departments, the family’s and the person’s name, audited naming every member', async () => {
      const list = await overlapsFor(as.manager);
      expect(list.truncated).toBe(false);
      const mine = list.overlaps.filter((o) => o.familyId === f.id);
      const child = await asSystem(database.db, (tx) => tx.select().from(person).where(and(eq(person.municipalityId, m.municipality.id), eq(person.id, f.personIds[1]!))));
      expect(mine).toEqual([
        {
          familyId: f.id,
          familyNames: [child[0]!.familyName],
          personId: f.personIds[1],
          personName: `${child[0]!.givenName} ${child[0]!.familyName}`,
          reason: 'same_category',
          a: expect.objectContaining({ id: ids[0], departmentName: 'Børne- og Familieafdelingen', typeName: 'Familiebehandling' }),
          b: expect.objectContaining({ id: ids[1], departmentName: 'Dagtilbud og Skole', typeName: 'Praktisk pædagogisk støtte' }),
          period: { from: day(-20), to: day(20) },
          named: true,
          coordinatingUnit: 'Børne- og Familieafdelingen',
        },
      ]);
      const e = await lastEvent('intervention.overlaps_read');
      expect(e.actorUserId).toBe(unitManager.id);
      // The family's name is drawn from every member's surname, so the whole household is named in the audit.
      expect(e.personIds).toEqual(expect.arrayContaining(f.personIds));
      expect(e.details).toMatchObject({ familyIds: expect.arrayContaining([f.id]) });
    });

    it('names every member in the audit when a whole-family overlap is listed', async () => {
      const g = await newFamily();
      await registered(g.id, { personId: null, typeId: types.therapy.id, from: day(-10) });
      await registered(g.id, { personId: null, typeId: types.therapy.id, from: day(-5) });
      const list = await overlapsFor(as.manager);
      expect(list.overlaps.filter((o) => o.familyId === g.id).map((o) => [o.reason, o.personName])).toEqual([['same_type', null]]);
      const e = await lastEvent('intervention.overlaps_read');
      expect(e.personIds).toEqual(expect.arrayContaining(g.personIds));
    });

    it('shows a manager of another unit the overlap too (the list is municipality-wide), without anything that names the family', async () => {
      const list = await overlapsFor(as.otherManager);
      expect(list.overlaps.some((o) => o.familyId === f.id)).toBe(false);
      const row = list.overlaps.find((o) => o.a.id === ids[0] && o.b.id === ids[1]);
      expect(row).toEqual({
        familyId: null,
        personId: null,
        familyNames: [],
        personName: null,
        named: false,
        coordinatingUnit: 'Børne- og Familieafdelingen',
        reason: 'same_category',
        a: expect.objectContaining({ id: ids[0], departmentName: 'Børne- og Familieafdelingen', typeName: 'Familiebehandling' }),
        b: expect.objectContaining({ id: ids[1], departmentName: 'Dagtilbud og Skole', typeName: 'Praktisk pædagogisk støtte' }),
        period: { from: day(-20), to: day(20) },
      });
      // The rows it may name come first; its audit names none of this family's members.
      const named = list.overlaps.map((o) => o.named);
      expect(named).toEqual([...named].sort((x, y) => Number(y) - Number(x)));
      const e = await lastEvent('intervention.overlaps_read');
      expect(e.actorUserId).toBe(otherManager.id);
      for (const id of f.personIds) expect(e.personIds).not.toContain(id);
      expect(e.details).toMatchObject({ unnamed: expect.any(Number) });
      expect((e.details as { familyIds: string[] }).familyIds).not.toContain(f.id);
    });

    it('includes families where the manager is on the team', async () => {
      const g = await buildFamily(database.db, m.municipality, { coordinator, team: [{ user: otherManager, department: 'jobcenter' }] });
      await registered(g.id, { personId: g.personIds[0], typeId: types.jobTraining.id, from: day(-10) });
      await registered(g.id, { personId: g.personIds[0], typeId: types.mentor.id, hoursPerWeek: 1, from: day(-10) });
      const list = await overlapsFor(as.otherManager);
      expect(list.overlaps.filter((o) => o.familyId === g.id)).toHaveLength(1);
      expect(list.overlaps.some((o) => o.familyId === f.id)).toBe(false);
    });

    it('leaves out a family where the manager is on the team but the family’s consent does not cover their department', async () => {
      const g = await buildFamily(database.db, m.municipality, { coordinator, team: [{ user: otherManager, department: 'jobcenter' }] });
      await registered(g.id, { personId: g.personIds[0], typeId: types.jobTraining.id, from: day(-10) });
      await registered(g.id, { personId: g.personIds[0], typeId: types.jobTraining.id, from: day(-9) });
      expect((await overlapsFor(as.otherManager)).overlaps.some((o) => o.familyId === g.id)).toBe(true);
      await asSystem(database.db, (tx) =>
        tx.insert(consent).values({
          municipalityId: m.municipality.id,
          familyId: g.id,
          personId: g.personIds[0]!,
          scope: { departmentIds: [dept.children], kinds: ['family_situation'] },
          givenAt: day(-30),
          howGiven: 'written',
        }),
      );
      expect((await overlapsFor(as.otherManager)).overlaps.some((o) => o.familyId === g.id)).toBe(false);
    });

    it('leaves out overlaps that are over, here as on the family, but keeps one that ends today', async () => {
      const g = await newFamily();
      await registered(g.id, { personId: g.personIds[0], typeId: types.jobTraining.id, from: day(-100), to: day(-50) });
      await registered(g.id, { personId: g.personIds[0], typeId: types.jobTraining.id, from: day(-60), to: day(0) });
      await registered(g.id, { personId: g.personIds[1], typeId: types.jobTraining.id, from: day(-100), to: day(-1) });
      await registered(g.id, { personId: g.personIds[1], typeId: types.mentor.id, hoursPerWeek: 1, from: day(-60) });
      expect((await listOf(g.id)).overlaps).toEqual([]);
      expect((await overlapsFor(as.manager)).overlaps.some((o) => o.familyId === g.id)).toBe(false);
      await registered(g.id, { personId: g.personIds[1], typeId: types.jobTraining.id, from: day(-10), to: day(0) });
      const onFamily = (await listOf(g.id)).overlaps;
      expect(onFamily.map((o) => [o.personId, o.period])).toEqual([[g.personIds[1], { from: day(-10), to: day(0) }]]);
      // The same overlap as on the family, with the names the list adds.
      const listed = (await overlapsFor(as.manager)).overlaps.filter((o) => o.familyId === g.id);
      expect(listed.map(({ familyNames: _f, personName: _p, named: _n, coordinatingUnit: _u, ...o }) => o)).toEqual(onFamily);
      expect(listed.map((o) => [o.familyNames.length, typeof o.personName])).toEqual([[1, 'string']]);
    });

    it('refuses the list to anyone but managers, auditing the refusal', async () => {
      for (const s of [as.coordinator, as.team, admin]) {
        expect((await call(s, 'GET', '/api/v1/interventions/overlaps')).statusCode).toBe(403);
      }
      const denial = (await events('access.denied')).filter((e) => e.actorUserId === coordinator.id).at(-1)!;
      expect(denial.details).toEqual({ attempted: 'intervention.overlaps_read' });
    });

    it('finds in SQL exactly the pairs findOverlaps finds, for a family with many interventions', async () => {
      const g = await newFamily();
      const [p, c] = g.personIds;
      const specs: Array<[string | null, TypeDto, number, number | null]> = [
        [p!, types.jobTraining, -50, 10],
        [p!, types.jobTraining, 10, null],
        [p!, types.jobTraining, 11, 20],
        [p!, types.jobTraining, 21, 30],
        [c!, types.jobTraining, -50, null],
        [c!, types.therapy, -5, 5],
        [c!, types.homeHelp, 5, 5],
        [c!, types.homeHelp, 6, 8],
        [null, types.therapy, -400, -300],
        [null, types.homeHelp, -350, null],
        [null, types.therapy, 0, 0],
        [p!, types.mentor, 25, null],
      ];
      for (const [personId, type, from, to] of specs) {
        await registered(g.id, { personId, typeId: type.id, from: day(from), ...(to === null ? {} : { to: day(to) }), ...(type.price.per === 'hour' ? { hoursPerWeek: 1 } : {}) });
      }
      const all = await listOf(g.id);
      const expected = findOverlaps([...all.current, ...all.past])
        .filter((o) => o.period.to === null || o.period.to >= today)
        .map((o) => [o.a.id, o.b.id, o.reason]);
      expect(expected.length).toBeGreaterThanOrEqual(5);
      expect(all.overlaps.map((o) => [o.a.id, o.b.id, o.reason])).toEqual(expected);
      const listed = (await overlapsFor(as.manager)).overlaps.filter((o) => o.familyId === g.id).map((o) => [o.a.id, o.b.id, o.reason]);
      expect(listed).toEqual(expected);
    });
  });

  describe('the family overview', () => {
    // The overview reads the interventions in its one JSON statement; the interventions endpoint reads them through
    // Drizzle (listFamilyInterventions). Both must give the same summary, to the key and the order.
    it('shows exactly the summary the interventions endpoint gives, for every family registered above', async () => {
      const families = await asSystem(database.db, (tx) =>
        tx.selectDistinct({ id: intervention.familyId }).from(intervention).where(eq(intervention.municipalityId, m.municipality.id)),
      );
      expect(families.length).toBeGreaterThanOrEqual(2);
      let seen = 0;
      for (const { id } of families) {
        const res = await call(as.coordinator, 'GET', `/api/v1/families/${id}`);
        if (res.statusCode !== 200) continue;
        const { can: _can, ...summary } = await listOf(id);
        expect(res.json().data.interventions).toEqual(summary);
        seen += summary.current.length + summary.past.length;
      }
      expect(seen).toBeGreaterThanOrEqual(10);
    });
  });
});
