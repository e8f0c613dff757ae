import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { family } from '../../src/server/modules/families/families.table.js';
import { goalRating, plan, planGoal } from '../../src/server/modules/plans/plans.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
const NOBODY = '00000000-0000-4000-8000-000000000000';
const da = (code: string) => FIELD_MESSAGES[code]!.da;

interface ActionDto {
  id: string;
  what: string;
  responsible: { kind: string; personId?: string; userId?: string; departmentId?: string };
  responsibleName: string | null;
  due: string | null;
  doneAt: string | null;
}
interface GoalDto {
  id: string;
  personId: string | null;
  domain: string;
  horizon: string;
  title: string;
  successCriterion: string;
  targetDate: string | null;
  status: string;
  gas: Record<string, string> | null;
  legalRequirement: string | null;
  actions: ActionDto[];
  interventionIds: string[];
  latestRating: { date: string; value: number; respondent: string } | null;
}
interface PlanDto {
  familyId: string;
  startDate: string | null;
  draftVersion: number;
  baseline: Array<{ domain: string; score: number; text: string }>;
  goals: GoalDto[];
  current: { number: number } | null;
  unpublishedChanges: boolean;
  legalRequirementSuggestions: string[];
  can: { edit: boolean; publish: boolean; signOff: boolean; print: boolean };
}

