import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { DEFAULT_PUBLIC_SUPPORT } from '../../src/shared/measurements.js';
import { DEFAULT_LIFE_DOMAINS } from '../../src/shared/plans.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { assessment, childWelfarePeriod, concernReport, schoolAttendance, supportStatusPeriod } from '../../src/server/modules/measurements/measurements.table.js';
import { goalRating } from '../../src/server/modules/plans/plans.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const tomorrow = addDays(today, 1);
const da = (code: string) => FIELD_MESSAGES[code]!.da;
const EXPERIENCE = { knowsPlan: 4, ownGoals: 5, oneEntry: 3, workTogether: 4, listenedTo: 5 };
const WHO5 = { cheerful: 5, calm: 4, active: 3, rested: 2, interested: 1 };
const ALL_DOMAINS = Object.fromEntries(DEFAULT_LIFE_DOMAINS.map((d, i) => [d.code, i % 11]));

describe.skipIf(!!dbSkipReason)(`measurements: goal ratings, assessments and register outcomes (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let as: Record<'coordinator' | 'team' | 'outsider' | 'manager' | 'analyst' | 'admin', Session>;
  let fam: BuiltFamily;
  let other: BuiltFamily;
  let goals: string[];
  let otherGoal: string;
  let removedGoal: string;
  /** Person ids of the family: the parent and the child. */
  let parent: string;
  let child: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '613' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Kærgård' });
    const team = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    const analyst = await buildUser(database.db, mu, { roles: ['analyst'], mfa: true });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, team),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, manager),
      analyst: await loginAs(app, database.db, analyst),
      admin: await loginAs(app, database.db, m.admin),
    };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Søndergård', birthDate: '1985-03-03' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Søndergård', birthDate: '2015-05-05' },
      ],
      team: [{ user: team, department: 'jobcenter' }],
      status: 'active',
    });
    [parent, child] = fam.personIds as [string, string];
    other = await buildFamily(database.db, mu, { coordinator, members: [{ role: 'parent', givenName: 'Anden' }], status: 'active' });
    const addGoal = async (familyId: string, title: string) => {
      const plan = (await call(as.coordinator, 'GET', `/api/v1/families/${familyId}/plan`)).json();
      const res = await call(as.coordinator, 'POST', `/api/v1/families/${familyId}/plan/goals`, { domain: 'housing', horizon: 'short', title, draftVersion: plan.draftVersion });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json().goals as Array<{ id: string; title: string }>).find((g) => g.title === title)!.id;
    };
    goals = [await addGoal(fam.id, 'Ro om morgenen'), await addGoal(fam.id, 'En større bolig')];
    removedGoal = await addGoal(fam.id, 'Et mål vi droppede');
    const plan = (await call(as.coordinator, 'GET', `/api/v1/families/${fam.id}/plan`)).json();
    expect((await call(as.coordinator, 'DELETE', `/api/v1/families/${fam.id}/plan/goals/${removedGoal}?draftVersion=${plan.draftVersion}`)).statusCode).toBe(200);
    otherGoal = await addGoal(other.id, 'Den anden families mål');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const url = (path: string, familyId = fam.id) => `/api/v1/families/${familyId}/${path}`;
  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
    );
  const lastEvent = async (action: string) => (await events(action)).at(-1)!;
  const count = async () =>
    asSystem(database.db, async (tx) => ({
      ratings: (await tx.select().from(goalRating).where(inArray(goalRating.familyId, [fam.id, other.id]))).length,
      assessments: (await tx.select().from(assessment).where(inArray(assessment.familyId, [fam.id, other.id]))).length,
      support: (await tx.select().from(supportStatusPeriod).where(inArray(supportStatusPeriod.personId, [parent, child]))).length,
      welfare: (await tx.select().from(childWelfarePeriod).where(inArray(childWelfarePeriod.personId, [parent, child]))).length,
      concern: (await tx.select().from(concernReport).where(inArray(concernReport.personId, [parent, child]))).length,
      attendance: (await tx.select().from(schoolAttendance).where(inArray(schoolAttendance.personId, [parent, child]))).length,
    }));
  /** Expects the call to be refused with `status`, and nothing measured to have changed. */
  const refused = async (send: () => ReturnType<typeof call>, status: number) => {
    const before = await count();
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(await count()).toEqual(before);
    return res.json().error as { code: string; message: string; problems: Array<{ path: string; message: string }> };
  };

  describe('rating the goals of the plan in one go', () => {
    it('records a rating of every goal on one date by one respondent, shows it as the latest rating, and audits it', async () => {
      const res = await call(as.coordinator, 'POST', url('plan/ratings'), {
        date: today,
        respondent: 'family',
        ratings: [
          { goalId: goals[0], value: 4 },
          { goalId: goals[1], value: 7 },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().ratings).toEqual([
        expect.objectContaining({ goalId: goals[0], date: today, value: 4, respondent: 'family' }),
        expect.objectContaining({ goalId: goals[1], date: today, value: 7, respondent: 'family' }),
      ]);
      const plan = (await call(as.coordinator, 'GET', url('plan'))).json() as { goals: Array<{ id: string; latestRating: unknown }> };
      expect(plan.goals.find((g) => g.id === goals[1])!.latestRating).toEqual({ date: today, value: 7, respondent: 'family' });
      const e = await lastEvent('goal_rating.record');
      expect(e).toMatchObject({ actorUserId: coordinator.id, targetType: 'family', targetId: fam.id, outcome: 'success' });
      expect(e.personIds.sort()).toEqual([parent, child].sort());
      expect(e.details).toMatchObject({ date: today, respondent: 'family', ratings: [{ goalId: goals[0], value: 4 }, { goalId: goals[1], value: 7 }] });
    });

    it('lets a team member whose department the consent covers rate the goals', async () => {
      const res = await call(as.team, 'POST', url('plan/ratings'), { date: addDays(today, -7), respondent: 'professional', ratings: [{ goalId: goals[0], value: 3 }] });
      expect(res.statusCode, res.body).toBe(201);
    });

    it("refuses a goal of another family's plan and writes none of the ratings", async () => {
      const error = await refused(
        () => call(as.coordinator, 'POST', url('plan/ratings'), { date: today, respondent: 'family', ratings: [{ goalId: goals[0], value: 5 }, { goalId: otherGoal, value: 5 }] }),
        400,
      );
      expect(error.problems).toEqual([{ path: 'ratings.1.goalId', message: da('unknown_goal') }]);
    });

    it('refuses a goal removed from the plan, a goal rated twice and a made-up goal', async () => {
      const send = (ratings: object[]) => () => call(as.coordinator, 'POST', url('plan/ratings'), { date: today, respondent: 'family', ratings });
      expect((await refused(send([{ goalId: removedGoal, value: 5 }]), 400)).problems).toEqual([{ path: 'ratings.0.goalId', message: da('unknown_goal') }]);
      expect((await refused(send([{ goalId: goals[0], value: 5 }, { goalId: goals[0], value: 6 }]), 400)).problems).toEqual([{ path: 'ratings.1.goalId', message: da('duplicate_goal') }]);
      expect((await refused(send([{ goalId: '00000000-0000-4000-8000-000000000000', value: 5 }]), 400)).problems[0]!.message).toBe(da('unknown_goal'));
    });

    it('refuses a date in the future, a value outside 0–10, an unknown respondent and an empty form', async () => {
      const send = (body: object) => () => call(as.coordinator, 'POST', url('plan/ratings'), { date: today, respondent: 'family', ratings: [{ goalId: goals[0], value: 5 }], ...body });
      expect((await refused(send({ date: tomorrow }), 400)).problems).toEqual([{ path: 'date', message: da('date_in_future') }]);
      expect((await refused(send({ ratings: [{ goalId: goals[0], value: 11 }] }), 400)).problems).toEqual([{ path: 'ratings.0.value', message: da('rating_range') }]);
      expect((await refused(send({ ratings: [{ goalId: goals[0], value: 2.5 }] }), 400)).problems).toEqual([{ path: 'ratings.0.value', message: da('rating_range') }]);
      expect((await refused(send({ respondent: 'neighbour' }), 400)).problems[0]!.path).toBe('respondent');
      expect((await refused(send({ ratings: [] }), 400)).problems).toEqual([{ path: 'ratings', message: da('ratings_required') }]);
    });

    it('answers 404 to someone outside the team, a manager, an analyst and an administrator, writes nothing and audits the refusal', async () => {
      for (const s of [as.outsider, as.manager, as.analyst, as.admin]) {
        const error = await refused(() => call(s, 'POST', url('plan/ratings'), { date: today, respondent: 'coordinator', ratings: [{ goalId: goals[0], value: 5 }] }), 404);
        expect(error.code).toBe('family_not_found');
      }
      const denied = await lastEvent('access.denied');
      expect(denied).toMatchObject({ targetId: fam.id, outcome: 'denied' });
      expect(denied.details).toMatchObject({ attempted: 'family.register_intervention' });
    });
  });

  describe('assessments', () => {
    it('records the experience questionnaire for the family and lists it', async () => {
      const res = await call(as.coordinator, 'POST', url('assessments'), { instrument: 'experience', date: today, respondent: 'family', answers: EXPERIENCE });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ instrument: 'experience', instrumentVersion: 1, personId: null, respondent: 'family', answers: EXPERIENCE, score: 4.2, recordedByName: 'Karin Kærgård' });
      const e = await lastEvent('assessment.create');
      expect(e.personIds.sort()).toEqual([parent, child].sort());
      expect(e.details).toMatchObject({ instrument: 'experience', instrumentVersion: 1, date: today });
    });

    it("records a parent's WHO-5 and shows its score as the raw sum × 4", async () => {
      const res = await call(as.team, 'POST', url('assessments'), { instrument: 'who5', personId: parent, date: today, respondent: 'family', answers: WHO5 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ instrument: 'who5', personId: parent, score: 60 });
      expect((await lastEvent('assessment.create')).personIds).toEqual([parent]);
      const list = await call(as.coordinator, 'GET', url('assessments'));
      expect(list.statusCode).toBe(200);
      const body = list.json() as { assessments: Array<{ instrument: string; score: number | null }>; can: { record: boolean } };
      expect(body.can).toEqual({ record: true });
      expect(body.assessments.find((a) => a.instrument === 'who5')!.score).toBe(60);
      expect(body.assessments.find((a) => a.instrument === 'experience')!.score).toBe(4.2);
      expect((await lastEvent('assessment.read')).personIds.sort()).toEqual([parent, child].sort());
    });

    it('records the life-domain assessment with 0–10 for each of the municipality’s domains', async () => {
      const res = await call(as.coordinator, 'POST', url('assessments'), { instrument: 'life_domains', date: today, respondent: 'coordinator', answers: ALL_DOMAINS });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().answers).toEqual(ALL_DOMAINS);
    });

    it('refuses WHO-5 without a parent, for a child, or answered by someone else than the parent', async () => {
      const send = (body: object) => () => call(as.coordinator, 'POST', url('assessments'), { instrument: 'who5', personId: parent, date: today, respondent: 'family', answers: WHO5, ...body });
      expect((await refused(send({ personId: undefined }), 400)).problems).toEqual([{ path: 'personId', message: da('who5_parent_only') }]);
      expect((await refused(send({ personId: child }), 400)).problems).toEqual([{ path: 'personId', message: da('who5_parent_only') }]);
      expect((await refused(send({ personId: other.personIds[0] }), 400)).problems).toEqual([{ path: 'personId', message: da('unknown_person') }]);
      expect((await refused(send({ respondent: 'coordinator' }), 400)).problems).toEqual([{ path: 'respondent', message: da('respondent_family_only') }]);
    });

    it('refuses answers that are not exactly the version’s items in their ranges, listing every problem', async () => {
      const send = (body: object) => () => call(as.coordinator, 'POST', url('assessments'), { instrument: 'experience', date: today, respondent: 'family', ...body });
      const { knowsPlan: _dropped, ...missing } = EXPERIENCE;
      const error = await refused(send({ answers: { ...missing, ownGoals: 0, listenedTo: 6, favouriteColour: 3 } }), 400);
      expect(error.problems).toEqual([
        { path: 'answers.knowsPlan', message: da('answer_required') },
        { path: 'answers.ownGoals', message: da('answer_range_1_5') },
        { path: 'answers.listenedTo', message: da('answer_range_1_5') },
        { path: 'answers.favouriteColour', message: da('unknown_item') },
      ]);
      expect((await refused(send({ answers: { ...EXPERIENCE, oneEntry: 2.5 } }), 400)).problems).toEqual([{ path: 'answers.oneEntry', message: da('answer_range_1_5') }]);
      expect((await refused(send({ answers: EXPERIENCE, personId: parent }), 400)).problems).toEqual([{ path: 'personId', message: da('family_instrument_no_person') }]);
      expect((await refused(send({ answers: EXPERIENCE, respondent: 'professional' }), 400)).problems).toEqual([{ path: 'respondent', message: da('respondent_family_only') }]);
      expect((await refused(send({ answers: EXPERIENCE, date: tomorrow }), 400)).problems).toEqual([{ path: 'date', message: da('date_in_future') }]);
      const who5 = await refused(() => call(as.coordinator, 'POST', url('assessments'), { instrument: 'who5', personId: parent, date: today, respondent: 'family', answers: { ...WHO5, calm: 6 } }), 400);
      expect(who5.problems).toEqual([{ path: 'answers.calm', message: da('answer_range_0_5') }]);
      const { economy: _e, ...withoutEconomy } = ALL_DOMAINS;
      const domains = await refused(
        () => call(as.coordinator, 'POST', url('assessments'), { instrument: 'life_domains', date: today, respondent: 'family', answers: { ...withoutEconomy, housing: 11 } }),
        400,
      );
      expect(domains.problems).toEqual([
        { path: 'answers.economy', message: da('answer_required') },
        { path: 'answers.housing', message: da('answer_range_0_10') },
      ]);
    });

    it('shows the assessments to a manager without the right to record, and to nobody outside the family', async () => {
      const list = await call(as.manager, 'GET', url('assessments'));
      expect(list.statusCode).toBe(200);
      expect(list.json().can).toEqual({ record: false });
      await refused(() => call(as.manager, 'POST', url('assessments'), { instrument: 'experience', date: today, respondent: 'family', answers: EXPERIENCE }), 404);
      for (const s of [as.outsider, as.analyst, as.admin]) {
        expect((await call(s, 'GET', url('assessments'))).statusCode).toBe(404);
        await refused(() => call(s, 'POST', url('assessments'), { instrument: 'experience', date: today, respondent: 'family', answers: EXPERIENCE }), 404);
      }
    });
  });

  describe('support-status periods', () => {
    let first: string;
    let second: string;

    it('records periods for an adult, one after the other, and audits each', async () => {
      const a = await call(as.coordinator, 'POST', url('support-periods'), { personId: parent, status: 'kontanthjaelp', from: '2023-01-01', to: '2023-06-30' });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({ personId: parent, status: 'kontanthjaelp', from: '2023-01-01', to: '2023-06-30' });
      first = a.json().id;
      const b = await call(as.team, 'POST', url('support-periods'), { personId: parent, status: 'employed', from: '2023-07-01' });
      expect(b.statusCode, b.body).toBe(201);
      expect(b.json().to).toBeNull();
      second = b.json().id;
      const e = await lastEvent('support_period.create');
      expect(e).toMatchObject({ targetId: fam.id, personIds: [parent] });
      expect(e.details).toMatchObject({ periodId: second, after: { status: 'employed', from: '2023-07-01', to: null } });
    });

    it('refuses a period that overlaps another of the same person, naming the clashing period, and writes nothing', async () => {
      const error = await refused(() => call(as.coordinator, 'POST', url('support-periods'), { personId: parent, status: 'sygedagpenge', from: '2023-06-01', to: '2023-06-15' }), 409);
      expect(error.code).toBe('support_period_overlap');
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]!.path).toBe('from');
      expect(error.problems[0]!.message).toContain('Kontanthjælp 01.01.2023 – 30.06.2023');
      expect(error.problems[0]!.message).toContain('Amina Søndergård');
      const open = await refused(() => call(as.coordinator, 'POST', url('support-periods'), { personId: parent, status: 'fleksjob', from: '2030-01-01' }), 409);
      expect(open.problems[0]!.message).toContain('Lønmodtager 01.07.2023 – …');
      const english = await app.inject({
        method: 'POST',
        url: url('support-periods'),
        headers: { ...as.coordinator.headers, 'accept-language': 'en' },
        payload: { personId: parent, status: 'fleksjob', from: '2022-12-31', to: '2023-01-01' },
      });
      expect(english.statusCode).toBe(409);
      expect(english.json().error.problems[0].message).toContain('Social assistance (kontanthjælp) 01/01/2023 – 30/06/2023');
    });

    it('changes and ends a period, refusing a change that would overlap the next one', async () => {
      const clash = await refused(() => call(as.coordinator, 'PATCH', url(`support-periods/${first}`), { to: '2023-07-15' }), 409);
      expect(clash.problems[0]!.message).toContain('Lønmodtager 01.07.2023 – …');
      const changed = await call(as.coordinator, 'PATCH', url(`support-periods/${first}`), { status: 'uddannelseshjaelp', to: '2023-05-31' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ status: 'uddannelseshjaelp', from: '2023-01-01', to: '2023-05-31' });
      const e = await lastEvent('support_period.update');
      expect(e.details).toMatchObject({ before: { status: 'kontanthjaelp', to: '2023-06-30' }, after: { status: 'uddannelseshjaelp', to: '2023-05-31' } });
      const ended = await call(as.coordinator, 'PATCH', url(`support-periods/${second}`), { to: '2024-01-31' });
      expect(ended.json()).toMatchObject({ to: '2024-01-31' });
      const moved = await call(as.coordinator, 'PATCH', url(`support-periods/${second}`), { from: '2023-06-01' });
      expect(moved.statusCode, moved.body).toBe(200);
    });

    it('lets only one of two overlapping periods sent at the same moment in', async () => {
      const fresh = await buildFamily(database.db, m.municipality, { coordinator, members: [{ role: 'parent', givenName: 'Samtidig' }], status: 'active' });
      const send = (status: string, from: string) => call(as.coordinator, 'POST', url('support-periods', fresh.id), { personId: fresh.personIds[0], status, from });
      const answers = await Promise.all([send('fleksjob', '2024-01-01'), send('sygedagpenge', '2024-02-01')]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const rows = await asSystem(database.db, (tx) => tx.select().from(supportStatusPeriod).where(eq(supportStatusPeriod.personId, fresh.personIds[0]!)));
      expect(rows).toHaveLength(1);
    });

    it('refuses an end before the start, a child, a person outside the family and an unknown code', async () => {
      const send = (body: object) => () => call(as.coordinator, 'POST', url('support-periods'), { personId: parent, status: 'fleksjob', from: '2025-03-01', ...body });
      expect((await refused(send({ to: '2025-02-28' }), 400)).problems).toEqual([{ path: 'to', message: da('end_before_start') }]);
      expect((await refused(send({ personId: child }), 400)).problems).toEqual([{ path: 'personId', message: da('not_an_adult') }]);
      expect((await refused(send({ personId: other.personIds[0] }), 400)).problems).toEqual([{ path: 'personId', message: da('unknown_person') }]);
      expect((await refused(send({ status: 'lottery' }), 400)).problems[0]!.path).toBe('status');
      expect((await refused(send({ from: '2025-02-30' }), 400)).problems).toEqual([{ path: 'from', message: da('date') }]);
      expect((await refused(() => call(as.coordinator, 'PATCH', url(`support-periods/${first}`), { from: '2023-06-01' }), 400)).problems).toEqual([
        { path: 'to', message: da('end_before_start') },
      ]);
    });

    it("answers 404 for a period of another family's person, an unknown id, and a period seen through the wrong family", async () => {
      const theirs = await call(as.coordinator, 'POST', url('support-periods', other.id), { personId: other.personIds[0], status: 'employed', from: '2020-01-01' });
      expect(theirs.statusCode).toBe(201);
      const id = theirs.json().id as string;
      expect((await refused(() => call(as.coordinator, 'PATCH', url(`support-periods/${id}`), { to: '2021-01-01' }), 404)).code).toBe('measurement_not_found');
      expect((await refused(() => call(as.coordinator, 'DELETE', url(`support-periods/${id}`)), 404)).code).toBe('measurement_not_found');
      expect((await refused(() => call(as.coordinator, 'DELETE', url('support-periods/not-an-id')), 404)).code).toBe('measurement_not_found');
    });

    it('refuses someone outside the team, a manager, an analyst and an administrator with 404 and writes nothing', async () => {
      for (const s of [as.outsider, as.manager, as.analyst, as.admin]) {
        await refused(() => call(s, 'POST', url('support-periods'), { personId: parent, status: 'fleksjob', from: '2025-03-01' }), 404);
        await refused(() => call(s, 'PATCH', url(`support-periods/${second}`), { to: '2024-02-01' }), 404);
        await refused(() => call(s, 'DELETE', url(`support-periods/${second}`)), 404);
      }
    });

    it('deletes a period and audits what it held', async () => {
      const res = await call(as.coordinator, 'DELETE', url(`support-periods/${first}`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      const rows = await asSystem(database.db, (tx) => tx.select().from(supportStatusPeriod).where(eq(supportStatusPeriod.id, first)));
      expect(rows).toEqual([]);
      const e = await lastEvent('support_period.delete');
      expect(e).toMatchObject({ personIds: [parent] });
      expect(e.details).toMatchObject({ periodId: first, before: { status: 'uddannelseshjaelp', from: '2023-01-01', to: '2023-05-31' } });
    });
  });

  describe("the children's outcomes", () => {
    it('records, changes and deletes a child-welfare period with its legal basis', async () => {
      const res = await call(as.coordinator, 'POST', url('child-welfare-periods'), { personId: child, kind: 'investigation', from: '2022-02-01', legalBasis: 'Barnets lov § 20' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'investigation', from: '2022-02-01', to: null, legalBasis: 'Barnets lov § 20' });
      const id = res.json().id as string;
      expect((await lastEvent('child_welfare.create')).personIds).toEqual([child]);
      const ended = await call(as.coordinator, 'PATCH', url(`child-welfare-periods/${id}`), { to: '2022-06-01' });
      expect(ended.json()).toMatchObject({ to: '2022-06-01', legalBasis: 'Barnets lov § 20' });
      expect((await lastEvent('child_welfare.update')).details).toMatchObject({ before: { to: null }, after: { to: '2022-06-01' } });
      expect((await refused(() => call(as.coordinator, 'PATCH', url(`child-welfare-periods/${id}`), { to: '2022-01-01' }), 400)).problems).toEqual([
        { path: 'to', message: da('end_before_start') },
      ]);
      expect((await refused(() => call(as.coordinator, 'POST', url('child-welfare-periods'), { personId: parent, kind: 'measure', from: '2022-02-01' }), 400)).problems).toEqual([
        { path: 'personId', message: da('not_a_child') },
      ]);
      await refused(() => call(as.coordinator, 'POST', url('child-welfare-periods'), { personId: child, kind: 'prison', from: '2022-02-01' }), 400);
      await refused(() => call(as.outsider, 'POST', url('child-welfare-periods'), { personId: child, kind: 'measure', from: '2022-02-01' }), 404);
      expect((await call(as.coordinator, 'DELETE', url(`child-welfare-periods/${id}`))).statusCode).toBe(200);
      expect((await lastEvent('child_welfare.delete')).details).toMatchObject({ periodId: id, before: { kind: 'investigation' } });
    });

    it('records a concern report, refusing one dated in the future, and deletes it', async () => {
      const res = await call(as.team, 'POST', url('concern-reports'), { personId: child, date: '2021-11-15', source: 'school' });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      expect((await lastEvent('concern_report.create')).details).toMatchObject({ after: { date: '2021-11-15', source: 'school' } });
      expect((await refused(() => call(as.coordinator, 'POST', url('concern-reports'), { personId: child, date: tomorrow, source: 'police' }), 400)).problems).toEqual([
        { path: 'date', message: da('date_in_future') },
      ]);
      expect((await refused(() => call(as.coordinator, 'POST', url('concern-reports'), { personId: child, date: today, source: '' }), 400)).problems[0]!.path).toBe('source');
      const changed = await call(as.coordinator, 'PATCH', url(`concern-reports/${id}`), { source: 'health_visitor' });
      expect(changed.json()).toMatchObject({ date: '2021-11-15', source: 'health_visitor' });
      await refused(() => call(as.analyst, 'DELETE', url(`concern-reports/${id}`)), 404);
      expect((await call(as.coordinator, 'DELETE', url(`concern-reports/${id}`))).statusCode).toBe(200);
      expect((await lastEvent('concern_report.delete')).personIds).toEqual([child]);
    });

    it('records school attendance as absence in percent over a finished period', async () => {
      const res = await call(as.coordinator, 'POST', url('school-attendance'), { personId: child, from: '2023-08-01', to: '2023-12-20', absencePercent: 12.5 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ absencePercent: 12.5 });
      const id = res.json().id as string;
      const send = (body: object) => () => call(as.coordinator, 'POST', url('school-attendance'), { personId: child, from: '2024-01-01', to: '2024-03-31', absencePercent: 5, ...body });
      expect((await refused(send({ absencePercent: 101 }), 400)).problems).toEqual([{ path: 'absencePercent', message: da('percent_range') }]);
      expect((await refused(send({ absencePercent: -1 }), 400)).problems).toEqual([{ path: 'absencePercent', message: da('percent_range') }]);
      expect((await refused(send({ to: '2023-12-31' }), 400)).problems).toEqual([{ path: 'to', message: da('end_before_start') }]);
      expect((await refused(send({ to: tomorrow }), 400)).problems).toEqual([{ path: 'to', message: da('date_in_future') }]);
      expect((await refused(send({ personId: parent }), 400)).problems).toEqual([{ path: 'personId', message: da('not_a_child') }]);
      const changed = await call(as.coordinator, 'PATCH', url(`school-attendance/${id}`), { absencePercent: 9 });
      expect(changed.json()).toMatchObject({ from: '2023-08-01', to: '2023-12-20', absencePercent: 9 });
      expect((await lastEvent('school_attendance.update')).details).toMatchObject({ before: { absencePercent: 12.5 }, after: { absencePercent: 9 } });
    });
  });

  describe('the Målinger page', () => {
    it('gathers the members and everything recorded about them in one audited read', async () => {
      const res = await call(as.coordinator, 'GET', url('measurements'));
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.members).toEqual([
        { personId: parent, name: 'Amina Søndergård', role: 'parent', adult: true, child: false, parent: true },
        { personId: child, name: 'Yusuf Søndergård', role: 'child', adult: false, child: true, parent: false },
      ]);
      expect(body.lifeDomains).toEqual(DEFAULT_LIFE_DOMAINS.map((d) => d.code));
      expect(body.supportPeriods).toEqual([expect.objectContaining({ personId: parent, status: 'employed', from: '2023-06-01', to: '2024-01-31' })]);
      expect(body.schoolAttendance).toEqual([expect.objectContaining({ personId: child, absencePercent: 9 })]);
      expect(body.childWelfarePeriods).toEqual([]);
      expect(body.concernReports).toEqual([]);
      expect(body.assessments.map((a: { instrument: string }) => a.instrument).sort()).toEqual(['experience', 'life_domains', 'who5']);
      expect(body.can).toEqual({ record: true });
      const e = await lastEvent('measurement.read');
      expect(e).toMatchObject({ actorUserId: coordinator.id, targetId: fam.id });
      expect(e.personIds.sort()).toEqual([parent, child].sort());
      expect(e.details).toMatchObject({ supportPeriods: 1, schoolAttendance: 1, assessments: 3 });
    });

    it('is read-only for a manager and not found for anyone outside the family', async () => {
      expect((await call(as.manager, 'GET', url('measurements'))).json().can).toEqual({ record: false });
      for (const s of [as.outsider, as.analyst, as.admin]) {
        const res = await call(s, 'GET', url('measurements'));
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('family_not_found');
      }
    });
  });

  describe("the municipality's public-support set", () => {
    it('starts as the jobindsats.dk list, and an administrator changes it, audited before and after', async () => {
      const start = await call(as.admin, 'GET', '/api/v1/admin/settings');
      expect(start.statusCode).toBe(200);
      expect(start.json().publicSupportStatuses).toEqual([...DEFAULT_PUBLIC_SUPPORT]);
      const mfaRequiredRoles = start.json().mfaRequiredRoles as string[];
      const res = await call(as.admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles, publicSupportStatuses: ['barselsdagpenge', 'kontanthjaelp', 'education_su'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ mfaRequiredRoles, publicSupportStatuses: ['education_su', 'kontanthjaelp', 'barselsdagpenge'] });
      expect((await call(as.admin, 'GET', '/api/v1/admin/settings')).json().publicSupportStatuses).toEqual(['education_su', 'kontanthjaelp', 'barselsdagpenge']);
      const e = await lastEvent('settings.update');
      expect(e.details).toMatchObject({ after: { publicSupportStatuses: ['education_su', 'kontanthjaelp', 'barselsdagpenge'] } });
      // Saving only the second-factor roles leaves the set as it is.
      const again = await call(as.admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles });
      expect(again.json().publicSupportStatuses).toEqual(['education_su', 'kontanthjaelp', 'barselsdagpenge']);
      const back = await call(as.admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles, publicSupportStatuses: [...DEFAULT_PUBLIC_SUPPORT] });
      expect(back.json().publicSupportStatuses).toEqual([...DEFAULT_PUBLIC_SUPPORT]);
    });

    it('refuses an unknown code and anyone but an administrator', async () => {
      const mfaRequiredRoles = (await call(as.admin, 'GET', '/api/v1/admin/settings')).json().mfaRequiredRoles;
      const bad = await call(as.admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles, publicSupportStatuses: ['lottery'] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.problems[0].path).toBe('publicSupportStatuses.0');
      for (const s of [as.coordinator, as.manager, as.analyst]) {
        expect((await call(s, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles, publicSupportStatuses: [] })).statusCode).toBe(403);
      }
      expect((await call(as.admin, 'GET', '/api/v1/admin/settings')).json().publicSupportStatuses).toEqual([...DEFAULT_PUBLIC_SUPPORT]);
    });
  });

  it('documents every measurement route in the OpenAPI document', async () => {
    const spec = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/families/{familyId}/plan/ratings',
        '/api/v1/families/{familyId}/assessments',
        '/api/v1/families/{familyId}/measurements',
        '/api/v1/families/{familyId}/support-periods',
        '/api/v1/families/{familyId}/support-periods/{recordId}',
        '/api/v1/families/{familyId}/child-welfare-periods/{recordId}',
        '/api/v1/families/{familyId}/concern-reports/{recordId}',
        '/api/v1/families/{familyId}/school-attendance/{recordId}',
      ]),
    );
  });
});
