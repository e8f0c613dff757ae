import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { person } from '../../src/server/modules/families/families.table.js';
import { meeting, meetingParticipant } from '../../src/server/modules/meetings/meetings.table.js';
import { plan, planAction, planGoal } from '../../src/server/modules/plans/plans.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;
const CPR = '0103851234';

interface ParticipantDto {
  id: string;
  kind: 'member' | 'staff' | 'network';
  personId: string | null;
  userId: string | null;
  name: string;
  relation: string | null;
  email: string | null;
  attended: boolean | null;
}
interface MeetingDto {
  id: string;
  familyId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  agendaGoals: Array<{ id: string; title: string }>;
  agendaText: string;
  participants: ParticipantDto[];
  minutes: string;
  decisions: Array<{ id: string; text: string; becomes: 'task' | 'action'; taskId: string | null; actionId: string | null; due: string | null }>;
  status: 'planned' | 'held' | 'cancelled';
  version: number;
  previousMeetingId: string | null;
  nextMeetingId: string | null;
  cancelReason: string | null;
  can: Record<string, boolean>;
}
interface MyMeeting {
  id: string;
  familyId: string;
  familyNames: string[];
  title: string;
  startsAt: string;
  place: string | null;
  as: 'participant' | 'coordinator';
}

describe.skipIf(!!dbSkipReason)(`network meetings and their invitations (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let jobConsultant: StaffUser;
  let teacher: StaffUser;
  let outsider: StaffUser;
  let manager: StaffUser;
  let as: Record<'coordinator' | 'team' | 'teacher' | 'outsider' | 'manager', Session>;
  let fam: BuiltFamily;
  let otherFam: BuiltFamily;
  let goals: { work: string; school: string; otherFamily: string };
  let planId: string;
  let jobcenterId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '657' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    jobConsultant = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    teacher = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Lise Lærer' });
    outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, jobConsultant),
      teacher: await loginAs(app, database.db, teacher),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, manager),
    };
    jobcenterId = await departmentId(database.db, mu, 'jobcenter');
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Hansen' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Hansen' },
      ],
      team: [{ user: jobConsultant, department: 'jobcenter' }],
      status: 'active',
    });
    otherFam = await buildFamily(database.db, mu, { coordinator, members: [{ role: 'parent', givenName: 'Bo', familyName: 'Berg' }], status: 'active' });
    await asSystem(database.db, (tx) =>
      tx.update(person).set({ cpr: CPR, email: 'amina@example.org' }).where(and(eq(person.municipalityId, mu.id), eq(person.id, fam.personIds[0]!))),
    );
    const goalOf = async (familyId: string, title: string, pid: string) =>
      (
        await asSystem(database.db, (tx) =>
          tx
            .insert(planGoal)
            .values({ municipalityId: mu.id, planId: pid, familyId, domain: 'work_education', horizon: 'short', title, createdAt: '2020-01-01' })
            .returning({ id: planGoal.id }),
        )
      )[0]!.id;
    const planOf = async (familyId: string) =>
      (await asSystem(database.db, (tx) => tx.insert(plan).values({ municipalityId: mu.id, familyId, startDate: '2020-01-01' }).returning({ id: plan.id })))[0]!.id;
    planId = await planOf(fam.id);
    const otherPlan = await planOf(otherFam.id);
    goals = {
      work: await goalOf(fam.id, 'Amina vil have et arbejde', planId),
      school: await goalOf(fam.id, 'Yusuf kommer i skole hver dag', planId),
      otherFamily: await goalOf(otherFam.id, 'Bo vil flytte', otherPlan),
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const lastEvent = async (action: string) =>
    (
      await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
      )
    ).at(-1)!;
  const meetingCount = async () => (await asSystem(database.db, (tx) => tx.select({ id: meeting.id }).from(meeting))).length;
  const participantCount = async () => (await asSystem(database.db, (tx) => tx.select({ id: meetingParticipant.id }).from(meetingParticipant))).length;
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

  const body = (over: object = {}) => ({
    title: 'Netværksmøde',
    startsAt: '2030-03-10T09:00:00+01:00',
    endsAt: '2030-03-10T10:30:00+01:00',
    place: 'Rådhuset, mødelokale 2',
    agendaGoalIds: [goals.work, goals.school],
    agendaText: 'Status siden sidst, og hvad skal der ske nu',
    participants: [
      { kind: 'member', personId: fam.personIds[0] },
      { kind: 'staff', userId: teacher.id },
      { kind: 'network', name: 'Fatima Hansen', relation: 'mormor', email: 'fatima@example.org' },
    ],
    ...over,
  });
  const schedule = async (over: object = {}, familyId = fam.id): Promise<MeetingDto> => {
    const res = await call(as.coordinator, 'POST', `/api/v1/families/${familyId}/meetings`, body(over));
    if (res.statusCode !== 201) throw new Error(`schedule: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const invitation = async (id: string, s: Session = as.coordinator) => {
    const res = await call(s, 'GET', `/api/v1/meetings/${id}/invitation.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const vevents = calendar.getAllSubcomponents('vevent');
    return { text: res.body, calendar, vevents, event: new ICAL.Event(vevents[0]!) };
  };

  it('schedules a meeting with a family member, a staff user and a network person, audited naming the family', async () => {
    const mt = await schedule();
    expect(mt).toMatchObject({
      familyId: fam.id,
      title: 'Netværksmøde',
      startsAt: '2030-03-10T08:00:00.000Z',
      endsAt: '2030-03-10T09:30:00.000Z',
      place: 'Rådhuset, mødelokale 2',
      status: 'planned',
      version: 1,
      agendaGoals: [
        { id: goals.work, title: 'Amina vil have et arbejde' },
        { id: goals.school, title: 'Yusuf kommer i skole hver dag' },
      ],
    });
    expect(mt.participants.map((p) => [p.kind, p.name, p.email, p.relation])).toEqual([
      ['member', 'Amina Hansen', 'amina@example.org', null],
      ['network', 'Fatima Hansen', 'fatima@example.org', 'mormor'],
      ['staff', 'Lise Lærer', teacher.email, expect.any(String)],
    ]);
    const ev = await lastEvent('meeting.create');
    expect(ev.targetId).toBe(mt.id);
    expect([...ev.personIds].sort()).toEqual([...fam.personIds].sort());
  });

  it('lets a team member schedule and read, lists the family’s meetings, and audits the reads', async () => {
    const res = await call(as.team, 'POST', `/api/v1/families/${fam.id}/meetings`, body({ title: 'Opfølgning', participants: [] }));
    expect(res.statusCode).toBe(201);
    const list = await call(as.team, 'GET', `/api/v1/families/${fam.id}/meetings`);
    expect(list.statusCode).toBe(200);
    expect(list.json().meetings.map((x: { title: string }) => x.title)).toContain('Opfølgning');
    expect(list.json().can.schedule).toBe(true);
    // Each row counts its own participants: none here, three (a member, a staff user, a network person) in one
    // scheduled with them.
    const withThree = await schedule({ title: 'Med tre deltagere' });
    const counts = (await call(as.team, 'GET', `/api/v1/families/${fam.id}/meetings`)).json().meetings as { id: string; participantCount: number }[];
    expect(counts.find((x) => x.id === res.json().id)?.participantCount).toBe(0);
    expect(counts.find((x) => x.id === withThree.id)?.participantCount).toBe(3);
    const one = await call(as.team, 'GET', `/api/v1/meetings/${res.json().id}`);
    expect(one.statusCode).toBe(200);
    const ev = await lastEvent('meeting.read');
    expect(ev.targetId).toBe(res.json().id);
    expect(ev.personIds.length).toBe(2);
  });

  it('reschedules from the version seen, bumping the invitation’s SEQUENCE; a stale version changes nothing', async () => {
    const mt = await schedule();
    const res = await call(as.coordinator, 'PATCH', `/api/v1/meetings/${mt.id}`, {
      startsAt: '2030-03-11T13:00:00+01:00',
      endsAt: '2030-03-11T14:00:00+01:00',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, startsAt: '2030-03-11T12:00:00.000Z' });
    // Participants still on the list keep their ids; the others go.
    const kept = mt.participants.find((p) => p.kind === 'member')!;
    const moved = await call(as.coordinator, 'PATCH', `/api/v1/meetings/${mt.id}`, {
      participants: [{ kind: 'member', personId: fam.personIds[0] }, { kind: 'member', personId: fam.personIds[1] }],
      version: 2,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().version).toBe(3);
    expect(moved.json().participants.map((p: ParticipantDto) => p.personId)).toEqual([fam.personIds[0], fam.personIds[1]]);
    expect(moved.json().participants[0].id).toBe(kept.id);
    const { event } = await invitation(mt.id);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-03-11T12:00:00.000Z');

    const stale = await call(as.coordinator, 'PATCH', `/api/v1/meetings/${mt.id}`, { title: 'Gammel visning', version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('meeting_conflict');
    const after = await call(as.coordinator, 'GET', `/api/v1/meetings/${mt.id}`);
    expect(after.json()).toMatchObject({ title: 'Netværksmøde', version: 3 });
    expect((await lastEvent('meeting.update')).details).toMatchObject({ version: 3 });
  });

  describe('bad input gets its message and saves nothing', () => {
    const refused = async (payload: object, path: string, code: string, url = `/api/v1/families/${fam.id}/meetings`, method: 'POST' | 'PATCH' = 'POST') => {
      const meetings = await meetingCount();
      const participants = await participantCount();
      const res = await call(as.coordinator, method, url, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.problems).toContainEqual({ path, message: FIELD_MESSAGES[code]!.da });
      expect(await meetingCount()).toBe(meetings);
      expect(await participantCount()).toBe(participants);
      return res.json().error.problems as Array<{ path: string; message: string }>;
    };

    it('a meeting ending before it starts', async () => {
      await refused(body({ endsAt: '2030-03-10T08:59:00+01:00' }), 'endsAt', 'meeting_end_before_start');
    });

    it('an end before the stored start when only the end is changed', async () => {
      const mt = await schedule();
      await refused({ endsAt: '2030-03-10T08:00:00+01:00', version: 1 }, 'endsAt', 'meeting_end_before_start', `/api/v1/meetings/${mt.id}`, 'PATCH');
      expect((await call(as.coordinator, 'GET', `/api/v1/meetings/${mt.id}`)).json().version).toBe(1);
    });

    it('a goal of another family on the agenda', async () => {
      await refused(body({ agendaGoalIds: [goals.work, goals.otherFamily] }), 'agendaGoalIds.1', 'unknown_goal');
    });

    it('a participant who is not a member of the family, and an unknown staff user, each at its path', async () => {
      const problems = await refused(
        body({
          participants: [
            { kind: 'member', personId: otherFam.personIds[0] },
            { kind: 'staff', userId: NOBODY },
            { kind: 'network', name: 'Træner Tom', relation: 'fodboldtræner' },
          ],
        }),
        'participants.0.personId',
        'unknown_person',
      );
      expect(problems).toContainEqual({ path: 'participants.1.userId', message: FIELD_MESSAGES.unknown_user!.da });
      expect(problems).toHaveLength(2);
    });

    it('a link that is not https', async () => {
      await refused(body({ onlineUrl: 'http://meet.example/abc' }), 'onlineUrl', 'https_url');
    });
  });

  it('records minutes and attendance once the meeting has begun; the meeting is then held', async () => {
    const future = await schedule();
    const early = await call(as.coordinator, 'POST', `/api/v1/meetings/${future.id}/minutes`, { minutes: 'Vi talte om job', attended: [] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('meeting_not_started');

    const mt = await schedule({ startsAt: at(-2 * HOUR), endsAt: at(-HOUR) });
    const [amina, , teacherP] = [mt.participants[0]!, mt.participants[1]!, mt.participants[2]!];
    const wrong = await call(as.team, 'POST', `/api/v1/meetings/${mt.id}/minutes`, { minutes: 'Referat', attended: [future.participants[0]!.id] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.problems).toEqual([{ path: 'attended.0', message: FIELD_MESSAGES.not_a_participant!.da }]);

    const res = await call(as.team, 'POST', `/api/v1/meetings/${mt.id}/minutes`, { minutes: 'Amina starter i praktik.', attended: [amina.id, teacherP.id] });
    expect(res.statusCode).toBe(200);
    const held: MeetingDto = res.json();
    expect(held).toMatchObject({ status: 'held', minutes: 'Amina starter i praktik.', version: 2 });
    expect(Object.fromEntries(held.participants.map((p) => [p.name, p.attended]))).toEqual({ 'Amina Hansen': true, 'Lise Lærer': true, 'Fatima Hansen': false });
    expect((await lastEvent('meeting.minutes')).details).toMatchObject({ attended: 2, of: 3 });
    const patch = await call(as.coordinator, 'PATCH', `/api/v1/meetings/${mt.id}`, { title: 'Nyt', version: 2 });
    expect(patch.json().error.code).toBe('meeting_closed');
  });

  it('turns a decision into a task for a staff user and another into an action under a goal of the plan', async () => {
    const mt = await schedule({ startsAt: at(-2 * HOUR), endsAt: at(-HOUR) });
    const asTask = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, {
      becomes: 'task',
      text: 'Jens finder et praktiksted',
      assigneeUserId: jobConsultant.id,
      due: '2030-04-01',
    });
    expect(asTask.statusCode).toBe(201);
    const taskDecision = asTask.json().decisions[0];
    expect(taskDecision).toMatchObject({ becomes: 'task', text: 'Jens finder et praktiksted', due: '2030-04-01', actionId: null });
    const [t] = await asSystem(database.db, (tx) => tx.select().from(task).where(eq(task.id, taskDecision.taskId)));
    expect(t).toMatchObject({
      assigneeUserId: jobConsultant.id,
      title: 'Jens finder et praktiksted',
      due: '2030-04-01',
      familyId: fam.id,
      meetingId: mt.id,
      origin: 'meeting_decision',
      status: 'open',
      createdBy: coordinator.id,
    });

    const draftBefore = (await asSystem(database.db, (tx) => tx.select().from(plan).where(eq(plan.id, planId))))[0]!.draftVersion;
    const asAction = await call(as.team, 'POST', `/api/v1/meetings/${mt.id}/decisions`, {
      becomes: 'action',
      text: 'Amina søger tre job om ugen',
      goalId: goals.work,
      responsible: { kind: 'person', personId: fam.personIds[0] },
      due: '2030-05-01',
    });
    expect(asAction.statusCode).toBe(201);
    const actionDecision = asAction.json().decisions[1];
    expect(actionDecision).toMatchObject({ becomes: 'action', taskId: null });
    const [a] = await asSystem(database.db, (tx) => tx.select().from(planAction).where(eq(planAction.id, actionDecision.actionId)));
    const draftAfter = (await asSystem(database.db, (tx) => tx.select().from(plan).where(eq(plan.id, planId))))[0]!.draftVersion;
    expect(draftAfter).toBe(draftBefore + 1);
    expect(a).toMatchObject({
      goalId: goals.work,
      what: 'Amina søger tre job om ugen',
      due: '2030-05-01',
      responsible: { kind: 'person', personId: fam.personIds[0] },
      createdInDraft: draftAfter,
      changedInDraft: draftAfter,
      changedBy: jobConsultant.id,
    });
    expect((await lastEvent('meeting.decision')).details).toMatchObject({ becomes: 'action', actionId: actionDecision.actionId, goalId: goals.work });
  });

  it('records decisions only once the meeting has begun, as the minutes', async () => {
    const ahead = await schedule({ startsAt: at(26 * HOUR), endsAt: at(27 * HOUR) });
    expect((await call(as.coordinator, 'GET', `/api/v1/meetings/${ahead.id}`)).json().can).toMatchObject({ decide: false, recordMinutes: false });
    const tasks = (await asSystem(database.db, (tx) => tx.select().from(task))).length;
    const res = await call(as.coordinator, 'POST', `/api/v1/meetings/${ahead.id}/decisions`, { becomes: 'task', text: 'For tidligt', assigneeUserId: jobConsultant.id, due: '2031-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'meeting_not_started_decisions', message: expect.stringContaining('Beslutninger kan registreres') });
    expect((await asSystem(database.db, (tx) => tx.select().from(task))).length).toBe(tasks);
  });

  it('refuses a decision for an unknown assignee, a goal of another family or a responsible outside the family, creating nothing', async () => {
    const mt = await schedule({ startsAt: at(-2 * HOUR), endsAt: at(-HOUR) });
    const tasks = (await asSystem(database.db, (tx) => tx.select().from(task))).length;
    const actions = (await asSystem(database.db, (tx) => tx.select().from(planAction))).length;
    const noUser = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, { becomes: 'task', text: 'X', assigneeUserId: NOBODY, due: '2030-04-01' });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().error.problems).toEqual([{ path: 'assigneeUserId', message: FIELD_MESSAGES.unknown_user!.da }]);
    // Lise takes part in meetings but does not work with the family: a task for it would be one she cannot open.
    const noAccess = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, { becomes: 'task', text: 'X', assigneeUserId: teacher.id, due: '2030-04-01' });
    expect(noAccess.json().error.problems).toEqual([{ path: 'assigneeUserId', message: FIELD_MESSAGES.assignee_without_access!.da }]);
    const bad = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, {
      becomes: 'action',
      text: 'Y',
      goalId: goals.otherFamily,
      responsible: { kind: 'person', personId: otherFam.personIds[0] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems).toEqual([
      { path: 'goalId', message: FIELD_MESSAGES.unknown_goal!.da },
      { path: 'responsible.personId', message: FIELD_MESSAGES.unknown_person!.da },
    ]);
    const early = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, {
      becomes: 'action',
      text: 'Z',
      goalId: goals.work,
      responsible: { kind: 'department', departmentId: jobcenterId },
      due: '2019-12-31',
    });
    expect(early.json().error.problems).toEqual([{ path: 'due', message: FIELD_MESSAGES.date_before_plan_start!.da }]);
    // What the meeting decides cannot be due before the meeting's day.
    const meetingDay = new Date(new Date(mt.startsAt).getTime()).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const before = new Date(new Date(`${meetingDay}T12:00:00Z`).getTime() - 24 * HOUR).toISOString().slice(0, 10);
    const late = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, { becomes: 'task', text: 'For sent', assigneeUserId: jobConsultant.id, due: before });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.problems).toEqual([{ path: 'due', message: FIELD_MESSAGES.due_before_meeting!.da }]);
    const lateAction = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/decisions`, {
      becomes: 'action',
      text: 'For sent',
      goalId: goals.work,
      responsible: { kind: 'department', departmentId: jobcenterId },
      due: before,
    });
    expect(lateAction.json().error.problems).toEqual([{ path: 'due', message: FIELD_MESSAGES.due_before_meeting!.da }]);
    expect((await asSystem(database.db, (tx) => tx.select().from(task))).length).toBe(tasks);
    expect((await asSystem(database.db, (tx) => tx.select().from(planAction))).length).toBe(actions);
    expect((await call(as.coordinator, 'GET', `/api/v1/meetings/${mt.id}`)).json().decisions).toEqual([]);
  });

  it('schedules the next meeting and links the two; a second next meeting is refused', async () => {
    const mt = await schedule({ startsAt: at(-2 * HOUR), endsAt: at(-HOUR) });
    const before = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/next`, body({ startsAt: at(-3 * HOUR), endsAt: at(-2.5 * HOUR) }));
    expect(before.statusCode).toBe(400);
    expect(before.json().error.problems).toEqual([{ path: 'startsAt', message: FIELD_MESSAGES.next_meeting_before!.da }]);
    const res = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/next`, body({ title: 'Næste netværksmøde' }));
    expect(res.statusCode).toBe(201);
    const next: MeetingDto = res.json();
    expect(next).toMatchObject({ title: 'Næste netværksmøde', previousMeetingId: mt.id, nextMeetingId: null, status: 'planned' });
    const first = (await call(as.coordinator, 'GET', `/api/v1/meetings/${mt.id}`)).json();
    expect(first.nextMeetingId).toBe(next.id);
    expect(first.can.planNext).toBe(false);
    expect((await lastEvent('meeting.create')).details).toMatchObject({ previousMeetingId: mt.id });
    const again = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/next`, body());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('next_meeting_exists');
  });

  it('gives an invitation a real iCalendar parser reads: one VEVENT, stable UID, SEQUENCE, times, organizer, attendees and no CPR', async () => {
    const mt = await schedule({ agendaText: `Amina (${CPR.slice(0, 6)}-${CPR.slice(6)}) fortæller om praktikken`, onlineUrl: 'https://meet.example/abc' });
    const { text, calendar, vevents, event } = await invitation(mt.id, as.team);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevents).toHaveLength(1);
    expect(event.uid).toBe(`${mt.id}@helhed`);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-03-10T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2030-03-10T09:30:00.000Z');
    expect(event.summary).toBe('Netværksmøde');
    expect(event.location).toBe('Rådhuset, mødelokale 2');
    expect(vevents[0]!.getFirstPropertyValue('url')).toBe('https://meet.example/abc');
    expect(String(event.organizer).toLowerCase()).toBe(`mailto:${coordinator.email}`);
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual(
      ['mailto:amina@example.org', 'mailto:fatima@example.org', `mailto:${teacher.email}`].sort(),
    );
    expect(event.description).toContain('Amina vil have et arbejde');
    expect(event.description).toContain('fortæller om praktikken');
    expect(text).not.toContain(CPR);
    expect(text).not.toContain(CPR.slice(0, 6));
    // The UID is a random UUID, whose hex groups may hold ten digits in a row; everything else must not.
    expect(text.replace(/^UID:.*$/m, '')).not.toMatch(/\d{6}-?\d{4}/);
    expect((await lastEvent('meeting.ics')).targetId).toBe(mt.id);
    expect(event.description).toContain('Dagsorden:');
    // In the language the user reads the app in (the link's ?lang), whatever the browser's Accept-Language says.
    const en = await app.inject({ method: 'GET', url: `/api/v1/meetings/${mt.id}/invitation.ics?lang=en`, headers: { ...as.team.headers, 'accept-language': 'da' } });
    expect(en.statusCode).toBe(200);
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(en.body)).getAllSubcomponents('vevent')[0]!).description).toMatch(/^Agenda:/);
    const da = await app.inject({ method: 'GET', url: `/api/v1/meetings/${mt.id}/invitation.ics?lang=da`, headers: { ...as.team.headers, 'accept-language': 'en' } });
    expect(da.body).toContain('Dagsorden:');
    expect((await app.inject({ method: 'GET', url: `/api/v1/meetings/${mt.id}/invitation.ics?lang=fr`, headers: as.team.headers })).statusCode).toBe(400);
  });

  it('cancels a planned meeting: the invitation becomes METHOD:CANCEL, STATUS:CANCELLED with a higher SEQUENCE', async () => {
    const mt = await schedule();
    const res = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/cancel`, { reason: 'Familien er syg' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Familien er syg', version: 2 });
    const { calendar, vevents, event } = await invitation(mt.id);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(`${mt.id}@helhed`);
    expect(event.sequence).toBe(2);
    const again = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/cancel`, { reason: 'Igen' });
    expect(again.json().error.code).toBe('meeting_closed');
    const minutes = await call(as.coordinator, 'POST', `/api/v1/meetings/${mt.id}/minutes`, { minutes: 'x', attended: [] });
    expect(minutes.json().error.code).toBe('meeting_cancelled');
    expect((await lastEvent('meeting.cancel')).targetId).toBe(mt.id);
  });

  it('lists "Mine møder": upcoming, not cancelled, where I am a staff participant or the coordinator', async () => {
    const mine = await schedule({ title: 'Mødet med Lise', startsAt: '2031-01-05T10:00:00+01:00', endsAt: '2031-01-05T11:00:00+01:00' });
    const past = await schedule({ title: 'Det var i går', startsAt: at(-26 * HOUR), endsAt: at(-25 * HOUR) });
    const cancelled = await schedule({ title: 'Aflyst', startsAt: '2031-01-06T10:00:00+01:00', endsAt: '2031-01-06T11:00:00+01:00' });
    await call(as.coordinator, 'POST', `/api/v1/meetings/${cancelled.id}/cancel`, { reason: 'Aflyst' });
    const notInvited = await schedule({ title: 'Uden Lise', participants: [], startsAt: '2031-01-07T10:00:00+01:00', endsAt: '2031-01-07T11:00:00+01:00' });

    // Invited, but not on the family's team: the meeting cannot be opened, so the list counts it and names nothing.
    const uninvited = await call(as.teacher, 'GET', '/api/v1/meetings/mine');
    expect(uninvited.statusCode).toBe(200);
    expect(uninvited.json().meetings).toEqual([]);
    const invitedTo = uninvited.json().notAccessible as number; // this one and those scheduled by the tests before
    expect(invitedTo).toBeGreaterThanOrEqual(1);
    expect(uninvited.body).not.toContain('Hansen');
    expect((await call(as.teacher, 'GET', `/api/v1/meetings/${mine.id}`)).statusCode).toBe(404);
    expect((await lastEvent('meeting.read')).details).toMatchObject({ list: 'mine', meetings: 0, notAccessible: invitedTo, familyIds: [] });

    // On the team from yesterday: listed, and it opens.
    const yesterday = new Date(Date.now() - 24 * HOUR).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const familyVersion = async () => (await call(as.coordinator, 'GET', `/api/v1/families/${fam.id}`)).json().data.version as number;
    const daycare = await departmentId(database.db, m.municipality, 'daycare_school');
    const joined = await call(as.coordinator, 'POST', `/api/v1/families/${fam.id}/team`, { userId: teacher.id, departmentId: daycare, role: 'Klasselærer', from: yesterday, version: await familyVersion() });
    expect(joined.statusCode).toBe(201);
    const teacherList = await call(as.teacher, 'GET', '/api/v1/meetings/mine');
    expect(teacherList.statusCode).toBe(200);
    expect(teacherList.json().notAccessible).toBe(0);
    expect(teacherList.json().meetings).toHaveLength(invitedTo);
    const ids = teacherList.json().meetings.map((x: MyMeeting) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(past.id);
    expect(ids).not.toContain(cancelled.id);
    expect(ids).not.toContain(notInvited.id);
    expect(teacherList.json().meetings.find((x: MyMeeting) => x.id === mine.id)).toMatchObject({
      familyNames: ['Hansen'],
      title: 'Mødet med Lise',
      startsAt: '2031-01-05T09:00:00.000Z',
      place: 'Rådhuset, mødelokale 2',
      as: 'participant',
    });
    const starts = teacherList.json().meetings.map((x: MyMeeting) => x.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect((await lastEvent('meeting.read')).details).toMatchObject({ list: 'mine', notAccessible: 0 });
    expect((await call(as.teacher, 'GET', `/api/v1/meetings/${mine.id}`)).statusCode).toBe(200);

    // The membership ended yesterday: the invitation outlives it, the access does not.
    const ended = await call(as.coordinator, 'POST', `/api/v1/families/${fam.id}/team/${joined.json().id}/end`, { to: yesterday, version: await familyVersion() });
    expect(ended.statusCode).toBe(200);
    expect((await call(as.teacher, 'GET', '/api/v1/meetings/mine')).json()).toMatchObject({ meetings: [], notAccessible: invitedTo });

    const coordinatorList = (await call(as.coordinator, 'GET', '/api/v1/meetings/mine?from=2031-01-05&to=2031-01-07')).json().meetings as MyMeeting[];
    expect(coordinatorList.map((x) => x.id)).toEqual([mine.id, notInvited.id]);
    expect(coordinatorList.every((x) => x.as === 'coordinator')).toBe(true);

    expect((await call(as.outsider, 'GET', '/api/v1/meetings/mine')).json().meetings).toEqual([]);
  });

  it('answers an outsider 404 for a meeting, exactly as for one that does not exist, and audits the refusal', async () => {
    const mt = await schedule();
    for (const url of [`/api/v1/meetings/${mt.id}`, `/api/v1/meetings/${mt.id}/invitation.ics`, `/api/v1/meetings/${NOBODY}`, '/api/v1/meetings/not-a-uuid']) {
      const res = await call(as.outsider, 'GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('meeting_not_found');
    }
    const patch = await call(as.outsider, 'PATCH', `/api/v1/meetings/${mt.id}`, { title: 'Overtaget', version: 1 });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('meeting_not_found');
    const create = await call(as.outsider, 'POST', `/api/v1/families/${fam.id}/meetings`, body());
    expect(create.statusCode).toBe(404);
    const denied = await lastEvent('access.denied');
    expect(denied).toMatchObject({ outcome: 'denied', targetId: fam.id });
    expect((await call(as.coordinator, 'GET', `/api/v1/meetings/${mt.id}`)).json().title).toBe('Netværksmøde');
  });

  it('lets the supervising manager read meetings but not change them', async () => {
    const mt = await schedule();
    const read = await call(as.manager, 'GET', `/api/v1/meetings/${mt.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().can).toEqual({ edit: false, recordMinutes: false, decide: false, cancel: false, planNext: false });
    const change = await call(as.manager, 'POST', `/api/v1/meetings/${mt.id}/cancel`, { reason: 'Nej' });
    expect(change.statusCode).toBe(404);
  });
});