describe.skipIf(!!dbSkipReason)(`the family's plan: life domains and the draft (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let admin: Session;
  let coordinator: StaffUser;
  let teamProfessional: StaffUser;
  let as: Record<'coordinator' | 'team' | 'outsider' | 'manager' | 'analyst', Session>;
  let dept: { jobcenter: string; children: string };
  let fam: BuiltFamily;
  let other: BuiltFamily;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '612' });
    app = await buildTestApp(database);
    admin = await loginAs(app, database.db, m.admin);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Kærgård' });
    teamProfessional = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    const analyst = await buildUser(database.db, mu, { roles: ['analyst'], mfa: true });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, teamProfessional),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, manager),
      analyst: await loginAs(app, database.db, analyst),
    };
    dept = { jobcenter: await departmentId(database.db, mu, 'jobcenter'), children: await departmentId(database.db, mu, 'children_family') };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Søndergård' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Søndergård' },
      ],
      team: [{ user: teamProfessional, department: 'jobcenter' }],
      status: 'active',
    });
    other = await buildFamily(database.db, mu, { coordinator, members: [{ role: 'parent', givenName: 'Anden' }] });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const base = (familyId: string) => `/api/v1/families/${familyId}/plan`;
  const getPlan = async (familyId: string, s: Session = as.coordinator): Promise<PlanDto> => {
    const res = await call(s, 'GET', base(familyId));
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200): Promise<PlanDto> => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  const addGoal = async (familyId: string, body: object, s: Session = as.coordinator) => {
    const draftVersion = (await getPlan(familyId)).draftVersion;
    return ok(await call(s, 'POST', `${base(familyId)}/goals`, { domain: 'housing', horizon: 'short', title: 'Et mål', draftVersion, ...body }), 201);
  };
  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
    );
  const lastEvent = async (action: string) => (await events(action)).at(-1)!;
  const goalRows = (familyId: string) => asSystem(database.db, (tx) => tx.select().from(planGoal).where(eq(planGoal.familyId, familyId)));
  const planRow = async (familyId: string) => (await asSystem(database.db, (tx) => tx.select().from(plan).where(eq(plan.familyId, familyId))))[0];
  const familyVersion = async (id: string) => (await asSystem(database.db, (tx) => tx.select({ v: family.version }).from(family).where(eq(family.id, id))))[0]!.v;
  const newFamily = () =>
    buildFamily(database.db, m.municipality, {
      coordinator,
      members: [{ role: 'parent' }, { role: 'child' }],
      team: [{ user: teamProfessional, department: 'jobcenter' }],
      status: 'active',
    });

  describe('life domains', () => {
    it('shows staff the default domains in the municipality’s order', async () => {
      for (const s of [as.coordinator, as.team, as.analyst, admin]) {
        const res = await call(s, 'GET', '/api/v1/life-domains');
        expect(res.statusCode).toBe(200);
        const domains = res.json().domains as Array<{ code: string; labelDa: string; child: boolean; active: boolean }>;
        expect(domains).toHaveLength(13);
        expect(domains[0]).toMatchObject({ code: 'economy', labelDa: 'Økonomi', child: false, active: true });
        expect(domains.at(-1)).toMatchObject({ code: 'leisure_friends', child: true });
      }
    });

    it('lets an administrator add a domain and change labels, order and use, auditing before and after', async () => {
      const put = await call(admin, 'PUT', '/api/v1/admin/life-domains/digital_life', { labelDa: 'Digitalt liv', labelEn: 'Digital life', active: true, sortOrder: 5 });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ code: 'digital_life', labelDa: 'Digitalt liv', labelEn: 'Digital life', child: false, active: true, sortOrder: 5 });
      const change = await call(admin, 'PUT', '/api/v1/admin/life-domains/digital_life', { labelDa: 'Det digitale', labelEn: 'Digital life', active: true, sortOrder: 1000 });
      expect(change.json()).toMatchObject({ labelDa: 'Det digitale', sortOrder: 1000 });
      const e = await lastEvent('life_domain.upsert');
      expect(e).toMatchObject({ targetType: 'life_domain', targetId: 'digital_life', actorUserId: m.admin.id });
      expect(e.details).toMatchObject({ before: { labelDa: 'Digitalt liv' }, after: { labelDa: 'Det digitale' } });
      const list = (await call(as.coordinator, 'GET', '/api/v1/life-domains')).json().domains as Array<{ code: string }>;
      expect(list.at(-1)!.code).toBe('digital_life');
    });

    it('lets only administrators change the list, and refuses a malformed code', async () => {
      const body = { labelDa: 'X', labelEn: 'X', active: true, sortOrder: 1 };
      expect((await call(as.coordinator, 'PUT', '/api/v1/admin/life-domains/sneaky', body)).statusCode).toBe(403);
      const bad = await call(admin, 'PUT', '/api/v1/admin/life-domains/Ikke%20gyldig', body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.problems).toEqual([{ path: 'code', message: da('department_code') }]);
    });
  });

  describe('the draft', () => {
    it('shows a family without a plan as an empty draft at version 0, with what the user may do', async () => {
      const fresh = await newFamily();
      expect(await getPlan(fresh.id)).toEqual({
        familyId: fresh.id,
        startDate: null,
        draftVersion: 0,
        baseline: [],
        goals: [],
        current: null,
        unpublishedChanges: false,
        legalRequirementSuggestions: ['Barnets lov § 92', 'LAB § 30 b'],
        can: { edit: true, publish: true, signOff: true, print: true },
        hiddenByConsent: { goals: 0, baseline: 0 },
      });
      expect((await getPlan(fresh.id, as.team)).can).toEqual({ edit: true, publish: false, signOff: false, print: true });
      expect((await getPlan(fresh.id, as.manager)).can).toEqual({ edit: false, publish: false, signOff: false, print: false });
    });

    it('creates the plan on the first write, starting today, and adds the goal in the family’s words', async () => {
      const before = await familyVersion(fam.id);
      const res = await call(as.coordinator, 'POST', `${base(fam.id)}/goals`, {
        personId: fam.personIds[0],
        domain: 'work_education',
        horizon: 'long',
        title: 'Jeg vil være pædagogmedhjælper',
        successCriterion: 'Jeg har et fast job i en børnehave',
        targetDate: day(365),
        gas: { '-2': 'Ingen praktik', '-1': 'Praktik søgt', '0': 'I praktik', '1': 'Løntilskud', '2': 'Fast job' },
        legalRequirement: 'LAB § 30 b',
        draftVersion: 0,
      });
      const p = await ok(res, 201);
      expect(p).toMatchObject({ startDate: today, draftVersion: 1, unpublishedChanges: true });
      expect(p.goals).toEqual([
        {
          id: expect.any(String),
          personId: fam.personIds[0],
          domain: 'work_education',
          horizon: 'long',
          title: 'Jeg vil være pædagogmedhjælper',
          successCriterion: 'Jeg har et fast job i en børnehave',
          targetDate: day(365),
          status: 'active',
          gas: { '-2': 'Ingen praktik', '-1': 'Praktik søgt', '0': 'I praktik', '1': 'Løntilskud', '2': 'Fast job' },
          legalRequirement: 'LAB § 30 b',
          actions: [],
          interventionIds: [],
          latestRating: null,
        },
      ]);
      expect(await familyVersion(fam.id)).toBe(before + 1);
      const e = await lastEvent('plan.goal_create');
      expect(e).toMatchObject({ targetType: 'family', targetId: fam.id, personIds: [fam.personIds[0]], actorUserId: coordinator.id });
      expect(e.details).toMatchObject({ goalId: p.goals[0]!.id, draftVersion: 1, domain: 'work_education' });
    });

    it('lets a team member write the plan with the family: actions by a member, a staff user and a department', async () => {
      const p0 = await getPlan(fam.id, as.team);
      const goalId = p0.goals[0]!.id;
      const p1 = await ok(
        await call(as.team, 'POST', `${base(fam.id)}/goals/${goalId}/actions`, {
          what: 'Søge praktik i Solsikken',
          responsible: { kind: 'person', personId: fam.personIds[0] },
          due: day(30),
          draftVersion: p0.draftVersion,
        }),
        201,
      );
      const p2 = await ok(
        await call(as.team, 'POST', `${base(fam.id)}/goals/${goalId}/actions`, {
          what: 'Finde en praktikplads',
          responsible: { kind: 'staff', userId: teamProfessional.id },
          draftVersion: p1.draftVersion,
        }),
        201,
      );
      const p3 = await ok(
        await call(as.coordinator, 'POST', `${base(fam.id)}/goals/${goalId}/actions`, {
          what: 'Bevilge løntilskud',
          responsible: { kind: 'department', departmentId: dept.jobcenter },
          due: day(90),
          draftVersion: p2.draftVersion,
        }),
        201,
      );
      expect(p3.draftVersion).toBe(p0.draftVersion + 3);
      expect(p3.goals[0]!.actions.map((a) => [a.what, a.responsibleName, a.due])).toEqual([
        ['Søge praktik i Solsikken', 'Amina Søndergård', day(30)],
        ['Finde en praktikplads', 'Jens Jobkonsulent', null],
        ['Bevilge løntilskud', 'Jobcenter', day(90)],
      ]);
      const e = (await events('plan.action_create')).at(-3)!;
      expect(e).toMatchObject({ actorUserId: teamProfessional.id, personIds: [fam.personIds[0]] });
    });

    it('changes a goal field by field, keeping what is not sent, and audits which fields changed', async () => {
      const p0 = await getPlan(fam.id);
      const goal = p0.goals[0]!;
      const p1 = await ok(
        await call(as.team, 'PATCH', `${base(fam.id)}/goals/${goal.id}`, { title: 'Jeg vil arbejde i en børnehave', status: 'partly_achieved', draftVersion: p0.draftVersion }),
      );
      expect(p1.goals[0]).toMatchObject({ title: 'Jeg vil arbejde i en børnehave', status: 'partly_achieved', domain: 'work_education', targetDate: day(365), legalRequirement: 'LAB § 30 b' });
      expect(p1.goals[0]!.actions).toHaveLength(3);
      expect((await lastEvent('plan.goal_update')).details).toMatchObject({ goalId: goal.id, fields: ['title', 'status'] });
      const p2 = await ok(await call(as.coordinator, 'PATCH', `${base(fam.id)}/goals/${goal.id}`, { targetDate: null, legalRequirement: null, draftVersion: p1.draftVersion }));
      expect(p2.goals[0]).toMatchObject({ targetDate: null, legalRequirement: null });
    });

    it('changes an action and marks it done, and removes an action', async () => {
      const p0 = await getPlan(fam.id);
      const [first, second] = p0.goals[0]!.actions;
      const p1 = await ok(
        await call(as.team, 'PATCH', `${base(fam.id)}/actions/${first!.id}`, {
          what: 'Søge praktik i Solsikken og Mælkebøtten',
          doneAt: today,
          draftVersion: p0.draftVersion,
        }),
      );
      expect(p1.goals[0]!.actions[0]).toMatchObject({ what: 'Søge praktik i Solsikken og Mælkebøtten', doneAt: today, due: day(30) });
      expect((await lastEvent('plan.action_update')).details).toMatchObject({ actionId: first!.id, fields: ['what', 'doneAt'] });
      const p2 = await ok(await call(as.team, 'DELETE', `${base(fam.id)}/actions/${second!.id}?draftVersion=${p1.draftVersion}`));
      expect(p2.goals[0]!.actions.map((a) => a.id)).not.toContain(second!.id);
      expect((await lastEvent('plan.action_remove')).details).toMatchObject({ actionId: second!.id });
    });

    it('sets the baseline per life domain and changes it, in the municipality’s order of domains', async () => {
      let p = await getPlan(fam.id);
      p = await ok(await call(as.coordinator, 'PUT', `${base(fam.id)}/baseline`, { domain: 'housing', score: 4, text: 'Trangt', draftVersion: p.draftVersion }));
      p = await ok(await call(as.team, 'PUT', `${base(fam.id)}/baseline`, { domain: 'economy', score: 2, text: 'Gæld', draftVersion: p.draftVersion }));
      p = await ok(await call(as.team, 'PUT', `${base(fam.id)}/baseline`, { domain: 'housing', score: 5, draftVersion: p.draftVersion }));
      expect(p.baseline).toEqual([
        { domain: 'economy', score: 2, text: 'Gæld' },
        { domain: 'housing', score: 5, text: '' },
      ]);
      const e = await lastEvent('plan.baseline_set');
      expect(e.personIds.sort()).toEqual([...fam.personIds].sort());
      expect(e.details).toMatchObject({ domain: 'housing', score: 5 });
    });

    it('adds a goal for the whole family, naming every member in the audit', async () => {
      const p = await addGoal(fam.id, { domain: 'housing', horizon: 'long', title: 'Vi vil bo i en større lejlighed', legalRequirement: 'Barnets lov § 92' });
      expect(p.goals.at(-1)).toMatchObject({ personId: null, title: 'Vi vil bo i en større lejlighed', legalRequirement: 'Barnets lov § 92' });
      expect((await lastEvent('plan.goal_create')).personIds.sort()).toEqual([...fam.personIds].sort());
    });

    it('shows each goal’s latest rating', async () => {
      const p = await getPlan(fam.id);
      const goalId = p.goals[0]!.id;
      await asSystem(database.db, (tx) =>
        tx.insert(goalRating).values([
          { municipalityId: m.municipality.id, goalId, familyId: fam.id, date: day(-20), value: 3, respondent: 'family' },
          { municipalityId: m.municipality.id, goalId, familyId: fam.id, date: day(-2), value: 6, respondent: 'family' },
          { municipalityId: m.municipality.id, goalId, familyId: fam.id, date: day(-10), value: 5, respondent: 'coordinator' },
        ]),
      );
      const after = await getPlan(fam.id);
      expect(after.goals[0]!.latestRating).toEqual({ date: day(-2), value: 6, respondent: 'family' });
      expect(after.goals[1]!.latestRating).toBeNull();
    });

    it('removes a goal from the draft softly: gone from the plan, kept in the database', async () => {
      const p0 = await addGoal(fam.id, { title: 'Et mål vi fortryder' });
      const goalId = p0.goals.at(-1)!.id;
      const p1 = await ok(await call(as.team, 'DELETE', `${base(fam.id)}/goals/${goalId}?draftVersion=${p0.draftVersion}`));
      expect(p1.goals.map((g) => g.id)).not.toContain(goalId);
      const row = (await goalRows(fam.id)).find((g) => g.id === goalId)!;
      expect(row.removedAt).not.toBeNull();
      expect((await lastEvent('plan.goal_remove')).details).toMatchObject({ goalId });
      const again = await call(as.team, 'PATCH', `${base(fam.id)}/goals/${goalId}`, { title: 'x', draftVersion: p1.draftVersion });
      expect(again.statusCode).toBe(404);
      expect(again.json().error.code).toBe('goal_not_found');
    });

    it('audits reading the plan, naming every member of the family', async () => {
      await getPlan(fam.id, as.team);
      const e = await lastEvent('plan.read');
      expect(e).toMatchObject({ targetType: 'family', targetId: fam.id, actorUserId: teamProfessional.id });
      expect(e.personIds.sort()).toEqual([...fam.personIds].sort());
      expect(e.details).toMatchObject({ relation: 'team', view: 'draft' });
    });
  });

  describe('two people editing the same draft', () => {
    it('refuses the second save with plan_conflict, lists what changed and by whom, and saves nothing of it', async () => {
      const f = await newFamily();
      const seen = await addGoal(f.id, { domain: 'economy', title: 'Betale gælden af' });
      const goalId = seen.goals[0]!.id;
      // The coordinator saves first: changes the goal, adds another and sets a baseline.
      let first = await ok(await call(as.coordinator, 'PATCH', `${base(f.id)}/goals/${goalId}`, { title: 'Betale al gælden af', draftVersion: seen.draftVersion }));
      first = await addGoal(f.id, { domain: 'health', title: 'Gå til lægen' });
      first = await ok(await call(as.coordinator, 'PUT', `${base(f.id)}/baseline`, { domain: 'economy', score: 1, draftVersion: first.draftVersion }));
      // The team member still has the first view.
      const res = await call(as.team, 'PATCH', `${base(f.id)}/goals/${goalId}`, { successCriterion: 'Ingen rykkere', draftVersion: seen.draftVersion });
      expect(res.statusCode).toBe(409);
      const error = res.json().error;
      expect(error.code).toBe('plan_conflict');
      expect(error.message).toContain('Planen er ændret af en anden');
      expect(error.problems).toEqual([
        { path: `goals.${goalId}`, message: 'Målet »Betale al gælden af« er ændret af Karin Kærgård.' },
        { path: `goals.${first.goals[1]!.id}`, message: 'Målet »Gå til lægen« er tilføjet af Karin Kærgård.' },
        { path: 'baseline.economy', message: 'Udgangspunktet for livsområdet Økonomi er ændret af Karin Kærgård.' },
      ]);
      const now = await getPlan(f.id);
      expect(now.draftVersion).toBe(first.draftVersion);
      expect(now.goals[0]).toMatchObject({ title: 'Betale al gælden af', successCriterion: '' });
      // Reloaded, the same change goes through.
      const retry = await call(as.team, 'PATCH', `${base(f.id)}/goals/${goalId}`, { successCriterion: 'Ingen rykkere', draftVersion: now.draftVersion });
      expect((await ok(retry)).goals[0]).toMatchObject({ title: 'Betale al gælden af', successCriterion: 'Ingen rykkere' });
    });

    it('words the conflict in English for an English user, and names removed goals and changed actions', async () => {
      const f = await newFamily();
      let p = await addGoal(f.id, { title: 'Keep' });
      p = await ok(
        await call(as.coordinator, 'POST', `${base(f.id)}/goals/${p.goals[0]!.id}/actions`, {
          what: 'Ringe til kommunen',
          responsible: { kind: 'person', personId: f.personIds[0] },
          draftVersion: p.draftVersion,
        }),
        201,
      );
      p = await addGoal(f.id, { title: 'Drop' });
      const seen = p;
      p = await ok(await call(as.coordinator, 'DELETE', `${base(f.id)}/goals/${p.goals[1]!.id}?draftVersion=${p.draftVersion}`));
      p = await ok(await call(as.coordinator, 'PATCH', `${base(f.id)}/actions/${p.goals[0]!.actions[0]!.id}`, { due: day(10), draftVersion: p.draftVersion }));
      const res = await app.inject({
        method: 'DELETE',
        url: `${base(f.id)}/goals/${seen.goals[0]!.id}?draftVersion=${seen.draftVersion}`,
        headers: { ...as.team.headers, 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.problems.map((x: { message: string }) => x.message)).toEqual([
        'The goal “Drop” was removed by Karin Kærgård.',
        'The action “Ringe til kommunen” under the goal “Keep” was changed by Karin Kærgård.',
      ]);
      expect((await getPlan(f.id)).goals.map((g) => g.title)).toEqual(['Keep']);
    });

    it('refuses a first write from someone who did not see that the plan was created meanwhile', async () => {
      const f = await newFamily();
      await addGoal(f.id, { title: 'Først' });
      const res = await call(as.team, 'POST', `${base(f.id)}/goals`, { domain: 'housing', horizon: 'short', title: 'Også først', draftVersion: 0 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.problems[0].message).toBe('Målet »Først« er tilføjet af Karin Kærgård.');
      expect((await getPlan(f.id)).goals).toHaveLength(1);
    });
  });

  describe('bad input', () => {
    const goalBase = { domain: 'housing', horizon: 'short', title: 'Et mål' };
    const badGoals: Array<[string, () => object, string, string]> = [
      ['a goal without a domain', () => ({ horizon: 'short', title: 'Uden område' }), 'domain', 'domain_required'],
      ['a goal with an empty domain', () => ({ ...goalBase, domain: ' ' }), 'domain', 'domain_required'],
      ['a domain not on the list', () => ({ ...goalBase, domain: 'astrology' }), 'domain', 'unknown_domain'],
      ['a domain taken out of use', () => ({ ...goalBase, domain: 'retired_domain' }), 'domain', 'unknown_domain'],
      ['a person not in the family', () => ({ ...goalBase, personId: other.personIds[0] }), 'personId', 'unknown_person'],
      ['a target date before the plan starts', () => ({ ...goalBase, targetDate: day(-1) }), 'targetDate', 'date_before_plan_start'],
      ['a goal without a title', () => ({ ...goalBase, title: '  ' }), 'title', 'required'],
    ];
    it.each(badGoals)('refuses %s with its message at the field, saving nothing (not even the plan)', async (_name, body, path, code) => {
      await call(admin, 'PUT', '/api/v1/admin/life-domains/retired_domain', { labelDa: 'Udgået', labelEn: 'Retired', active: false, sortOrder: 2000 });
      const f = await newFamily();
      const version = await familyVersion(f.id);
      const res = await call(as.coordinator, 'POST', `${base(f.id)}/goals`, { ...body(), draftVersion: 0 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path, message: da(code) }]);
      expect(await planRow(f.id)).toBeUndefined();
      expect(await goalRows(f.id)).toEqual([]);
      expect(await familyVersion(f.id)).toBe(version);
    });

    it('refuses changes to a goal that break the same rules, saving nothing', async () => {
      const f = await newFamily();
      const p = await addGoal(f.id, { title: 'Uændret' });
      const goalId = p.goals[0]!.id;
      for (const [body, path, code] of [
        [{ domain: 'astrology' }, 'domain', 'unknown_domain'],
        [{ personId: NOBODY }, 'personId', 'unknown_person'],
        [{ targetDate: day(-3) }, 'targetDate', 'date_before_plan_start'],
      ] as const) {
        const res = await call(as.team, 'PATCH', `${base(f.id)}/goals/${goalId}`, { ...body, title: 'Ændret', draftVersion: p.draftVersion });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.problems).toEqual([{ path, message: da(code) }]);
      }
      const after = await getPlan(f.id);
      expect(after.draftVersion).toBe(p.draftVersion);
      expect(after.goals[0]!.title).toBe('Uændret');
    });

    it('refuses bad actions — due before the start, a responsible who does not exist — with the message at the field', async () => {
      const f = await newFamily();
      const p = await addGoal(f.id, { title: 'Med handlinger' });
      const goalId = p.goals[0]!.id;
      const inactive = await buildStaff(database.db, m.municipality, { roles: ['professional'], department: 'jobcenter' });
      await asSystem(database.db, (tx) => tx.execute(`update staff_user set active = false where id = '${inactive.id}'`));
      const cases: Array<[object, string, string]> = [
        [{ responsible: { kind: 'person', personId: f.personIds[0] }, due: day(-1) }, 'due', 'date_before_plan_start'],
        [{ responsible: { kind: 'person', personId: other.personIds[0] } }, 'responsible.personId', 'unknown_person'],
        [{ responsible: { kind: 'staff', userId: NOBODY } }, 'responsible.userId', 'unknown_user'],
        [{ responsible: { kind: 'staff', userId: inactive.id } }, 'responsible.userId', 'unknown_user'],
        [{ responsible: { kind: 'department', departmentId: NOBODY } }, 'responsible.departmentId', 'unknown_department'],
      ];
      for (const [body, path, code] of cases) {
        const res = await call(as.team, 'POST', `${base(f.id)}/goals/${goalId}/actions`, { what: 'Noget', ...body, draftVersion: p.draftVersion });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.problems).toEqual([{ path, message: da(code) }]);
      }
      const after = await getPlan(f.id);
      expect(after.draftVersion).toBe(p.draftVersion);
      expect(after.goals[0]!.actions).toEqual([]);
    });

    it('refuses a baseline in an unknown domain or outside 0–10', async () => {
      const f = await newFamily();
      const p = await addGoal(f.id, {});
      const unknown = await call(as.team, 'PUT', `${base(f.id)}/baseline`, { domain: 'astrology', score: 3, draftVersion: p.draftVersion });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.problems).toEqual([{ path: 'domain', message: da('unknown_domain') }]);
      const high = await call(as.team, 'PUT', `${base(f.id)}/baseline`, { domain: 'economy', score: 11, draftVersion: p.draftVersion });
      expect(high.statusCode).toBe(400);
      expect(high.json().error.problems.map((x: { path: string }) => x.path)).toEqual(['score']);
      expect((await getPlan(f.id)).baseline).toEqual([]);
    });

    it('answers 404 for a goal or action that is not in the family’s plan', async () => {
      const p = await getPlan(fam.id);
      const foreign = await addGoal(other.id, {});
      const cases = [
        await call(as.coordinator, 'PATCH', `${base(fam.id)}/goals/${foreign.goals[0]!.id}`, { title: 'x', draftVersion: p.draftVersion }),
        await call(as.coordinator, 'PATCH', `${base(fam.id)}/goals/not-a-uuid`, { title: 'x', draftVersion: p.draftVersion }),
        await call(as.coordinator, 'POST', `${base(fam.id)}/goals/${NOBODY}/actions`, { what: 'x', responsible: { kind: 'department', departmentId: dept.children }, draftVersion: p.draftVersion }),
      ];
      for (const res of cases) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('goal_not_found');
      }
      const action = await call(as.coordinator, 'DELETE', `${base(fam.id)}/actions/${NOBODY}?draftVersion=${p.draftVersion}`);
      expect(action.json().error.code).toBe('action_not_found');
    });
  });

  describe('interventions serving goals', () => {
    it('links one of the family’s interventions to a goal and unlinks it; another family’s intervention is not found', async () => {
      const type = await call(admin, 'POST', '/api/v1/admin/intervention-types', {
        code: 'mentor', name: 'Mentor', category: 'employment', departmentId: dept.jobcenter, price: { amount: 500, per: 'month' }, validFrom: '2000-01-01',
      });
      const register = (familyId: string, personId: string) =>
        call(as.coordinator, 'POST', `/api/v1/families/${familyId}/interventions`, { personId, typeId: type.json().id, from: day(-5) });
      const mine = (await register(fam.id, fam.personIds[0]!)).json();
      const theirs = (await register(other.id, other.personIds[0]!)).json();
      const p = await getPlan(fam.id);
      const goalId = p.goals[0]!.id;
      const linked = await ok(await call(as.team, 'PUT', `${base(fam.id)}/goals/${goalId}/interventions/${mine.id}`, { draftVersion: p.draftVersion }));
      expect(linked.goals[0]!.interventionIds).toEqual([mine.id]);
      expect(await lastEvent('plan.intervention_link')).toMatchObject({ personIds: [fam.personIds[0]], details: expect.objectContaining({ interventionId: mine.id, goalId }) });
      const foreign = await call(as.team, 'PUT', `${base(fam.id)}/goals/${goalId}/interventions/${theirs.id}`, { draftVersion: linked.draftVersion });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('intervention_not_found');
      const unlinked = await ok(await call(as.team, 'DELETE', `${base(fam.id)}/goals/${goalId}/interventions/${mine.id}?draftVersion=${linked.draftVersion}`));
      expect(unlinked.goals[0]!.interventionIds).toEqual([]);
    });
  });

  describe('access', () => {
    it('answers a professional outside the team as if the family did not exist, for reads and writes, and audits the refusal', async () => {
      const p = await getPlan(fam.id);
      const read = await call(as.outsider, 'GET', base(fam.id));
      expect(read.statusCode).toBe(404);
      expect(read.json().error.code).toBe('family_not_found');
      const write = await call(as.outsider, 'POST', `${base(fam.id)}/goals`, { domain: 'housing', horizon: 'short', title: 'Ude fra', draftVersion: p.draftVersion });
      expect(write.statusCode).toBe(404);
      expect((await getPlan(fam.id)).draftVersion).toBe(p.draftVersion);
      const denied = (await events('access.denied')).at(-1)!;
      expect(denied.details).toMatchObject({ attempted: 'family.register_intervention' });
    });

    it('lets the unit’s manager read the plan but not write it', async () => {
      const p = await getPlan(fam.id, as.manager);
      const res = await call(as.manager, 'POST', `${base(fam.id)}/goals`, { domain: 'housing', horizon: 'short', title: 'Leder', draftVersion: p.draftVersion });
      expect(res.statusCode).toBe(404);
    });

    it('never shows the plan to an analyst or an administrator', async () => {
      expect((await call(as.analyst, 'GET', base(fam.id))).statusCode).toBe(404);
      expect((await call(admin, 'GET', base(fam.id))).statusCode).toBe(404);
    });
  });
});
