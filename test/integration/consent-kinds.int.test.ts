import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { DEFAULT_LIFE_DOMAINS } from '../../src/shared/plans.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { assessment, childWelfarePeriod, supportStatusPeriod } from '../../src/server/modules/measurements/measurements.table.js';
import { interventionType } from '../../src/server/modules/interventions/interventions.table.js';
import { goalRating, planGoal } from '../../src/server/modules/plans/plans.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const WHO5 = { cheerful: 5, calm: 4, active: 3, rested: 2, interested: 1 };
const ALL_DOMAINS = Object.fromEntries(DEFAULT_LIFE_DOMAINS.map((d, i) => [d.code, i % 11]));

/**
 * Decision 0017: a team member from another department sees a kind of information only when a consent in force
 * names both their department and that kind; the coordinator sees everything.
 */
describe.skipIf(!!dbSkipReason)(`consent kinds narrow what the team sees and records (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let as: Record<'coordinator' | 'team', Session>;
  let teamUserId: string;
  let fam: BuiltFamily;
  let parent: string;
  let child: string;
  let jobcenter: string;
  const goal: Record<'job' | 'debt' | 'parenting', string> = { job: '', debt: '', parenting: '' };
  let welfareId: string;

  const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
    app.inject({ method, url: `/api/v1/families/${fam.id}${path}`, headers: s.headers, ...(payload ? { payload } : {}) });
  const ok = async (s: Session, method: 'POST' | 'PUT', path: string, payload: object) => {
    const res = await call(s, method, path, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const draftVersion = async () => (await call(as.coordinator, 'GET', '/plan')).json().draftVersion as number;
  const familyVersion = async () => (await call(as.coordinator, 'GET', '')).json().data.version as number;
  const lastEvent = async (action: string) =>
    (
      await asSystem(database.db, (tx) =>
        tx
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action), eq(auditEvent.actorUserId, teamUserId)))
          .orderBy(auditEvent.seq),
      )
    ).at(-1)!;
  const counts = () =>
    asSystem(database.db, async (tx) => ({
      ratings: (await tx.select().from(goalRating).where(eq(goalRating.familyId, fam.id))).length,
      assessments: (await tx.select().from(assessment).where(eq(assessment.familyId, fam.id))).length,
      support: (await tx.select().from(supportStatusPeriod).where(inArray(supportStatusPeriod.personId, [parent, child]))).length,
      welfare: (await tx.select().from(childWelfarePeriod).where(inArray(childWelfarePeriod.personId, [parent, child]))).length,
      goals: (await tx.select().from(planGoal).where(eq(planGoal.familyId, fam.id))).map((g) => `${g.title}|${g.domain}|${g.removedAt === null}`).sort(),
    }));

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '617' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    jobcenter = await departmentId(database.db, mu, 'jobcenter');
    const coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    const team = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    teamUserId = team.id;
    as = { coordinator: await loginAs(app, database.db, coordinator), team: await loginAs(app, database.db, team) };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Holm', birthDate: '1985-03-03' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Holm', birthDate: '2015-05-05' },
      ],
      team: [{ user: team, department: 'jobcenter' }],
      status: 'active',
    });
    [parent, child] = fam.personIds as [string, string];
    const addGoal = async (domain: string, title: string) =>
      ((await ok(as.coordinator, 'POST', '/plan/goals', { domain, horizon: 'short', title, draftVersion: await draftVersion() })).goals as Array<{ id: string; title: string }>).find(
        (g) => g.title === title,
      )!.id;
    goal.job = await addGoal('work_education', 'Et fast job');
    goal.debt = await addGoal('economy', 'Styr på gælden');
    goal.parenting = await addGoal('parenting', 'Rolige morgener');
    await ok(as.coordinator, 'PUT', '/plan/baseline', { domain: 'work_education', score: 3, text: 'Ledig', draftVersion: await draftVersion() });
    await ok(as.coordinator, 'PUT', '/plan/baseline', { domain: 'economy', score: 2, text: 'Gæld', draftVersion: await draftVersion() });
    await ok(as.coordinator, 'POST', '/support-periods', { personId: parent, status: 'kontanthjaelp', from: '2024-01-01' });
    welfareId = (await ok(as.coordinator, 'POST', '/child-welfare-periods', { personId: child, kind: 'investigation', from: '2024-02-01' })).id;
    await ok(as.coordinator, 'POST', '/assessments', { instrument: 'who5', personId: parent, date: today, respondent: 'family', answers: WHO5 });
    await ok(as.coordinator, 'POST', '/assessments', { instrument: 'life_domains', date: today, respondent: 'coordinator', answers: ALL_DOMAINS });
    // The consent: the jobcentre may share employment, nothing else.
    const res = await call(as.coordinator, 'POST', '/consents', {
      personId: parent,
      scope: { departmentIds: [jobcenter], kinds: ['employment'] },
      givenAt: addDays(today, -1),
      howGiven: 'written',
      version: await familyVersion(),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows a team member whose consent covers only employment only the employment goal and baseline, and counts the rest', async () => {
    const res = await call(as.team, 'GET', '/plan');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.goals.map((g: { id: string }) => g.id)).toEqual([goal.job]);
    expect(plan.baseline.map((b: { domain: string }) => b.domain)).toEqual(['work_education']);
    expect(plan.hiddenByConsent).toEqual({ goals: 2, baseline: 1 });
    const event = await lastEvent('plan.read');
    expect(event.details).toMatchObject({ goals: 1, goalIds: [goal.job], hiddenByConsent: { goals: 2, baseline: 1 } });
  });

  it("narrows the family overview's plan the same way, and its audit names only the goals shown", async () => {
    const res = await call(as.team, 'GET', '');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().data.plan;
    expect(plan.goals.map((g: { id: string }) => g.id)).toEqual([goal.job]);
    expect(plan.hiddenByConsent).toBe(2);
    expect((await lastEvent('family.read')).details).toMatchObject({ goalsShown: [goal.job], goalsHiddenByConsent: 2 });
  });

  it('shows the team member support periods but not child-welfare periods, WHO-5 or the uncovered life domains', async () => {
    const res = await call(as.team, 'GET', '/measurements');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.supportPeriods).toHaveLength(1);
    expect(view.childWelfarePeriods).toEqual([]);
    expect(view.assessments.map((a: { instrument: string }) => a.instrument)).toEqual(['life_domains']);
    expect(view.assessments[0].answers).toEqual({ work_education: ALL_DOMAINS.work_education });
    expect(view.assessments[0].score).toBeNull();
    expect(view.lifeDomains).toEqual(['work_education']);
    expect(view.hiddenByConsent).toEqual({ sections: ['childWelfarePeriods', 'concernReports', 'schoolAttendance', 'who5', 'experience', 'lifeDomains'], records: 2 });
    expect((await lastEvent('measurement.read')).details).toMatchObject({ supportPeriods: 1, childWelfarePeriods: 0, assessments: 1 });
    const list = (await call(as.team, 'GET', '/assessments')).json();
    expect(list.assessments.map((a: { instrument: string }) => a.instrument)).toEqual(['life_domains']);
    expect(list.hiddenByConsent.records).toBe(1);
  });

  it('shows the coordinator everything', async () => {
    const plan = (await call(as.coordinator, 'GET', '/plan')).json();
    expect(plan.goals).toHaveLength(3);
    expect(plan.hiddenByConsent).toEqual({ goals: 0, baseline: 0 });
    const view = (await call(as.coordinator, 'GET', '/measurements')).json();
    expect(view.childWelfarePeriods).toHaveLength(1);
    expect(view.assessments).toHaveLength(2);
    expect(view.hiddenByConsent).toEqual({ sections: [], records: 0 });
    expect((await call(as.coordinator, 'GET', '')).json().data.plan.goals).toHaveLength(3);
  });

  it('refuses the team member writes of kinds the consent does not cover, and writes nothing', async () => {
    const before = await counts();
    const welfare = await call(as.team, 'POST', '/child-welfare-periods', { personId: child, kind: 'measure', from: '2024-03-01' });
    expect(welfare.statusCode, welfare.body).toBe(403);
    expect(welfare.json().error.code).toBe('consent_kind_not_covered');
    expect(welfare.json().error.message).toMatch(/Samtykket dækker ikke/);
    expect((await call(as.team, 'POST', '/assessments', { instrument: 'who5', personId: parent, date: today, respondent: 'family', answers: WHO5 })).statusCode).toBe(403);
    expect((await call(as.team, 'POST', '/assessments', { instrument: 'life_domains', date: today, respondent: 'professional', answers: ALL_DOMAINS })).statusCode).toBe(403);
    expect((await call(as.team, 'PATCH', `/child-welfare-periods/${welfareId}`, { kind: 'measure' })).statusCode).toBe(404);
    expect((await call(as.team, 'DELETE', `/child-welfare-periods/${welfareId}`)).statusCode).toBe(404);
    const rating = await call(as.team, 'POST', '/plan/ratings', { date: today, respondent: 'professional', ratings: [{ goalId: goal.debt, value: 5 }] });
    expect(rating.statusCode, rating.body).toBe(400);
    expect(rating.json().error.problems).toEqual([{ path: 'ratings.0.goalId', message: expect.any(String) }]);
    const dv = await draftVersion();
    expect((await call(as.team, 'PATCH', `/plan/goals/${goal.debt}`, { title: 'Ændret', draftVersion: dv })).statusCode).toBe(404);
    expect((await call(as.team, 'DELETE', `/plan/goals/${goal.debt}?draftVersion=${dv}`)).statusCode).toBe(404);
    const add = await call(as.team, 'POST', '/plan/goals', { domain: 'economy', horizon: 'short', title: 'Nyt økonomimål', draftVersion: dv });
    expect(add.statusCode, add.body).toBe(400);
    expect(add.json().error.problems).toEqual([{ path: 'domain', message: expect.stringMatching(/Samtykket dækker ikke/) }]);
    expect(await counts()).toEqual(before);
    // The last refusal audited is the life-domain assessment's, naming the kinds it needed and the consent lacks.
    expect((await lastEvent('access.denied')).details).toMatchObject({ attempted: 'assessment.life_domains', notCovered: ['economy', 'housing', 'health', 'school_daycare', 'family_situation'] });
  });

  it('lets the team member record and rate what the consent covers', async () => {
    const rating = await call(as.team, 'POST', '/plan/ratings', { date: today, respondent: 'professional', ratings: [{ goalId: goal.job, value: 4 }] });
    expect(rating.statusCode, rating.body).toBe(201);
    const period = await call(as.team, 'POST', '/support-periods', { personId: parent, status: 'employed', from: '2023-01-01', to: '2023-12-31' });
    expect(period.statusCode, period.body).toBe(201);
  });

  it('shows the team member only the interventions of covered kinds or their own department, counts the rest, and refuses writes to the others', async () => {
    const mu = m.municipality;
    const children = await departmentId(database.db, mu, 'children_family');
    const type = async (code: string, category: string, department: string, per: 'month' | 'year') =>
      (
        await asSystem(database.db, (tx) =>
          tx.insert(interventionType).values({ municipalityId: mu.id, code, name: code, category, departmentId: department, priceAmount: 1200, pricePer: per, validFrom: '2020-01-01' }).returning({ id: interventionType.id }),
        )
      )[0]!.id;
    const placement = await type('anbringelse', 'placement', children, 'month');
    const mentor = await type('mentor_kind', 'employment_support', jobcenter, 'month');
    const treatment = await type('familiebehandling_kind', 'family_support', children, 'month');
    const register = (s: Session, body: object) => call(s, 'POST', '/interventions', { from: addDays(today, -10), ...body });
    const ids: Record<string, string> = {};
    for (const [key, typeId, personId] of [['placement', placement, child], ['mentor', mentor, parent], ['treatment', treatment, null]] as const) {
      const res = await register(as.coordinator, { typeId, personId });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    }
    const seen = (await call(as.team, 'GET', '/interventions')).json() as { current: Array<{ id: string }>; monthlyCostTotal: number; hiddenByConsent: number };
    expect(seen.current.map((i) => i.id)).toEqual([ids.mentor]);
    expect(seen.hiddenByConsent).toBe(2);
    expect(seen.monthlyCostTotal).toBe(1200);
    const overview = (await call(as.team, 'GET', '')).json().data.interventions as { current: Array<{ id: string }>; hiddenByConsent: number; overlaps: unknown[] };
    expect(overview.current.map((i) => i.id)).toEqual([ids.mentor]);
    expect(overview.hiddenByConsent).toBe(2);
    expect(JSON.stringify(overview)).not.toContain('Barnets lov');
    expect((await lastEvent('family.read')).details).toMatchObject({ interventionsHiddenByConsent: 2 });
    // The coordinator sees all three.
    const all = (await call(as.coordinator, 'GET', '/interventions')).json() as { current: Array<{ id: string }>; hiddenByConsent: number };
    expect(all.current.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
    expect(all.hiddenByConsent).toBe(0);
    // Writes to an intervention the team member may not see answer as for one that does not exist, and change nothing.
    const version = 1;
    for (const [path, body] of [[`/interventions/${ids.placement}/end`, { to: today, version }], [`/interventions/${ids.placement}/delete`, { reason: 'Forkert', version }]] as const) {
      const res = await call(as.team, 'POST', path, body);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code, path).toBe('intervention_not_found');
    }
    const link = await call(as.team, 'PUT', `/plan/goals/${goal.job}/interventions/${ids.placement}`, { draftVersion: await draftVersion() });
    expect(link.statusCode).toBe(404);
    expect(link.json().error.code).toBe('intervention_not_found');
    // Its own department's intervention the team member may link (the route is right, the refusal above is the consent's).
    expect((await call(as.team, 'PUT', `/plan/goals/${goal.job}/interventions/${ids.mentor}`, { draftVersion: await draftVersion() })).statusCode).toBe(200);
    // Registering: another department's intervention of an uncovered kind is refused; their own department's is not.
    const refused = await register(as.team, { typeId: placement, personId: child });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('consent_kind_not_covered');
    const own = await register(as.team, { typeId: treatment, personId: null, departmentId: jobcenter });
    expect(own.statusCode, own.body).toBe(201);
    const after = (await call(as.coordinator, 'GET', '/interventions')).json() as { current: Array<{ id: string; to: string | null }> };
    expect(after.current.find((i) => i.id === ids.placement)?.to).toBeNull();
    expect(after.current).toHaveLength(4);
  });

  it('shows more once a consent with more kinds is recorded', async () => {
    const res = await call(as.coordinator, 'POST', '/consents', {
      personId: parent,
      scope: { departmentIds: [jobcenter], kinds: ['economy', 'child_welfare'] },
      givenAt: addDays(today, -1),
      howGiven: 'written',
      version: await familyVersion(),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const plan = (await call(as.team, 'GET', '/plan')).json();
    expect(plan.goals.map((g: { id: string }) => g.id).sort()).toEqual([goal.job, goal.debt].sort());
    expect(plan.hiddenByConsent).toEqual({ goals: 1, baseline: 0 });
    const view = (await call(as.team, 'GET', '/measurements')).json();
    expect(view.childWelfarePeriods.map((p: { id: string }) => p.id)).toEqual([welfareId]);
    expect(view.assessments[0].answers).toEqual({ economy: ALL_DOMAINS.economy, work_education: ALL_DOMAINS.work_education });
    expect((await call(as.team, 'PATCH', `/child-welfare-periods/${welfareId}`, { kind: 'measure' })).statusCode).toBe(200);
  });
});
