import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { breakGlassAccess, teamMember } from '../../src/server/modules/families/families.table.js';
import { meeting } from '../../src/server/modules/meetings/meetings.table.js';
import { plan, planGoal } from '../../src/server/modules/plans/plans.table.js';
import { referral } from '../../src/server/modules/referrals/referrals.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, buildUser, loginAs, type Session, type TestUser } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
const NOBODY = '00000000-0000-4000-8000-000000000000';

interface TaskDto {
  id: string;
  title: string;
  due: string;
  status: 'open' | 'done' | 'cancelled';
  origin: string;
  overdue: boolean;
  assignee: { id: string; name: string };
  family: { id: string; name: string | null } | null;
  goalId: string | null;
  meetingId: string | null;
  link: { kind: string; path: string | null };
  completedAt: string | null;
  can: { update: boolean };
}

describe.skipIf(!!dbSkipReason)(`tasks and "Mine opgaver" (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let otherCoordinator: StaffUser;
  let teamProfessional: StaffUser;
  let outsider: StaffUser;
  let unitManager: StaffUser;
  let analyst: TestUser;
  let retired: StaffUser;
  let as: Record<'admin' | 'coordinator' | 'team' | 'outsider' | 'manager' | 'analyst', Session>;
  /** Karin's family with Jens on the team; Kim's family, which Karin has nothing to do with. */
  let fam: BuiltFamily;
  let othersFamily: BuiltFamily;
  let goalId: string;
  let othersGoalId: string;
  let meetingId: string;
  let othersMeetingId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '612' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    otherCoordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Kim Koordinator' });
    teamProfessional = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    unitManager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    retired = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Rita Fratrådt' });
    await asSystem(database.db, (tx) => tx.update(staffUser).set({ active: false }).where(eq(staffUser.id, retired.id)));
    analyst = await buildUser(database.db, mu, { roles: ['analyst'], mfa: true });
    as = {
      admin: await loginAs(app, database.db, m.admin),
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, teamProfessional),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, unitManager),
      analyst: await loginAs(app, database.db, analyst),
    };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [{ role: 'parent', givenName: 'Amina', familyName: 'Hassan' }, { role: 'child', givenName: 'Yusuf', familyName: 'Hassan' }],
      team: [{ user: teamProfessional, department: 'jobcenter' }],
      status: 'active',
    });
    othersFamily = await buildFamily(database.db, mu, { coordinator: otherCoordinator, status: 'active' });
    [goalId, meetingId] = await goalAndMeeting(fam.id, coordinator.id);
    [othersGoalId, othersMeetingId] = await goalAndMeeting(othersFamily.id, otherCoordinator.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A plan with one goal and a meeting, written directly (the plans and meetings modules are built alongside). */
  async function goalAndMeeting(familyId: string, createdBy: string): Promise<[string, string]> {
    return asSystem(database.db, async (tx) => {
      const [p] = await tx.insert(plan).values({ municipalityId: m.municipality.id, familyId, startDate: day(-60) }).returning();
      const [g] = await tx
        .insert(planGoal)
        .values({ municipalityId: m.municipality.id, planId: p!.id, familyId, domain: 'work_education', horizon: 'short', title: 'Mor vil have et fritidsjob', createdAt: day(-60) })
        .returning();
      const [mt] = await tx
        .insert(meeting)
        .values({
          municipalityId: m.municipality.id,
          familyId,
          title: 'Netværksmøde',
          startsAt: new Date(Date.now() + 86_400_000),
          endsAt: new Date(Date.now() + 86_400_000 + 3_600_000),
          agendaGoalIds: [],
          createdBy,
        })
        .returning();
      return [g!.id, mt!.id];
    });
  }

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const lastEvent = async (action: string) =>
    (
      await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
      )
    ).at(-1);
  const taskCount = async () => (await asSystem(database.db, (tx) => tx.select().from(task).where(eq(task.municipalityId, m.municipality.id)))).length;
  const create = async (s: Session, body: object): Promise<TaskDto> => {
    const res = await call(s, 'POST', '/api/v1/tasks', body);
    if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const mine = async (s: Session, status = 'open'): Promise<TaskDto[]> => {
    const res = await call(s, 'GET', `/api/v1/tasks/mine?status=${status}`);
    expect(res.statusCode).toBe(200);
    return res.json().tasks;
  };
  const problemsOf = (res: { json(): { error: { code: string; problems: Array<{ path: string; message: string }> } } }) => res.json().error.problems;

  describe('creating a task', () => {
    it('gives a colleague on the team a task for a goal of the family, with the family name and a link to the goal', async () => {
      const t = await create(as.coordinator, {
        assigneeUserId: teamProfessional.id,
        title: 'Find praktikplads til Amina',
        due: day(7),
        familyId: fam.id,
        goalId,
      });
      expect(t).toMatchObject({
        title: 'Find praktikplads til Amina',
        due: day(7),
        status: 'open',
        origin: 'manual',
        overdue: false,
        assignee: { id: teamProfessional.id, name: 'Jens Jobkonsulent' },
        family: { id: fam.id, names: ['Hassan'] },
        goalId,
        link: { kind: 'goal', path: `/families/${fam.id}#goal-${goalId}` },
        can: { update: true },
      });
      const e = await lastEvent('task.create');
      expect(e).toMatchObject({ actorUserId: coordinator.id, targetType: 'task', targetId: t.id });
      expect(new Set(e!.personIds)).toEqual(new Set(fam.personIds));
      expect(e!.details).toMatchObject({ after: { assigneeUserId: teamProfessional.id, due: day(7), familyId: fam.id, goalId, origin: 'manual' } });
      expect(JSON.stringify(e!.details)).not.toContain('Amina');
    });

    it('lets a team member give the coordinator a task for a meeting of the family', async () => {
      const t = await create(as.team, { assigneeUserId: coordinator.id, title: 'Send referat', due: day(2), familyId: fam.id, meetingId });
      expect(t.link).toEqual({ kind: 'meeting', path: `/families/${fam.id}#meeting-${meetingId}` });
      expect(t.assignee.id).toBe(coordinator.id);
    });

    it('gives oneself a task without a family, audited without persons', async () => {
      const t = await create(as.outsider, { assigneeUserId: outsider.id, title: 'Læs ny vejledning', due: day(3) });
      expect(t.family).toBeNull();
      expect(t.link).toEqual({ kind: 'none', path: null });
      expect((await lastEvent('task.create'))!.personIds).toEqual([]);
    });
  });

  describe('bad input', () => {
    const base = () => ({ assigneeUserId: coordinator.id, title: 'Ring til skolen', due: day(5), familyId: fam.id });

    it.each([
      ['a missing due date', { due: undefined }, 'due'],
      ['a due date that is not a date', { due: '2025-02-30' }, 'due'],
      ['an empty title', { title: '  ' }, 'title'],
      ['an unknown assignee', { assigneeUserId: NOBODY }, 'assigneeUserId'],
    ])('refuses %s with a problem at the field, saving nothing', async (_what, change, path) => {
      const before = await taskCount();
      const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { ...base(), ...change });
      expect(res.statusCode).toBe(400);
      expect(problemsOf(res).map((p) => p.path)).toEqual([path]);
      expect(await taskCount()).toBe(before);
    });

    it('refuses a deactivated user, an administrator and an analyst as assignee', async () => {
      for (const id of [retired.id, m.admin.id, analyst.id]) {
        const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { ...base(), assigneeUserId: id });
        expect(res.statusCode).toBe(400);
        expect(problemsOf(res)).toEqual([{ path: 'assigneeUserId', message: FIELD_MESSAGES.unknown_user!.da }]);
      }
    });

    it('refuses an assignee who does not work with the family', async () => {
      const before = await taskCount();
      const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { ...base(), assigneeUserId: outsider.id });
      expect(res.statusCode).toBe(400);
      expect(problemsOf(res)).toEqual([{ path: 'assigneeUserId', message: FIELD_MESSAGES.assignee_without_access!.da }]);
      expect(await taskCount()).toBe(before);
    });

    it("refuses another family's goal and meeting, each at its field", async () => {
      const before = await taskCount();
      const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { ...base(), goalId: othersGoalId, meetingId: othersMeetingId });
      expect(res.statusCode).toBe(400);
      expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['goalId', 'meetingId']);
      expect(await taskCount()).toBe(before);
    });

    it('asks for the family when a goal is linked without it', async () => {
      const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { assigneeUserId: coordinator.id, title: 'x', due: day(1), goalId });
      expect(res.statusCode).toBe(400);
      expect(problemsOf(res)).toEqual([{ path: 'familyId', message: FIELD_MESSAGES.family_required!.da }]);
    });
  });

  describe('access', () => {
    it('answers 404 for a family the actor may not contribute to, records the refusal and saves nothing', async () => {
      const before = await taskCount();
      const res = await call(as.coordinator, 'POST', '/api/v1/tasks', { assigneeUserId: coordinator.id, title: 'x', due: day(1), familyId: othersFamily.id });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('family_not_found');
      expect(await lastEvent('access.denied')).toMatchObject({
        actorUserId: coordinator.id,
        targetId: othersFamily.id,
        outcome: 'denied',
        details: { attempted: 'family.register_intervention', exists: true },
      });
      expect(await taskCount()).toBe(before);
    });

    it('answers 404 to the supervising manager too: reading a family is not contributing to it', async () => {
      const res = await call(as.manager, 'POST', '/api/v1/tasks', { assigneeUserId: unitManager.id, title: 'x', due: day(1), familyId: fam.id });
      expect(res.statusCode).toBe(404);
    });

    it('refuses analysts, who have no tasks', async () => {
      expect((await call(as.analyst, 'POST', '/api/v1/tasks', { assigneeUserId: coordinator.id, title: 'x', due: day(1) })).statusCode).toBe(403);
      expect((await call(as.analyst, 'GET', '/api/v1/tasks/mine')).statusCode).toBe(403);
    });
  });

  describe('"Mine opgaver"', () => {
    let ids: Record<'soon' | 'late' | 'today' | 'veryLate' | 'later', string>;

    beforeAll(async () => {
      const mk = async (due: string, title: string, familyId?: string) =>
        (await create(as.coordinator, { assigneeUserId: otherCoordinator.id, title, due, ...(familyId ? { familyId } : {}) })).id;
      // Kim is the assignee: his list holds only these (created by Karin, who is no coordinator of Kim's family).
      ids = {
        soon: await mk(day(5), 'Om fem dage'),
        late: await mk(day(-3), 'For tre dage siden'),
        today: await mk(day(0), 'I dag'),
        veryLate: await mk(day(-10), 'For ti dage siden'),
        later: await mk(day(40), 'Senere'),
      };
    });

    it('shows overdue tasks first, then the rest by due date', async () => {
      const list = await mine(await loginAs(app, database.db, otherCoordinator));
      expect(list.map((t) => t.id)).toEqual([ids.veryLate, ids.late, ids.today, ids.soon, ids.later]);
      expect(list.map((t) => t.overdue)).toEqual([true, true, false, false, false]);
      expect(list.every((t) => t.can.update)).toBe(true);
    });

    it('shows the family name and the link, and is audited naming the family members', async () => {
      const list = await mine(as.team);
      const t = list.find((x) => x.title === 'Find praktikplads til Amina')!;
      expect(t.family).toEqual({ id: fam.id, names: ['Hassan'] });
      const e = await lastEvent('task.read');
      expect(e).toMatchObject({ actorUserId: teamProfessional.id, details: { list: 'mine', status: 'open', tasks: list.length, familyIds: [fam.id] } });
      expect(new Set(e!.personIds)).toEqual(new Set(fam.personIds));
    });

    it('closes a task: it leaves the open list, shows among the done ones, and can be reopened', async () => {
      const kim = await loginAs(app, database.db, otherCoordinator);
      const done = await call(kim, 'PATCH', `/api/v1/tasks/${ids.late}`, { status: 'done' });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'done', overdue: false });
      expect(done.json().completedAt).not.toBeNull();
      expect((await mine(kim)).map((t) => t.id)).not.toContain(ids.late);
      expect((await mine(kim, 'done')).map((t) => t.id)).toEqual([ids.late]);
      expect(await lastEvent('task.update')).toMatchObject({ actorUserId: otherCoordinator.id, targetId: ids.late, details: { before: { status: 'open' }, after: { status: 'done' } } });

      const reopened = await call(kim, 'PATCH', `/api/v1/tasks/${ids.late}`, { status: 'open' });
      expect(reopened.json()).toMatchObject({ status: 'open', overdue: true, completedAt: null });
    });

    it('moves and retitles a task, recording only that the title changed', async () => {
      const kim = await loginAs(app, database.db, otherCoordinator);
      const res = await call(kim, 'PATCH', `/api/v1/tasks/${ids.later}`, { due: day(20), title: 'Lidt senere' });
      expect(res.json()).toMatchObject({ due: day(20), title: 'Lidt senere' });
      const e = await lastEvent('task.update');
      expect(e!.details).toMatchObject({ before: { due: day(40) }, after: { due: day(20) }, titleChanged: true });
      expect(JSON.stringify(e!.details)).not.toContain('Lidt senere');
    });

    it('sends what a raised task says, for the reader’s language, until someone retitles it', async () => {
      const kim = await loginAs(app, database.db, otherCoordinator);
      const [raised] = await asSystem(database.db, (tx) =>
        tx
          .insert(task)
          .values({ municipalityId: m.municipality.id, assigneeUserId: otherCoordinator.id, title: 'Skriv referat af mødet: Netværksmøde', titleKind: 'meeting_minutes', titleSubject: 'Netværksmøde', due: day(60), origin: 'meeting_follow_up' })
          .returning(),
      );
      expect((await mine(kim)).find((t) => t.id === raised!.id)).toMatchObject({ title: 'Skriv referat af mødet: Netværksmøde', raised: { kind: 'meeting_minutes', subject: 'Netværksmøde' } });
      // Moving it keeps the raised words; retitling makes them the person's own.
      expect((await call(kim, 'PATCH', `/api/v1/tasks/${raised!.id}`, { due: day(61) })).json()).toMatchObject({ raised: { kind: 'meeting_minutes', subject: 'Netværksmøde' } });
      expect((await call(kim, 'PATCH', `/api/v1/tasks/${raised!.id}`, { title: 'Referat til Lise' })).json()).toMatchObject({ title: 'Referat til Lise', raised: null });
      const [row] = await asSystem(database.db, (tx) => tx.select().from(task).where(eq(task.id, raised!.id)));
      expect([row!.titleKind, row!.titleSubject]).toEqual([null, null]);
      expect((await call(kim, 'PATCH', `/api/v1/tasks/${raised!.id}`, { status: 'done' })).statusCode).toBe(200);
    });

    it('refuses an empty change and a bad due date', async () => {
      const kim = await loginAs(app, database.db, otherCoordinator);
      expect((await call(kim, 'PATCH', `/api/v1/tasks/${ids.soon}`, {})).statusCode).toBe(400);
      const bad = await call(kim, 'PATCH', `/api/v1/tasks/${ids.soon}`, { due: 'i morgen' });
      expect(bad.statusCode).toBe(400);
      expect(problemsOf(bad).map((p) => p.path)).toEqual(['due']);
    });
  });

  describe('who may change a task', () => {
    let jensTask: string;

    beforeAll(async () => {
      jensTask = (await create(as.coordinator, { assigneeUserId: teamProfessional.id, title: 'Følg op på praktik', due: day(4), familyId: fam.id })).id;
    });

    it("lets the family's coordinator change a task given to someone else", async () => {
      const res = await call(as.coordinator, 'PATCH', `/api/v1/tasks/${jensTask}`, { due: day(6) });
      expect(res.statusCode).toBe(200);
      expect(res.json().due).toBe(day(6));
    });

    it('answers 404 to anyone else, exactly as for a task that does not exist, and records the attempt', async () => {
      for (const s of [as.outsider, as.manager]) {
        const res = await call(s, 'PATCH', `/api/v1/tasks/${jensTask}`, { status: 'done' });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('task_not_found');
      }
      expect(await lastEvent('access.denied')).toMatchObject({ targetType: 'task', targetId: jensTask, details: { attempted: 'task.update', exists: true } });
      const missing = await call(as.outsider, 'PATCH', `/api/v1/tasks/${NOBODY}`, { status: 'done' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('task_not_found');
    });

    it('hands a task on only to someone who works with the family', async () => {
      const bad = await call(as.coordinator, 'PATCH', `/api/v1/tasks/${jensTask}`, { assigneeUserId: outsider.id });
      expect(bad.statusCode).toBe(400);
      expect(problemsOf(bad).map((p) => p.path)).toEqual(['assigneeUserId']);
      const ok = await call(as.coordinator, 'PATCH', `/api/v1/tasks/${jensTask}`, { assigneeUserId: coordinator.id });
      expect(ok.json().assignee.id).toBe(coordinator.id);
    });
  });

  describe("a family's open tasks", () => {
    it("lists them for the family's overview with who may change which, audited naming the members", async () => {
      const res = await call(as.team, 'GET', `/api/v1/families/${fam.id}/tasks`);
      expect(res.statusCode).toBe(200);
      const tasks = res.json().tasks as TaskDto[];
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.every((t) => t.status === 'open' && t.family?.id === fam.id)).toBe(true);
      expect(tasks.map((t) => t.due)).toEqual([...tasks.map((t) => t.due)].sort());
      for (const t of tasks) expect(t.can.update).toBe(t.assignee.id === teamProfessional.id);
      const e = await lastEvent('task.read');
      expect(e).toMatchObject({ targetType: 'family', targetId: fam.id, details: { list: 'family', relation: 'team' } });
      expect(new Set(e!.personIds)).toEqual(new Set(fam.personIds));

      const mineAsCoordinator = (await call(as.coordinator, 'GET', `/api/v1/families/${fam.id}/tasks`)).json().tasks as TaskDto[];
      expect(mineAsCoordinator.every((t) => t.can.update)).toBe(true);
    });

    it('answers 404 to someone outside the family', async () => {
      expect((await call(as.outsider, 'GET', `/api/v1/families/${fam.id}/tasks`)).statusCode).toBe(404);
    });

    it('no longer names the family to an assignee who has left its team', async () => {
      const t = await create(as.coordinator, { assigneeUserId: teamProfessional.id, title: 'Afslut forløb', due: day(9), familyId: fam.id });
      await asSystem(database.db, (tx) => tx.update(teamMember).set({ to: day(-1) }).where(and(eq(teamMember.familyId, fam.id), eq(teamMember.userId, teamProfessional.id))));
      try {
        const shown = (await mine(as.team)).find((x) => x.id === t.id)!;
        expect(shown.family).toEqual({ id: fam.id, names: null });
        expect(shown.link).toEqual({ kind: 'none', path: null });
        expect(shown.can.update).toBe(true);
        expect(await lastEvent('task.read')).toMatchObject({ personIds: [], details: { familyIds: [] } });
      } finally {
        await asSystem(database.db, (tx) => tx.update(teamMember).set({ to: null }).where(and(eq(teamMember.familyId, fam.id), eq(teamMember.userId, teamProfessional.id))));
      }
    });
  });

  describe('the attention count', () => {
    it("counts the user's overdue tasks and those due from today to Sunday, not closed ones", async () => {
      const tove = await buildStaff(database.db, m.municipality, { roles: ['coordinator'], department: 'children_family', name: 'Tove' });
      const toveTask = (due: string) => create(as.coordinator, { assigneeUserId: tove.id, title: `Frist ${due}`, due });
      await toveTask(day(-1));
      await toveTask(day(-2));
      await toveTask(day(0));
      await toveTask(day(8));
      const closed = await toveTask(day(-5));
      const toveSession = await loginAs(app, database.db, tove);
      await call(toveSession, 'PATCH', `/api/v1/tasks/${closed.id}`, { status: 'cancelled' });
      const res = await call(toveSession, 'GET', '/api/v1/attention');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ overdueTasks: 2, openTasksDueThisWeek: 1, unreviewedBreakGlass: null });
    });

    it("shows managers their unit's unreviewed break-the-glass accesses, and visitators the open referrals", async () => {
      await asSystem(database.db, async (tx) => {
        await tx.insert(breakGlassAccess).values({ municipalityId: m.municipality.id, userId: outsider.id, familyId: fam.id, reason: 'Akut henvendelse fra skolen', expiresAt: new Date(Date.now() + 3_600_000) });
        await tx.insert(breakGlassAccess).values({
          municipalityId: m.municipality.id,
          userId: outsider.id,
          familyId: fam.id,
          reason: 'Gennemgået adgang i sidste uge',
          expiresAt: new Date(Date.now() - 3_600_000),
          reviewedBy: unitManager.id,
          reviewedAt: new Date(),
        });
        for (const status of ['open', 'open', 'declined'] as const) {
          await tx.insert(referral).values({ municipalityId: m.municipality.id, referrerUserId: outsider.id, persons: [], signs: ['school_absence'], note: 'Fravær', status });
        }
      });
      expect((await call(as.manager, 'GET', '/api/v1/attention')).json()).toMatchObject({ unreviewedBreakGlass: 1, openReferrals: 2 });
      expect((await call(as.coordinator, 'GET', '/api/v1/attention')).json()).toMatchObject({ unreviewedBreakGlass: null, openReferrals: 2 });
      expect((await call(as.team, 'GET', '/api/v1/attention')).json()).toMatchObject({ unreviewedBreakGlass: null, openReferrals: null });
      expect((await call(as.admin, 'GET', '/api/v1/attention')).json()).toEqual({ overdueTasks: 0, openTasksDueThisWeek: 0, unreviewedBreakGlass: null, openReferrals: null });
    });
  });

  describe('the goal rating interval', () => {
    it('is three months by default and set by administrators, audited', async () => {
      expect((await call(as.admin, 'GET', '/api/v1/admin/task-settings')).json()).toEqual({ goalRatingIntervalMonths: 3 });
      const res = await call(as.admin, 'PUT', '/api/v1/admin/task-settings', { goalRatingIntervalMonths: 6 });
      expect(res.json()).toEqual({ goalRatingIntervalMonths: 6 });
      expect(await lastEvent('settings.update')).toMatchObject({ details: { before: { goalRatingIntervalMonths: 3 }, after: { goalRatingIntervalMonths: 6 } } });
      // The other settings keep it.
      await call(as.admin, 'PUT', '/api/v1/admin/settings', { mfaRequiredRoles: ['admin', 'coordinator', 'professional', 'manager'] });
      expect((await call(as.admin, 'GET', '/api/v1/admin/task-settings')).json()).toEqual({ goalRatingIntervalMonths: 6 });
    });

    it('refuses a bad interval at the field, and anyone but administrators', async () => {
      const bad = await call(as.admin, 'PUT', '/api/v1/admin/task-settings', { goalRatingIntervalMonths: 0 });
      expect(bad.statusCode).toBe(400);
      expect(problemsOf(bad)).toEqual([{ path: 'goalRatingIntervalMonths', message: FIELD_MESSAGES.rating_interval!.da }]);
      expect((await call(as.coordinator, 'PUT', '/api/v1/admin/task-settings', { goalRatingIntervalMonths: 2 })).statusCode).toBe(403);
      expect((await call(as.coordinator, 'GET', '/api/v1/admin/task-settings')).statusCode).toBe(403);
    });
  });
});
