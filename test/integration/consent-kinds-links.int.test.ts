import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { journalNote } from '../../src/server/modules/journal/journal.table.js';
import { meeting } from '../../src/server/modules/meetings/meetings.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Decision 0017, what links to goals: a team member whose consent covers only employment sees nothing of a goal
 * in another life domain through the plan-draft conflict, meetings (agenda, decisions, invitation), journal
 * notes, tasks and interventions, and cannot link anything to such a goal; the coordinator and the managers of
 * the coordinator's unit see everything.
 */
describe.skipIf(!!dbSkipReason)(`consent kinds narrow what links to goals (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let as: Record<'coordinator' | 'team' | 'manager' | 'admin', Session>;
  let ids: Record<'coordinator' | 'team', string>;
  let fam: BuiltFamily;
  const goal: Record<'job' | 'debt', string> = { job: '', debt: '' };
  const DEBT = 'Styr på gælden';
  const JOB = 'Et fast job';

  const api = (s: Session, method: Method, url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
  const fpath = (path: string) => `/families/${fam.id}${path}`;
  const ok = async (s: Session, method: Method, url: string, payload?: object) => {
    const res = await api(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const draftVersion = async () => (await ok(as.coordinator, 'GET', fpath('/plan'))).draftVersion as number;
  const familyVersion = async () => (await ok(as.coordinator, 'GET', fpath(''))).data.version as number;
  const lastEvent = async (action: string, userId = ids.team) =>
    (
      await asSystem(database.db, (tx) =>
        tx
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action), eq(auditEvent.actorUserId, userId)))
          .orderBy(auditEvent.seq),
      )
    ).at(-1)!;
  const unknownGoal = (res: Awaited<ReturnType<typeof api>>, path: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.problems).toEqual([{ path, message: 'Målet findes ikke i familiens plan.' }]);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '618' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    const jobcenter = await departmentId(database.db, mu, 'jobcenter');
    const coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    const team = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    ids = { coordinator: coordinator.id, team: team.id };
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, team),
      manager: await loginAs(app, database.db, manager),
      admin: await loginAs(app, database.db, m.admin),
    };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [{ role: 'parent', givenName: 'Amina', familyName: 'Holm', birthDate: '1985-03-03' }],
      team: [{ user: team, department: 'jobcenter' }],
      status: 'active',
    });
    const addGoal = async (domain: string, title: string) =>
      ((await ok(as.coordinator, 'POST', fpath('/plan/goals'), { domain, horizon: 'short', title, draftVersion: await draftVersion() })).goals as Array<{ id: string; title: string }>).find(
        (g) => g.title === title,
      )!.id;
    goal.job = await addGoal('work_education', JOB);
    goal.debt = await addGoal('economy', DEBT);
    const res = await api(as.coordinator, 'POST', fpath('/consents'), {
      personId: fam.personIds[0],
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

  it('names in a plan-draft conflict only the changes in domains the consent covers, and counts the rest', async () => {
    const seen = await draftVersion();
    await ok(as.coordinator, 'PATCH', fpath(`/plan/goals/${goal.debt}`), { title: `${DEBT} nu`, draftVersion: seen });
    await ok(as.coordinator, 'PUT', fpath('/plan/baseline'), { domain: 'economy', score: 2, text: 'Gæld til SKAT', draftVersion: seen + 1 });
    await ok(as.coordinator, 'POST', fpath(`/plan/goals/${goal.job}/actions`), { what: 'Skriv et CV', responsible: { kind: 'staff', userId: ids.team }, draftVersion: seen + 2 });

    const stale = await api(as.team, 'PATCH', fpath(`/plan/goals/${goal.job}`), { title: 'Et job', draftVersion: seen });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.code).toBe('plan_conflict');
    const problems = stale.json().error.problems as Array<{ path: string; message: string }>;
    expect(problems.map((p) => p.path)).toEqual([expect.stringMatching(new RegExp(`^goals\\.${goal.job}\\.actions\\.`)), '']);
    expect(problems[0]!.message).toContain('Skriv et CV');
    expect(problems[1]!.message).toBe('2 ændringer i livsområder, som samtykket ikke dækker for din afdeling, vises ikke.');
    expect(stale.body).not.toMatch(/gælden|Gæld|economy|Økonomi/);
    expect(stale.body).not.toContain(goal.debt);

    const coordinator = await api(as.coordinator, 'PATCH', fpath(`/plan/goals/${goal.job}`), { title: 'Et job', draftVersion: seen });
    expect(coordinator.statusCode).toBe(409);
    expect(coordinator.json().error.problems.map((p: { path: string }) => p.path)).toEqual([`goals.${goal.debt}`, expect.stringMatching(/actions/), 'baseline.economy']);
    await ok(as.coordinator, 'PATCH', fpath(`/plan/goals/${goal.debt}`), { title: DEBT, draftVersion: await draftVersion() });
  });

  describe('meetings', () => {
    let meetingId: string;
    beforeAll(async () => {
      // Under way (begun an hour ago, two hours long): decisions are recorded once a meeting has begun.
      const startsAt = new Date(Date.now() - 3_600_000);
      const created = await ok(as.coordinator, 'POST', fpath('/meetings'), {
        title: 'Netværksmøde',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        place: 'Rådhuset',
        agendaGoalIds: [goal.job, goal.debt],
        participants: [{ kind: 'staff', userId: ids.team }],
      });
      meetingId = created.id;
      await ok(as.coordinator, 'POST', `/meetings/${meetingId}/decisions`, { becomes: 'action', text: 'Aftale med banken', goalId: goal.debt, responsible: { kind: 'staff', userId: ids.coordinator } });
      await ok(as.coordinator, 'POST', `/meetings/${meetingId}/decisions`, { becomes: 'action', text: 'Søg tre job', goalId: goal.job, responsible: { kind: 'staff', userId: ids.team } });
    });

    it('leaves agenda goals and decisions under uncovered goals out of the meeting a team member reads, counts them, and audits what was shown', async () => {
      const res = await api(as.team, 'GET', `/meetings/${meetingId}`);
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json();
      expect(view.agendaGoals).toEqual([{ id: goal.job, title: JOB }]);
      expect(view.decisions.map((d: { text: string }) => d.text)).toEqual(['Søg tre job']);
      expect(view.hiddenByConsent).toEqual({ agendaGoals: 1, decisions: 1 });
      expect(res.body).not.toMatch(/gælden|banken/);
      expect(res.body).not.toContain(goal.debt);
      expect((await lastEvent('meeting.read')).details).toMatchObject({ agendaGoalsShown: [goal.job], hiddenByConsent: { agendaGoals: 1, decisions: 1 } });
      // Neither the family's list nor "Mine møder" carries the agenda.
      expect((await api(as.team, 'GET', fpath('/meetings'))).body).not.toMatch(/gælden/);
      expect((await api(as.team, 'GET', '/meetings/mine')).body).not.toMatch(/gælden/);
    });

    it('writes the invitation a team member fetches without the uncovered goal', async () => {
      const team = await api(as.team, 'GET', `/meetings/${meetingId}/invitation.ics`);
      expect(team.statusCode, team.body).toBe(200);
      expect(team.body).toContain(JOB);
      expect(team.body).not.toMatch(/gælden/);
      expect((await lastEvent('meeting.ics')).details).toMatchObject({ agendaGoalsHiddenByConsent: 1 });
      expect((await api(as.coordinator, 'GET', `/meetings/${meetingId}/invitation.ics`)).body).toContain(DEBT);
    });

    it('shows the coordinator and the unit manager the whole agenda and every decision', async () => {
      for (const s of [as.coordinator, as.manager]) {
        const view = await ok(s, 'GET', `/meetings/${meetingId}`);
        expect(view.agendaGoals.map((g: { id: string }) => g.id)).toEqual([goal.job, goal.debt]);
        expect(view.decisions).toHaveLength(2);
        expect(view.hiddenByConsent).toEqual({ agendaGoals: 0, decisions: 0 });
      }
    });

    it('refuses agenda items and decisions under an uncovered goal as unknown goals, changes nothing, and keeps hidden agenda goals on a change', async () => {
      const before = await ok(as.coordinator, 'GET', `/meetings/${meetingId}`);
      unknownGoal(await api(as.team, 'PATCH', `/meetings/${meetingId}`, { agendaGoalIds: [goal.debt], version: before.version }), 'agendaGoalIds.0');
      unknownGoal(
        await api(as.team, 'POST', `/meetings/${meetingId}/decisions`, { becomes: 'action', text: 'Nyt budget', goalId: goal.debt, responsible: { kind: 'staff', userId: ids.team } }),
        'goalId',
      );
      const at = new Date(Date.now() + 5 * 86_400_000);
      unknownGoal(
        await api(as.team, 'POST', fpath('/meetings'), { title: 'Opfølgning', startsAt: at.toISOString(), endsAt: new Date(at.getTime() + 3_600_000).toISOString(), agendaGoalIds: [goal.debt] }),
        'agendaGoalIds.0',
      );
      const same = await ok(as.coordinator, 'GET', `/meetings/${meetingId}`);
      expect(same.version).toBe(before.version);
      expect(same.decisions).toHaveLength(2);
      expect((await ok(as.coordinator, 'GET', fpath('/meetings'))).meetings).toHaveLength(1);

      // The team member re-plans the agenda they see; the goal they do not see stays on it.
      const changed = await ok(as.team, 'PATCH', `/meetings/${meetingId}`, { agendaGoalIds: [goal.job], agendaText: 'Status', version: before.version });
      expect(changed.agendaGoals.map((g: { id: string }) => g.id)).toEqual([goal.job]);
      const stored = await asSystem(database.db, (tx) => tx.select({ agenda: meeting.agendaGoalIds }).from(meeting).where(eq(meeting.id, meetingId)));
      expect(stored[0]!.agenda).toEqual([goal.job, goal.debt]);
    });
  });

  describe('journal notes', () => {
    let noteId: string;
    beforeAll(async () => {
      noteId = (await ok(as.coordinator, 'POST', fpath('/notes'), { type: 'samtale', occurredAt: new Date().toISOString(), text: 'Talt om job og økonomi', goalIds: [goal.job, goal.debt] })).id;
    });

    it('shows a team member the note with only its links to covered goals, in the read and the list, and audits what was shown', async () => {
      const one = await ok(as.team, 'GET', `/notes/${noteId}`);
      expect(one.text).toBe('Talt om job og økonomi');
      expect(one.goalIds).toEqual([goal.job]);
      expect(one.goalsHiddenByConsent).toBe(1);
      expect((await lastEvent('note.read')).details).toMatchObject({ goalsShown: [goal.job], goalsHiddenByConsent: 1 });
      const list = await ok(as.team, 'GET', fpath('/notes'));
      expect(list.notes.map((n: { id: string; goalIds: string[] }) => [n.id, n.goalIds])).toEqual([[noteId, [goal.job]]]);
      expect(JSON.stringify(list)).not.toContain(goal.debt);
      const coordinator = await ok(as.coordinator, 'GET', `/notes/${noteId}`);
      expect(coordinator.goalIds).toEqual([goal.job, goal.debt]);
      expect(coordinator.goalsHiddenByConsent).toBe(0);
    });

    it('finds nothing when a team member searches by an uncovered goal, as for a goal not in the plan', async () => {
      expect((await ok(as.team, 'GET', fpath(`/notes?goalId=${goal.debt}`))).notes).toEqual([]);
      expect((await ok(as.team, 'GET', fpath(`/notes?goalId=${goal.job}`))).notes).toHaveLength(1);
      expect((await ok(as.coordinator, 'GET', fpath(`/notes?goalId=${goal.debt}`))).notes).toHaveLength(1);
      // The text search reads the notes' own words, never goal titles.
      expect((await ok(as.coordinator, 'GET', fpath(`/notes?q=${encodeURIComponent('gælden')}`))).notes).toEqual([]);
    });

    it('refuses a note linked to an uncovered goal as an unknown goal, and keeps links the author can no longer see on a change', async () => {
      const before = (await ok(as.coordinator, 'GET', fpath('/notes'))).notes.length;
      unknownGoal(await api(as.team, 'POST', fpath('/notes'), { type: 'telefon', occurredAt: new Date().toISOString(), text: 'Om gælden', goalIds: [goal.job, goal.debt] }), 'goalIds.1');
      expect((await ok(as.coordinator, 'GET', fpath('/notes'))).notes).toHaveLength(before);

      const own = await ok(as.team, 'POST', fpath('/notes'), { type: 'telefon', occurredAt: new Date().toISOString(), text: 'Opringning', goalIds: [goal.job] });
      // As if the note was linked while a wider consent was in force.
      await asSystem(database.db, (tx) => tx.update(journalNote).set({ goalIds: [goal.job, goal.debt] }).where(eq(journalNote.id, own.id)));
      unknownGoal(await api(as.team, 'PATCH', `/notes/${own.id}`, { goalIds: [goal.debt] }), 'goalIds.0');
      const changed = await ok(as.team, 'PATCH', `/notes/${own.id}`, { goalIds: [] });
      expect(changed.goalIds).toEqual([]);
      expect(changed.goalsHiddenByConsent).toBe(1);
      expect((await ok(as.coordinator, 'GET', `/notes/${own.id}`)).goalIds).toEqual([goal.debt]);
    });
  });

  describe('tasks', () => {
    const tasks: Record<'coordinatorsDebt' | 'teamsDebt' | 'rating' | 'job', string> = { coordinatorsDebt: '', teamsDebt: '', rating: '', job: '' };
    beforeAll(async () => {
      const due = addDays(today, 7);
      const create = async (assigneeUserId: string, title: string, goalId: string) =>
        (await ok(as.coordinator, 'POST', '/tasks', { assigneeUserId, title, due, familyId: fam.id, goalId })).id as string;
      tasks.coordinatorsDebt = await create(ids.coordinator, 'Ring til SKAT om gælden', goal.debt);
      tasks.teamsDebt = await create(ids.team, 'Spørg om lønnen dækker afdraget', goal.debt);
      tasks.job = await create(ids.team, 'Find praktikplads', goal.job);
      // The deadline job raises a rating task for the coordinator, who hands it on to the team member.
      const [raised] = await asSystem(database.db, (tx) =>
        tx
          .insert(task)
          .values({ municipalityId: m.municipality.id, assigneeUserId: ids.coordinator, title: `Vurdér målet: ${DEBT}`, titleKind: 'goal_rating', titleSubject: DEBT, due, familyId: fam.id, goalId: goal.debt, origin: 'goal_rating' })
          .returning({ id: task.id }),
      );
      tasks.rating = raised!.id;
      await ok(as.coordinator, 'PATCH', `/tasks/${tasks.rating}`, { assigneeUserId: ids.team });
    });

    it("leaves others' tasks about an uncovered goal out of a team member's family list and overview, counted, and shows their own without the goal", async () => {
      const list = await ok(as.team, 'GET', fpath('/tasks'));
      const byId = new Map((list.tasks as Array<{ id: string; title: string; goalId: string | null; link: { kind: string } }>).map((t) => [t.id, t]));
      expect([...byId.keys()].sort()).toEqual([tasks.teamsDebt, tasks.rating, tasks.job].sort());
      expect(list.hiddenByConsent).toBe(1);
      expect(byId.get(tasks.teamsDebt)).toMatchObject({ title: 'Spørg om lønnen dækker afdraget', goalId: null, link: { kind: 'family' } });
      expect(byId.get(tasks.rating)).toMatchObject({ goalId: null, link: { kind: 'family' } });
      expect(byId.get(tasks.rating)!.title).toMatch(/^Vurdér et mål i familiens plan/);
      // What the raised title says goes without its subject, the goal's title.
      expect(byId.get(tasks.rating)).toMatchObject({ raised: { kind: 'goal_rating', subject: null } });
      expect(byId.get(tasks.job)).toMatchObject({ goalId: goal.job, link: { kind: 'goal' } });
      expect(JSON.stringify(list)).not.toMatch(/gælden|SKAT/);
      expect(JSON.stringify(list)).not.toContain(goal.debt);
      expect((await lastEvent('task.read')).details).toMatchObject({ list: 'family', hiddenByConsent: 1 });

      const overview = await ok(as.team, 'GET', fpath(''));
      expect(overview.data.openTasks.map((t: { id: string }) => t.id).sort()).toEqual([tasks.teamsDebt, tasks.rating, tasks.job].sort());
      expect(overview.data.openTasksHiddenByConsent).toBe(1);
      expect(overview.data.openTasks.find((t: { id: string }) => t.id === tasks.rating)).toMatchObject({ raised: { kind: 'goal_rating', subject: null } });
      expect(JSON.stringify(overview.data.openTasks)).not.toMatch(/gælden|SKAT/);
      expect((await lastEvent('family.read')).details).toMatchObject({ tasksHiddenByConsent: 1 });
    });

    it("shows the team member's own tasks in Mine opgaver and in a change's answer without the uncovered goal", async () => {
      const mine = await ok(as.team, 'GET', '/tasks/mine?status=open');
      expect(mine.tasks.map((t: { id: string }) => t.id).sort()).toEqual([tasks.teamsDebt, tasks.rating, tasks.job].sort());
      expect(JSON.stringify(mine)).not.toMatch(/gælden/);
      expect(JSON.stringify(mine)).not.toContain(goal.debt);
      const moved = await ok(as.team, 'PATCH', `/tasks/${tasks.rating}`, { due: addDays(today, 10) });
      expect(moved).toMatchObject({ goalId: null, link: { kind: 'family' } });
      expect(moved.title).not.toMatch(/gælden/);
    });

    it('shows the coordinator every task with its goal', async () => {
      const list = await ok(as.coordinator, 'GET', fpath('/tasks'));
      expect(list.tasks).toHaveLength(4);
      expect(list.hiddenByConsent).toBe(0);
      expect(list.tasks.find((t: { id: string }) => t.id === tasks.rating)).toMatchObject({ title: `Vurdér målet: ${DEBT}`, raised: { kind: 'goal_rating', subject: DEBT }, goalId: goal.debt });
    });

    it('refuses a task linked to an uncovered goal as an unknown goal, and creates nothing', async () => {
      unknownGoal(await api(as.team, 'POST', '/tasks', { assigneeUserId: ids.team, title: 'Budget', due: addDays(today, 3), familyId: fam.id, goalId: goal.debt }), 'goalId');
      expect((await ok(as.coordinator, 'GET', fpath('/tasks'))).tasks).toHaveLength(4);
    });
  });

  describe('interventions serving goals', () => {
    let interventionId: string;
    beforeAll(async () => {
      const type = await ok(as.admin, 'POST', '/admin/intervention-types', {
        code: 'gaeldsraadgivning', name: 'Gældsrådgivning', category: 'economy', departmentId: await departmentId(database.db, m.municipality, 'jobcenter'), price: { amount: 500, per: 'month' }, validFrom: '2000-01-01',
      });
      interventionId = (await ok(as.coordinator, 'POST', fpath('/interventions'), { personId: fam.personIds[0], typeId: type.id, from: addDays(today, -5) })).id;
      for (const g of [goal.job, goal.debt]) await ok(as.coordinator, 'PUT', fpath(`/plan/goals/${g}/interventions/${interventionId}`), { draftVersion: await draftVersion() });
    });

    it("shows a team member only the covered goal's link, in the plan and the overview, and none in the interventions API", async () => {
      const plan = await ok(as.team, 'GET', fpath('/plan'));
      expect(plan.goals.map((g: { id: string; interventionIds: string[] }) => [g.id, g.interventionIds])).toEqual([[goal.job, [interventionId]]]);
      const overview = await ok(as.team, 'GET', fpath(''));
      expect(JSON.stringify(overview)).not.toContain(goal.debt);
      expect(JSON.stringify(await ok(as.team, 'GET', fpath('/interventions')))).not.toContain(goal.debt);
      const coordinator = await ok(as.coordinator, 'GET', fpath('/plan'));
      expect(coordinator.goals.map((g: { interventionIds: string[] }) => g.interventionIds)).toEqual([[interventionId], [interventionId]]);
    });

    it('answers a team member linking or unlinking an intervention to an uncovered goal as for a goal not in the plan, and changes nothing', async () => {
      const dv = await draftVersion();
      for (const res of [
        await api(as.team, 'PUT', fpath(`/plan/goals/${goal.debt}/interventions/${interventionId}`), { draftVersion: dv }),
        await api(as.team, 'DELETE', fpath(`/plan/goals/${goal.debt}/interventions/${interventionId}?draftVersion=${dv}`)),
      ]) {
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().error.code).toBe('goal_not_found');
      }
      expect(await draftVersion()).toBe(dv);
      expect((await ok(as.coordinator, 'GET', fpath('/plan'))).goals.find((g: { id: string }) => g.id === goal.debt).interventionIds).toEqual([interventionId]);
    });
  });
});
