import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { municipality } from '../../src/server/db/municipality.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { DEADLINE_QUEUE, startDeadlineJob } from '../../src/server/jobs/deadline-job.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { consent, family } from '../../src/server/modules/families/families.table.js';
import { assignCoordinator } from '../../src/server/modules/families/team.service.js';
import { meeting, meetingDecision } from '../../src/server/modules/meetings/meetings.table.js';
import { goalRating, plan, planGoal, planVersion } from '../../src/server/modules/plans/plans.table.js';
import { raiseDeadlines, type MunicipalityRun } from '../../src/server/modules/tasks/deadlines.service.js';
import { insertRaisedTasks, RAISED_TASKS_PER_INSERT } from '../../src/server/modules/tasks/tasks.repository.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { actorCtx, buildFamily, buildStaff, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality } from '../support/factories.js';

/** The job's clock: Tuesday 10 June 2025, 08:00 in Copenhagen. */
const NOW = new Date('2025-06-10T06:00:00Z');

type Mu = Awaited<ReturnType<typeof buildMunicipality>>['municipality'];

describe.skipIf(!!dbSkipReason)(`the daily deadline job (${dbKind})`, () => {
  let database: TestDatabase;
  let mu: Mu;
  let karin: StaffUser;
  let jens: StaffUser;
  let dorte: StaffUser;
  /** A: active, everything falls due; B: active, nothing due; C: completed; D: active, coordinator gone; E: paused. */
  let A: BuiltFamily;
  let B: BuiltFamily;
  let C: BuiltFamily;
  let D: BuiltFamily;
  let E: BuiltFamily;
  const ids: Record<string, string> = {};
  let firstRun: MunicipalityRun[];

  beforeAll(async () => {
    database = await createTestDatabase();
    mu = (await buildMunicipality(database.db, { code: '613' })).municipality;
    karin = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    jens = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    dorte = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Dorte Fratrådt' });
    A = await buildFamily(database.db, mu, {
      coordinator: karin,
      members: [{ role: 'parent', givenName: 'Amina' }, { role: 'child', givenName: 'Yusuf' }],
      team: [{ user: jens, department: 'jobcenter' }],
      status: 'active',
    });
    B = await buildFamily(database.db, mu, { coordinator: karin, status: 'active' });
    C = await buildFamily(database.db, mu, { coordinator: karin, status: 'completed' });
    D = await buildFamily(database.db, mu, { coordinator: dorte, status: 'active' });
    E = await buildFamily(database.db, mu, { coordinator: karin, status: 'paused' });
    await asSystem(database.db, (tx) => tx.update(staffUser).set({ active: false }).where(eq(staffUser.id, dorte.id)));
    await fabricate();
    firstRun = await raiseDeadlines(database.db, NOW);
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Plans, goals, ratings, consents and meetings written directly (their own modules are built alongside). */
  async function fabricate() {
    await asSystem(database.db, async (tx) => {
      const m = mu.id;
      const newPlan = async (f: BuiltFamily, reviews: string[]) => {
        const [p] = await tx.insert(plan).values({ municipalityId: m, familyId: f.id, startDate: '2024-06-01' }).returning();
        let current = '';
        for (const [i, review] of reviews.entries()) {
          const [v] = await tx
            .insert(planVersion)
            .values({ municipalityId: m, planId: p!.id, number: i + 1, snapshot: { baseline: [], goals: [] }, nextReviewDate: review, publishedBy: karin.id, publishedAt: NOW })
            .returning();
          current = v!.id;
        }
        await tx.execute(sql`update plan set current_version_id = ${current} where municipality_id = ${m} and id = ${p!.id}`);
        return { planId: p!.id, versionId: current };
      };
      const goal = async (planId: string, f: BuiltFamily, createdAt: string, opts: { status?: 'active' | 'achieved'; removed?: boolean; ratings?: string[] } = {}) => {
        const [g] = await tx
          .insert(planGoal)
          .values({
            municipalityId: m,
            planId,
            familyId: f.id,
            domain: 'economy',
            horizon: 'short',
            title: 'Amina vil have styr på regningerne',
            status: opts.status ?? 'active',
            createdAt,
            removedAt: opts.removed ? NOW : null,
          })
          .returning();
        for (const date of opts.ratings ?? []) {
          await tx.insert(goalRating).values({ municipalityId: m, goalId: g!.id, familyId: f.id, date, value: 5, respondent: 'family' });
        }
        return g!.id;
      };
      const consentOf = async (f: BuiltFamily, personIndex: number, givenAt: string, expiresAt: string, withdrawnAt: string | null = null) => {
        const [k] = await tx
          .insert(consent)
          .values({ municipalityId: m, familyId: f.id, personId: f.personIds[personIndex]!, scope: { departmentIds: [], kinds: ['economy'] }, givenAt, expiresAt, withdrawnAt, howGiven: 'written' })
          .returning();
        return k!.id;
      };
      const meetingOf = async (f: BuiltFamily, endsAt: string, opts: { minutes?: string; status?: 'planned' | 'held' | 'cancelled'; createdBy?: string } = {}) => {
        const end = new Date(endsAt);
        const [mt] = await tx
          .insert(meeting)
          .values({
            municipalityId: m,
            familyId: f.id,
            title: 'Netværksmøde med mormor',
            startsAt: new Date(end.getTime() - 3_600_000),
            endsAt: end,
            agendaGoalIds: [],
            minutes: opts.minutes ?? '',
            status: opts.status ?? 'held',
            createdBy: opts.createdBy ?? karin.id,
          })
          .returning();
        return mt!.id;
      };
      const decision = async (meetingId: string, due: string | null, taskId: string | null = null) => {
        const [d] = await tx.insert(meetingDecision).values({ municipalityId: m, meetingId, text: 'Mormor henter Yusuf om tirsdagen', due, taskId }).returning();
        return d!.id;
      };

      // Family A: a second version is current (the first one's review date no longer counts).
      const a = await newPlan(A, ['2025-01-01', '2025-06-20']);
      ids.planA = a.planId;
      ids.versionA = a.versionId;
      ids.g1 = await goal(a.planId, A, '2025-01-05', { ratings: ['2025-01-20', '2025-03-01'] });
      ids.g2 = await goal(a.planId, A, '2025-04-01');
      ids.g3 = await goal(a.planId, A, '2024-11-30');
      ids.g4 = await goal(a.planId, A, '2024-01-01', { status: 'achieved' });
      ids.g5 = await goal(a.planId, A, '2024-01-01', { removed: true });
      ids.g6 = await goal(a.planId, A, '2024-01-01', { ratings: ['2025-03-10'] });
      ids.g7 = await goal(a.planId, A, '2024-01-01', { ratings: ['2025-03-11'] });
      ids.k1 = await consentOf(A, 0, '2024-07-01', '2025-07-01');
      ids.kRenewed = await consentOf(A, 0, '2023-06-20', '2025-06-20');
      ids.kWithdrawn = await consentOf(A, 1, '2024-06-25', '2025-06-25', '2025-05-01');
      ids.kEdge = await consentOf(A, 1, '2024-07-10', '2025-07-10');
      ids.m1 = await meetingOf(A, '2025-06-05T10:00:00Z', { createdBy: jens.id });
      ids.m2 = await meetingOf(A, '2025-06-08T12:00:00Z');
      ids.m3 = await meetingOf(A, '2025-05-01T10:00:00Z', { minutes: 'Vi aftalte, at mormor hjælper.' });
      ids.m4 = await meetingOf(A, '2025-06-01T10:00:00Z', { status: 'cancelled' });
      ids.m5 = await meetingOf(A, '2025-06-01T10:00:00Z', { createdBy: dorte.id });
      ids.d1 = await decision(ids.m3, '2025-06-15');
      ids.d2 = await decision(ids.m3, '2025-07-15');
      ids.d4 = await decision(ids.m3, null);

      // Family B: nothing due yet, a consent already expired, one expiring in 31 days.
      await newPlan(B, ['2025-07-30']);
      await consentOf(B, 0, '2024-06-09', '2025-06-09');
      await consentOf(B, 1, '2024-07-11', '2025-07-11');

      // Family C is completed: everything would be due.
      const c = await newPlan(C, ['2025-06-12']);
      await goal(c.planId, C, '2024-01-01');
      await consentOf(C, 0, '2024-06-20', '2025-06-20');
      await meetingOf(C, '2025-06-01T10:00:00Z');

      // Family D's coordinator has left: the review is found but has nobody to go to.
      await newPlan(D, ['2025-06-15']);

      // Family E is paused: its plan review still comes up; its goal ratings rest.
      const e = await newPlan(E, ['2025-06-14']);
      ids.versionE = e.versionId;
      await goal(e.planId, E, '2024-01-01');
    });
    // A decision that already became a task raises nothing more.
    const [decisionTask] = await asSystem(database.db, (tx) =>
      tx.insert(task).values({ municipalityId: mu.id, assigneeUserId: karin.id, title: 'Fra mødet', due: '2025-06-12', familyId: A.id, meetingId: ids.m3, origin: 'meeting_decision' }).returning(),
    );
    ids.d3 = (
      await asSystem(database.db, (tx) =>
        tx.insert(meetingDecision).values({ municipalityId: mu.id, meetingId: ids.m3!, text: 'Karin ringer til skolen', due: '2025-06-12', taskId: decisionTask!.id }).returning(),
      )
    )[0]!.id;
  }

  const raised = () =>
    asSystem(database.db, (tx) =>
      tx.select().from(task).where(and(eq(task.municipalityId, mu.id), sql`${task.dedupeKey} is not null`)).orderBy(task.dedupeKey),
    );
  const raisedEvents = () =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, mu.id), eq(auditEvent.action, 'tasks.raised'))).orderBy(auditEvent.seq),
    );
  const byKey = async () => new Map((await raised()).map((t) => [t.dedupeKey!, t]));

  it('raises each kind of deadline once, counted per municipality', () => {
    expect(firstRun).toEqual([
      { municipalityId: mu.id, skipped: false, planReview: 2, goalRating: 3, consentExpiry: 2, meetingFollowUp: 3, withoutAssignee: 1, closedAsMet: 0 },
    ]);
  });

  it('raises a plan review 14 days ahead for the current version, to the coordinator, due on the review date', async () => {
    const t = await byKey();
    expect(t.get(`plan_review:${ids.versionA}`)).toMatchObject({ origin: 'plan_review', assigneeUserId: karin.id, due: '2025-06-20', familyId: A.id, status: 'open', createdBy: null });
    expect(t.get(`plan_review:${ids.versionE}`)).toMatchObject({ assigneeUserId: karin.id, due: '2025-06-14', familyId: E.id });
    expect([...t.keys()].filter((k) => k.startsWith('plan_review:'))).toHaveLength(2);
    // What the title says travels with it, for each reader's language; the stored title is the Danish one.
    expect(t.get(`plan_review:${ids.versionA}`)).toMatchObject({ title: 'Revidér helhedsplanen (version 2)', titleKind: 'plan_review', titleSubject: '2' });
  });

  it('raises goal ratings when an active goal has gone three months without one, due three months after the last', async () => {
    const t = await byKey();
    expect(t.get(`goal_rating:${ids.g1}:2025-03-01`)).toMatchObject({ origin: 'goal_rating', assigneeUserId: karin.id, due: '2025-06-01', familyId: A.id, goalId: ids.g1 });
    expect(t.get(`goal_rating:${ids.g3}:2024-11-30`)).toMatchObject({ due: '2025-02-28', goalId: ids.g3 });
    expect(t.get(`goal_rating:${ids.g6}:2025-03-10`)).toMatchObject({ due: '2025-06-10', goalId: ids.g6 });
    const goals = [...t.values()].filter((x) => x.origin === 'goal_rating').map((x) => x.goalId);
    expect(goals.sort()).toEqual([ids.g1, ids.g3, ids.g6].sort());
    expect(t.get(`goal_rating:${ids.g1}:2025-03-01`)).toMatchObject({
      title: 'Vurdér målet: Amina vil have styr på regningerne',
      titleKind: 'goal_rating',
      titleSubject: 'Amina vil have styr på regningerne',
    });
  });

  it('raises consents that expire within 30 days, unless renewed, withdrawn or already expired', async () => {
    const t = await byKey();
    expect(t.get(`consent_expiry:${ids.k1}`)).toMatchObject({ origin: 'consent_expiry', assigneeUserId: karin.id, due: '2025-07-01', familyId: A.id });
    expect(t.get(`consent_expiry:${ids.kEdge}`)).toMatchObject({ due: '2025-07-10' });
    expect([...t.keys()].filter((k) => k.startsWith('consent_expiry:'))).toHaveLength(2);
    expect(t.get(`consent_expiry:${ids.k1}`)).toMatchObject({ title: 'Samtykke fra Amina udløber: forny det eller aftal afslutning', titleKind: 'consent_expiry', titleSubject: 'Amina' });
  });

  it("raises missing minutes two days after the meeting to its creator (or the coordinator when the creator left), and decisions nobody owns", async () => {
    const t = await byKey();
    expect(t.get(`meeting_follow_up:${ids.m1}`)).toMatchObject({ origin: 'meeting_follow_up', assigneeUserId: jens.id, due: '2025-06-07', familyId: A.id, meetingId: ids.m1 });
    expect(t.get(`meeting_follow_up:${ids.m5}`)).toMatchObject({ assigneeUserId: karin.id, due: '2025-06-03', meetingId: ids.m5 });
    expect(t.get(`meeting_decision:${ids.d1}`)).toMatchObject({ origin: 'meeting_follow_up', assigneeUserId: karin.id, due: '2025-06-15', meetingId: ids.m3 });
    expect(t.get(`meeting_follow_up:${ids.m1}`)).toMatchObject({ title: 'Skriv referat af mødet: Netværksmøde med mormor', titleKind: 'meeting_minutes', titleSubject: 'Netværksmøde med mormor' });
    expect(t.get(`meeting_decision:${ids.d1}`)).toMatchObject({
      title: 'Følg op på beslutning fra mødet: Mormor henter Yusuf om tirsdagen',
      titleKind: 'meeting_decision',
      titleSubject: 'Mormor henter Yusuf om tirsdagen',
    });
    const followUps = [...t.keys()].filter((k) => k.startsWith('meeting_'));
    expect(followUps.sort()).toEqual([`meeting_follow_up:${ids.m1}`, `meeting_follow_up:${ids.m5}`, `meeting_decision:${ids.d1}`].sort());
  });

  it('raises nothing for closed families or for deadlines not yet near', async () => {
    const families = new Set((await raised()).map((t) => t.familyId));
    expect(families).toEqual(new Set([A.id, E.id]));
  });

  it('raises nothing new when run again, and audits each run with counts only', async () => {
    const before = await raised();
    const again = await raiseDeadlines(database.db, NOW);
    expect(again).toEqual([{ municipalityId: mu.id, skipped: false, planReview: 0, goalRating: 0, consentExpiry: 0, meetingFollowUp: 0, withoutAssignee: 1, closedAsMet: 0 }]);
    expect((await raised()).map((t) => t.id)).toEqual(before.map((t) => t.id));

    const events = await raisedEvents();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actorUserId: null,
      targetType: 'municipality',
      targetId: mu.id,
      personIds: [],
      details: { planReview: 2, goalRating: 3, consentExpiry: 2, meetingFollowUp: 3, withoutAssignee: 1, closedAsMet: 0, today: '2025-06-10' },
    });
    expect(JSON.stringify(events)).not.toMatch(/Amina|Yusuf|mormor/i);
  });

  it("follows the municipality's rating interval", async () => {
    await asSystem(database.db, (tx) =>
      tx.update(municipality).set({ settings: sql`${municipality.settings} || '{"goalRatingIntervalMonths": 1}'::jsonb` }).where(eq(municipality.id, mu.id)),
    );
    try {
      const runs = await raiseDeadlines(database.db, NOW);
      expect(runs[0]!.goalRating).toBe(2);
      const t = await byKey();
      expect(t.get(`goal_rating:${ids.g2}:2025-04-01`)).toMatchObject({ due: '2025-05-01' });
      expect(t.get(`goal_rating:${ids.g7}:2025-03-11`)).toMatchObject({ due: '2025-04-11' });
    } finally {
      await asSystem(database.db, (tx) =>
        tx.update(municipality).set({ settings: sql`${municipality.settings} - 'goalRatingIntervalMonths'` }).where(eq(municipality.id, mu.id)),
      );
    }
  });

  it('does not raise a deadline twice when two runs overlap', async () => {
    const later = new Date('2025-06-20T06:00:00Z');
    const before = (await raised()).length;
    const runs = (await Promise.all([raiseDeadlines(database.db, later), raiseDeadlines(database.db, later)])).flat();
    const total = runs.reduce((n, r) => n + r.planReview + r.goalRating + r.consentExpiry + r.meetingFollowUp, 0);
    const after = await raised();
    expect(after.length - before).toBe(total);
    expect(total).toBeGreaterThan(0);
    expect(new Set(after.map((t) => t.dedupeKey)).size).toBe(after.length);
  });

  it('starts a new rating period when the goal is rated', async () => {
    await asSystem(database.db, (tx) => tx.insert(goalRating).values({ municipalityId: mu.id, goalId: ids.g1!, familyId: A.id, date: '2025-06-12', value: 7, respondent: 'family' }));
    await raiseDeadlines(database.db, new Date('2025-09-12T06:00:00Z'));
    const g1 = (await raised()).filter((t) => t.goalId === ids.g1).map((t) => [t.dedupeKey, t.due]);
    expect(g1).toEqual([
      [`goal_rating:${ids.g1}:2025-03-01`, '2025-06-01'],
      [`goal_rating:${ids.g1}:2025-06-12`, '2025-09-12'],
    ]);
  });

  it('closes the raised tasks whose deadline was met — minutes written, consent withdrawn, plan republished, decision owned — and nothing else', async () => {
    const later = new Date('2025-06-11T06:00:00Z');
    const openBefore = new Map((await raised()).filter((t) => t.status === 'open').map((t) => [t.dedupeKey!, t]));
    const met = [`meeting_follow_up:${ids.m1}`, `consent_expiry:${ids.k1}`, `plan_review:${ids.versionA}`, `meeting_decision:${ids.d1}`];
    for (const key of met) expect(openBefore.has(key)).toBe(true);
    await asSystem(database.db, async (tx) => {
      await tx.update(meeting).set({ minutes: 'Referat: Amina og Jens aftalte et nyt møde.' }).where(and(eq(meeting.municipalityId, mu.id), eq(meeting.id, ids.m1!)));
      await tx.update(consent).set({ withdrawnAt: '2025-06-10' }).where(and(eq(consent.municipalityId, mu.id), eq(consent.id, ids.k1!)));
      const [v] = await tx
        .insert(planVersion)
        .values({ municipalityId: mu.id, planId: ids.planA!, number: 9, snapshot: { baseline: [], goals: [] }, nextReviewDate: '2025-12-01', publishedBy: karin.id, publishedAt: later })
        .returning();
      await tx.update(plan).set({ currentVersionId: v!.id }).where(and(eq(plan.municipalityId, mu.id), eq(plan.id, ids.planA!)));
      const [own] = await tx.insert(task).values({ municipalityId: mu.id, assigneeUserId: karin.id, title: 'Mormor', due: '2025-06-15', familyId: A.id, origin: 'meeting_decision' }).returning();
      await tx.update(meetingDecision).set({ taskId: own!.id }).where(and(eq(meetingDecision.municipalityId, mu.id), eq(meetingDecision.id, ids.d1!)));
    });
    const [run] = await raiseDeadlines(database.db, later);
    const after = new Map((await raised()).map((t) => [t.dedupeKey!, t]));
    const closed = [...openBefore.keys()].filter((k) => after.get(k)?.status === 'done');
    expect(closed.sort()).toEqual([...met].sort());
    for (const key of met) expect(after.get(key)?.completedAt).toBeInstanceOf(Date);
    expect(run!.closedAsMet).toBe(met.length);
  });

  it("hands the family's open plan-review, rating and consent deadlines to the next coordinator, and leaves the others", async () => {
    const before = (await raised()).filter((t) => t.familyId === A.id && t.status === 'open');
    const moving = before.filter((t) => ['plan_review', 'goal_rating', 'consent_expiry'].includes(t.origin));
    const staying = before.filter((t) => !['plan_review', 'goal_rating', 'consent_expiry'].includes(t.origin));
    expect(moving.length).toBeGreaterThan(0);
    expect(moving.every((t) => t.assigneeUserId === karin.id)).toBe(true);
    const nina = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Nina Ny' });
    await inTenant(database.db, mu.id, async (tx) => {
      const ctx = await actorCtx(mu, karin, tx);
      const [f] = await tx.select({ version: family.version }).from(family).where(and(eq(family.municipalityId, mu.id), eq(family.id, A.id)));
      await assignCoordinator(ctx, A.id, { userId: nina.id, version: f!.version, reason: 'Omfordeling' });
    });
    const after = new Map((await raised()).map((t) => [t.id, t]));
    for (const t of moving) expect(after.get(t.id)?.assigneeUserId).toBe(nina.id);
    for (const t of staying) expect(after.get(t.id)?.assigneeUserId).toBe(t.assigneeUserId);
    const events = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, mu.id), eq(auditEvent.action, 'family.coordinator_assign'), eq(auditEvent.targetId, A.id))),
    );
    expect(events.at(-1)?.details).toMatchObject({ from: karin.id, to: nina.id, tasksMoved: moving.length });
  });

  it('writes more raised tasks than one statement can carry (65,535 parameters), each once', async () => {
    const big = (await buildMunicipality(database.db, { code: '614' })).municipality;
    const nina = await buildStaff(database.db, big, { roles: ['coordinator'], department: 'children_family', name: 'Nina Mange' });
    const n = 3 * RAISED_TASKS_PER_INSERT + 17; // 11 parameters each: 66,187 in one statement would be refused
    const rows = Array.from({ length: n }, (_, i) => ({
      municipalityId: big.id,
      assigneeUserId: nina.id,
      title: `Frist ${i}`,
      due: '2025-06-20',
      familyId: null,
      goalId: null,
      meetingId: null,
      origin: 'goal_rating' as const,
      dedupeKey: `bulk:${i}`,
      createdBy: null,
      createdAt: NOW,
    }));
    const first = await inTenant(database.db, big.id, (tx) => insertRaisedTasks(tx, rows));
    expect(first).toHaveLength(n);
    const again = await inTenant(database.db, big.id, (tx) => insertRaisedTasks(tx, rows));
    expect(again).toEqual([]);
    const stored = await asSystem(database.db, async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from task where municipality_id = ${big.id}`)).rows[0]!.n);
    expect(stored).toBe(n);
  });

  describe('on pg-boss', () => {
    it('schedules the run daily at 06:15 Danish time, runs it once at start-up, and sends one start-up run for two servers', async () => {
      const errors: object[] = [];
      const log = { info: () => undefined, error: (o: object) => errors.push(o) };
      const eventsBefore = (await raisedEvents()).length;
      let ran!: () => void;
      const firstRunDone = new Promise<void>((resolve) => (ran = resolve));
      const one = await startDeadlineJob(database, { cron: '15 6 * * *', log, pollingIntervalSeconds: 0.5, onRun: () => ran() });
      // Either server's worker may take the job.
      const two = await startDeadlineJob(database, { cron: '15 6 * * *', log, pollingIntervalSeconds: 0.5, onRun: () => ran() });
      try {
        await firstRunDone;
        const schedules = await one.boss.getSchedules();
        expect(schedules.map((s) => ({ name: s.name, cron: s.cron, tz: s.options?.tz }))).toEqual([
          { name: DEADLINE_QUEUE, cron: '15 6 * * *', tz: 'Europe/Copenhagen' },
        ]);
        expect(await one.boss.getQueue(DEADLINE_QUEUE)).toMatchObject({ policy: 'singleton' });
        // Let the second server's worker poll too: still one start-up job, one run.
        await new Promise((r) => setTimeout(r, 1500));
        const jobs = await asSystem(database.db, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${DEADLINE_QUEUE}`));
        expect(Number(jobs.rows[0]!.n)).toBe(1);
        expect((await raisedEvents()).length).toBe(eventsBefore + 1);
        expect(errors).toEqual([]);
      } finally {
        await two.stop();
        await one.stop();
      }
      // The database stays usable after pg-boss stopped.
      expect((await raised()).length).toBeGreaterThan(0);
    });
  });
});
