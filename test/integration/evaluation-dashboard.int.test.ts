import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costInWindow, type Priced } from '../../src/shared/cost.js';
import { addMonths } from '../../src/shared/dates.js';
import type { EvaluationDashboardDto } from '../../src/shared/evaluation-dashboard.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import {
  buildChildWelfarePeriod,
  buildEnrolledFamily,
  buildExperienceAnswers,
  buildIntervention,
  buildRatedGoal,
  buildSupportPeriod,
} from '../support/evaluation-factories.js';
import { buildStaff, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const AS_OF = '2022-06-30';

interface Costed extends Priced {
  familyEnrolledAt: string;
  department: 'jobcenter' | 'children_family';
}

describe.skipIf(!!dbSkipReason)(`the evaluation dashboard (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let as: Record<'manager' | 'analyst' | 'coordinator', Session>;
  let managerId: string;
  let a: BuiltFamily;
  let b: BuiltFamily;
  /** Every priced intervention of the cost cohort, to compute the expected means with the shared arithmetic. */
  const costed: Costed[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '187' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    managerId = manager.id;
    const analyst = await buildUser(database.db, mu, { roles: ['analyst'], mfa: true });
    as = {
      manager: await loginAs(app, database.db, manager),
      analyst: await loginAs(app, database.db, analyst),
      coordinator: await loginAs(app, database.db, coordinator),
    };

    const members = [
      { role: 'parent' as const, sex: 'female' as const },
      { role: 'parent' as const, sex: 'male' as const },
      { role: 'child' as const },
    ];
    // Two families of 2020-Q1, one of 2020-Q2 without interventions, one of 2021-Q2; all four in the cost cohort at T.
    a = await buildEnrolledFamily(database.db, mu, { coordinator, enrolledAt: '2020-01-01', members });
    b = await buildEnrolledFamily(database.db, mu, { coordinator, enrolledAt: '2020-02-15', members });
    const c = await buildEnrolledFamily(database.db, mu, { coordinator, enrolledAt: '2021-06-01', members });
    await buildEnrolledFamily(database.db, mu, { coordinator, enrolledAt: '2020-05-01', members });
    // Enrolled after T: in nothing.
    const late = await buildEnrolledFamily(database.db, mu, { coordinator, enrolledAt: '2022-07-01', members });

    const priced = async (f: BuiltFamily, enrolledAt: string, department: Costed['department'], p: Priced) => {
      await buildIntervention(database.db, mu, { familyId: f.id, department, from: p.from, to: p.to, price: p.price, hoursPerWeek: p.hoursPerWeek });
      costed.push({ ...p, familyEnrolledAt: enrolledAt, department });
    };
    await priced(a, '2020-01-01', 'jobcenter', { from: '2019-07-01', to: '2020-06-30', price: { amount: 1000, per: 'month' } });
    await priced(a, '2020-01-01', 'children_family', { from: '2020-03-01', to: '2020-03-01', price: { amount: 5000, per: 'once' } });
    await priced(b, '2020-02-15', 'children_family', { from: '2020-01-01', to: '2020-01-31', price: { amount: 200, per: 'day' } });
    await priced(b, '2020-02-15', 'children_family', { from: '2020-02-15', to: null, price: { amount: 400, per: 'hour' }, hoursPerWeek: 2 });
    await priced(c, '2021-06-01', 'jobcenter', { from: '2021-01-01', to: '2021-12-31', price: { amount: 700, per: 'week' } });
    await buildIntervention(database.db, mu, { familyId: late.id, department: 'jobcenter', from: '2022-01-01', to: null, price: { amount: 99_999, per: 'month' } });

    // Self-support: A's mother from kontanthjælp to work; B's father self-supporting throughout.
    await buildSupportPeriod(database.db, mu, a.personIds[0]!, 'kontanthjaelp', '2019-01-01', '2020-12-31');
    await buildSupportPeriod(database.db, mu, a.personIds[0]!, 'employed', '2021-01-01', null);
    await buildSupportPeriod(database.db, mu, b.personIds[1]!, 'employed', '2018-01-01', null);
    // Children: A's child left the system, B's child is still placed.
    await buildChildWelfarePeriod(database.db, mu, a.personIds[2]!, 'measure', '2019-06-01', '2021-03-31');
    await buildChildWelfarePeriod(database.db, mu, b.personIds[2]!, 'placement', '2020-06-01', null);
    // Goals: A closer (3 → 6; the coordinator's 0 does not count), B not (5 → 4).
    await buildRatedGoal(database.db, mu, a.id, [
      { date: '2020-03-01', value: 3 },
      { date: '2020-09-01', value: 6 },
      { date: '2020-12-01', value: 0, respondent: 'coordinator' },
    ]);
    await buildRatedGoal(database.db, mu, b.id, [
      { date: '2020-04-01', value: 5 },
      { date: '2020-04-01', value: 5 },
      { date: '2021-01-10', value: 4 },
    ]);
    await buildExperienceAnswers(database.db, mu, a.id, '2021-01-01', { knowsPlan: 4, ownGoals: 4, oneEntry: 4, workTogether: 4, listenedTo: 4 });
    await buildExperienceAnswers(database.db, mu, b.id, '2021-02-01', { knowsPlan: 2, ownGoals: 3, oneEntry: 5, workTogether: 1, listenedTo: 5 });
    await buildExperienceAnswers(database.db, mu, b.id, '2023-01-01', { knowsPlan: 5, ownGoals: 5, oneEntry: 5, workTogether: 5, listenedTo: 5 });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (who: keyof typeof as, url: string) => app.inject({ method: 'GET', url, headers: as[who].headers });
  const dashboardOf = async (who: keyof typeof as): Promise<EvaluationDashboardDto> => {
    const res = await get(who, `/api/v1/evaluation/dashboard?asOf=${AS_OF}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** Mean cost per cohort family of one department's interventions in the window before or during. */
  function expectedMean(department: Costed['department'], kind: 'before' | 'during', n: number): number {
    const total = costed
      .filter((x) => x.department === department)
      .reduce((sum, x) => {
        const e = x.familyEnrolledAt;
        return sum + (kind === 'before' ? costInWindow(x, addMonths(e, -12), e) : costInWindow(x, e, addMonths(e, 12)));
      }, 0);
    return total / n;
  }

  it('gives an analyst the cost per family before and during by department, exactly, computed as DESIGN.md says', async () => {
    const d = await dashboardOf('analyst');
    expect(d.exact).toBe(true);
    const byName = Object.fromEntries(d.costsByDepartment.map((r) => [r.departmentName, r]));
    expect(Object.keys(byName).sort()).toEqual(['Børne- og Familieafdelingen', 'Jobcenter']);
    const job = byName.Jobcenter!;
    const cf = byName['Børne- og Familieafdelingen']!;
    expect(job).toMatchObject({ n: 4, families: 2, suppressed: false });
    expect(cf).toMatchObject({ n: 4, families: 2, suppressed: false });
    // Pinned by hand: 184 days at 1000/month before A's enrolment, 151 days at 700/week before C's.
    expect(job.beforeMean).toBeCloseTo((1000 * 184) / 30.4375 / 4 + (700 * 151) / 7 / 4, 6);
    // 182 days of 2020 for A, 214 days of 2021 for C.
    expect(job.duringMean).toBeCloseTo((1000 * 182) / 30.4375 / 4 + (700 * 214) / 7 / 4, 6);
    // B's 31 days at 200 before; A's one-off 5000 and B's 366 days at 2 hours × 400 a week during.
    expect(cf.beforeMean).toBeCloseTo((31 * 200) / 4, 6);
    expect(cf.duringMean).toBeCloseTo((5000 + (400 * 2 * 366) / 7) / 4, 6);
    for (const dept of ['jobcenter', 'children_family'] as const) {
      const row = dept === 'jobcenter' ? job : cf;
      expect(row.beforeMean).toBeCloseTo(expectedMean(dept, 'before', 4), 6);
      expect(row.duringMean).toBeCloseTo(expectedMean(dept, 'during', 4), 6);
    }
  });

  it('adds the departments up to the costs KPI', async () => {
    const d = await dashboardOf('analyst');
    expect(d.kpis.costs.n).toBe(4);
    const sum = (k: 'beforeMean' | 'duringMean') => d.costsByDepartment.reduce((s, r) => s + (r[k] ?? 0), 0);
    expect(d.kpis.costs.beforeMean).toBeCloseTo(sum('beforeMean'), 6);
    expect(d.kpis.costs.duringMean).toBeCloseTo(sum('duringMean'), 6);
  });

  it('gives the KPIs of each enrolment quarter', async () => {
    const d = await dashboardOf('analyst');
    expect(d.cohorts.map((c) => c.quarter)).toEqual(['2020-Q1', '2020-Q2', '2021-Q2']);
    const q1 = d.cohorts[0]!;
    expect(q1.families).toEqual({ enrolled: 2, completed: 0, suppressed: false });
    expect(q1.goalProgress).toEqual({ n: 2, closer: 1, share: 0.5, suppressed: false });
    expect(q1.selfSupport).toEqual({ n: 2, baseline: 1, followUp: 2, baselineShare: 0.5, followUpShare: 1, suppressed: false });
    expect(q1.childrenOutOfSystem).toEqual({ n: 2, out: 1, share: 0.5, suppressed: false });
    // 2021-Q2 is too young for the 24-month measures.
    expect(d.cohorts[2]!.selfSupport).toMatchObject({ n: 0, baselineShare: null });
  });

  it("gives the trend of the families' own ratings per quarter and the experience questionnaire up to T", async () => {
    const d = await dashboardOf('analyst');
    expect(d.ratingTrend).toEqual([
      { quarter: '2020-Q1', families: 1, ratings: 1, meanRating: 3, suppressed: false },
      { quarter: '2020-Q2', families: 1, ratings: 2, meanRating: 5, suppressed: false },
      { quarter: '2020-Q3', families: 1, ratings: 1, meanRating: 6, suppressed: false },
      { quarter: '2021-Q1', families: 1, ratings: 1, meanRating: 4, suppressed: false },
    ]);
    const item = (name: string) => d.experience.find((e) => e.item === name);
    expect(d.experience.map((e) => e.item)).toEqual(['knowsPlan', 'ownGoals', 'oneEntry', 'workTogether', 'listenedTo']);
    expect(item('knowsPlan')).toEqual({ item: 'knowsPlan', families: 2, answers: 2, mean: 3, suppressed: false });
    expect(item('workTogether')?.mean).toBe(2.5);
  });

  it('hides counts of 1–4 from a manager as "<5", with the shares and means from them as null and flagged', async () => {
    const d = await dashboardOf('manager');
    expect(d.exact).toBe(false);
    expect(d.kpis.families).toMatchObject({ enrolled: '<5', suppressed: true });
    expect(d.kpis.costs).toEqual({ n: '<5', beforeMean: null, duringMean: null, suppressed: true });
    expect(d.costsByDepartment.every((r) => r.n === '<5' && r.beforeMean === null && r.duringMean === null && r.suppressed)).toBe(true);
    expect(d.cohorts[0]!.goalProgress).toEqual({ n: '<5', closer: '<5', share: null, suppressed: true });
    expect(d.ratingTrend[0]).toEqual({ quarter: '2020-Q1', families: '<5', ratings: '<5', meanRating: null, suppressed: true });
    expect(JSON.stringify(d)).not.toMatch(/"(n|families|enrolled|closer|out|baseline|followUp|before|after|ratings|answers)":[1-4][,}]/);
  });

  it('records the read as an aggregate read naming no person', async () => {
    await dashboardOf('manager');
    const [event] = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'evaluation.dashboard_read')))
        .orderBy(desc(auditEvent.seq))
        .limit(1),
    );
    expect(event).toMatchObject({ actorUserId: managerId, outcome: 'success', personIds: [] });
    expect(event!.details).toMatchObject({ asOf: AS_OF, exact: false });
  });

  it('refuses a coordinator, and records the refusal', async () => {
    for (const url of [`/api/v1/evaluation/dashboard?asOf=${AS_OF}`, `/api/v1/evaluation/kpis.csv?asOf=${AS_OF}`, `/api/v1/evaluation/kpis.xlsx?asOf=${AS_OF}`]) {
      const res = await get('coordinator', url);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const denied = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'access.denied'), eq(auditEvent.actorUserId, coordinator.id))),
    );
    expect(denied.map((e) => (e.details as { attempted: string }).attempted).sort()).toEqual(['evaluation.dashboard_read', 'evaluation.kpis_download', 'evaluation.kpis_download']);
  });

  it('documents the dashboard and the downloads in the OpenAPI document', async () => {
    const spec = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/evaluation/dashboard', '/api/v1/evaluation/kpis.csv', '/api/v1/evaluation/kpis.xlsx']),
    );
  });

  it('refuses an evaluation date that is not a date', async () => {
    const res = await get('analyst', '/api/v1/evaluation/dashboard?asOf=2022-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].path).toBe('asOf');
  });

  it('downloads the KPI table as CSV for Danish Excel: BOM, semicolons, Danish definitions, "<5" for a manager', async () => {
    const res = await get('manager', `/api/v1/evaluation/kpis.csv?asOf=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="helhed-kpi-${AS_OF}.csv"`);
    const raw = res.rawPayload.toString('utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const lines = raw.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Nøgle;Navn;Definition;n;Mål;Målets navn;Værdi;Små tal skjult');
    const costs = lines.find((l) => l.startsWith('costs;') && l.includes(';beforeMean;'))!;
    expect(costs.split(';')).toEqual(['costs', 'Udgifter pr. familie', expect.stringContaining('Familier indskrevet mindst 12 måneder'), '<5', 'beforeMean', 'Før (kr. pr. familie)', '', 'ja']);
    const [event] = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'evaluation.kpis_download'))).orderBy(desc(auditEvent.seq)).limit(1),
    );
    expect(event!.details).toMatchObject({ asOf: AS_OF, format: 'csv', exact: false });
  });

  it('downloads exact numbers as raw decimals for an analyst', async () => {
    const res = await get('analyst', `/api/v1/evaluation/kpis.csv?asOf=${AS_OF}`);
    const d = await dashboardOf('analyst');
    const lines = res.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    const during = lines.find((l) => l.startsWith('costs;') && l.includes(';duringMean;'))!.split(';');
    expect(during[3]).toBe('4');
    expect(during[6]).toBe(String(d.kpis.costs.duringMean));
    expect(during[6]).toMatch(/^\d+\.\d+$/);
  });

  it('downloads the same table as XLSX, numbers as numbers and "<5" as text', async () => {
    const read = async (who: 'manager' | 'analyst') => {
      const res = await get(who, `/api/v1/evaluation/kpis.xlsx?asOf=${AS_OF}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('KPI')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return { rows, about: wb.getWorksheet('Om tallene')! };
    };
    const analyst = await read('analyst');
    expect(analyst.rows[0]).toEqual(['Nøgle', 'Navn', 'Definition', 'n', 'Mål', 'Målets navn', 'Værdi', 'Små tal skjult']);
    const enrolled = analyst.rows.find((r) => r[0] === 'families' && r[4] === 'enrolled')!;
    expect(enrolled[6]).toBe(4);
    const costs = analyst.rows.find((r) => r[0] === 'costs' && r[4] === 'beforeMean')!;
    expect(costs[3]).toBe(4);
    expect(typeof costs[6]).toBe('number');
    expect(analyst.about.getCell('B1').value).toBe(AS_OF);

    const manager = await read('manager');
    const hidden = manager.rows.find((r) => r[0] === 'costs' && r[4] === 'beforeMean')!;
    expect(hidden[3]).toBe('<5');
    expect(hidden[6] ?? null).toBeNull();
    expect(manager.rows.find((r) => r[0] === 'families' && r[4] === 'enrolled')![6]).toBe('<5');
  });
});
