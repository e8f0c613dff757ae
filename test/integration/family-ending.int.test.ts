import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { teamMember } from '../../src/server/modules/families/families.table.js';
import { intervention, interventionType } from '../../src/server/modules/interventions/interventions.table.js';
import { meeting } from '../../src/server/modules/meetings/meetings.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

/** Ending a family's effort, and with it what still runs: interventions, team, planned meetings, open tasks. */
describe.skipIf(!!dbSkipReason)(`ending the effort ends what still runs (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let professional: StaffUser;
  let as: Session;
  let typeId: string;
  let jobcenter: string;
  const today = todayInDenmark();
  const HOUR = 3600_000;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '661' });
    app = await buildTestApp(database);
    coordinator = await buildStaff(database.db, m.municipality, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    professional = await buildStaff(database.db, m.municipality, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    as = await loginAs(app, database.db, coordinator);
    jobcenter = await departmentId(database.db, m.municipality, 'jobcenter');
    [{ id: typeId }] = await asSystem(database.db, (tx) =>
      tx
        .insert(interventionType)
        .values({ municipalityId: m.municipality.id, code: 'mentor', name: 'Mentor', category: 'employment_support', departmentId: jobcenter, priceAmount: 2000, pricePer: 'month', validFrom: '2020-01-01' })
        .returning({ id: interventionType.id }),
    ) as [{ id: string }];
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** An active family with a running and a later intervention, a team member, a meeting ahead and one held, and tasks. */
  async function busyFamily(): Promise<{ fam: BuiltFamily; ids: Record<string, string> }> {
    const fam = await buildFamily(database.db, m.municipality, { coordinator, team: [{ user: professional, department: 'jobcenter' }], status: 'active' });
    const mid = m.municipality.id;
    const ids = await asSystem(database.db, async (tx) => {
      const iv = (from: string, to: string | null) =>
        tx.insert(intervention).values({ municipalityId: mid, familyId: fam.id, personId: fam.personIds[0]!, typeId, departmentId: jobcenter, from, to, priceAmount: 2000, pricePer: 'month' }).returning({ id: intervention.id });
      const mt = (startsAt: Date, status: 'planned' | 'held') =>
        tx
          .insert(meeting)
          .values({ municipalityId: mid, familyId: fam.id, title: 'Netværksmøde', startsAt, endsAt: new Date(startsAt.getTime() + HOUR), agendaGoalIds: [], status, createdBy: coordinator.id })
          .returning({ id: meeting.id });
      const tk = (status: 'open' | 'done') =>
        tx.insert(task).values({ municipalityId: mid, assigneeUserId: professional.id, title: 'Ring til skolen', due: today, familyId: fam.id, origin: 'manual', status }).returning({ id: task.id });
      return {
        running: (await iv('2024-01-01', null))[0]!.id,
        endsLater: (await iv('2024-01-01', addDays(today, 60)))[0]!.id,
        ended: (await iv('2023-01-01', '2023-12-31'))[0]!.id,
        later: (await iv(addDays(today, 30), null))[0]!.id,
        ahead: (await mt(new Date(Date.now() + 48 * HOUR), 'planned'))[0]!.id,
        held: (await mt(new Date(Date.now() - 48 * HOUR), 'held'))[0]!.id,
        open: (await tk('open'))[0]!.id,
        done: (await tk('done'))[0]!.id,
      };
    });
    return { fam, ids };
  }

  const version = async (id: string) => (await app.inject({ method: 'GET', url: `/api/v1/families/${id}`, headers: as.headers })).json().data.version as number;
  const rows = async (familyId: string) =>
    asSystem(database.db, async (tx) => ({
      interventions: Object.fromEntries((await tx.select().from(intervention).where(eq(intervention.familyId, familyId))).map((r) => [r.id, r.to])),
      team: (await tx.select().from(teamMember).where(eq(teamMember.familyId, familyId))).map((r) => r.to),
      meetings: Object.fromEntries((await tx.select().from(meeting).where(eq(meeting.familyId, familyId))).map((r) => [r.id, [r.status, r.cancelReason]])),
      tasks: Object.fromEntries((await tx.select().from(task).where(eq(task.familyId, familyId))).map((r) => [r.id, r.status])),
    }));

  it('completes the family and, when asked, ends the interventions and the team on the date, cancels the meeting ahead and closes the open tasks', async () => {
    const { fam, ids } = await busyFamily();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${fam.id}/status`,
      headers: as.headers,
      payload: { to: 'completed', date: today, reason: 'Målene er nået', endRunning: true, version: await version(fam.id) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, ended: { interventions: 2, teamMembers: 1, meetings: 1, tasks: 1 } });
    const after = await rows(fam.id);
    expect(after.interventions).toEqual({ [ids.running!]: today, [ids.endsLater!]: today, [ids.ended!]: '2023-12-31', [ids.later!]: null });
    expect(after.team).toEqual([today]);
    expect(after.meetings).toEqual({ [ids.ahead!]: ['cancelled', 'Familiens forløb er afsluttet'], [ids.held!]: ['held', null] });
    expect(after.tasks).toEqual({ [ids.open!]: 'cancelled', [ids.done!]: 'done' });
    const [event] = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'family.end_running'), eq(auditEvent.targetId, fam.id))),
    );
    expect(event?.details).toMatchObject({ to: 'completed', date: today, interventionIds: expect.arrayContaining([ids.running, ids.endsLater]), meetingIds: [ids.ahead], taskIds: [ids.open] });
    // The meeting's invitation is now a cancellation.
    const ics = await app.inject({ method: 'GET', url: `/api/v1/meetings/${ids.ahead}/invitation.ics`, headers: as.headers });
    expect(ics.body).toContain('METHOD:CANCEL');
  });

  it('leaves everything running when not asked, and never for a status that does not end the effort', async () => {
    const { fam, ids } = await busyFamily();
    const before = await rows(fam.id);
    const paused = await app.inject({ method: 'POST', url: `/api/v1/families/${fam.id}/status`, headers: as.headers, payload: { to: 'paused', date: today, reason: 'Pause', endRunning: true, version: await version(fam.id) } });
    expect(paused.json()).toEqual({ ok: true, ended: null });
    const completed = await app.inject({ method: 'POST', url: `/api/v1/families/${fam.id}/status`, headers: as.headers, payload: { to: 'completed', date: today, reason: 'Slut', version: await version(fam.id) } });
    expect(completed.json()).toEqual({ ok: true, ended: null });
    expect(await rows(fam.id)).toEqual(before);
    expect(before.tasks[ids.open!]).toBe('open');
  });

  it('changes nothing when the status change is refused', async () => {
    const { fam } = await busyFamily();
    const before = await rows(fam.id);
    const stale = await app.inject({ method: 'POST', url: `/api/v1/families/${fam.id}/status`, headers: as.headers, payload: { to: 'completed', date: today, reason: 'Slut', endRunning: true, version: 999 } });
    expect(stale.statusCode).toBe(409);
    const future = await app.inject({ method: 'POST', url: `/api/v1/families/${fam.id}/status`, headers: as.headers, payload: { to: 'completed', date: addDays(today, 3), reason: 'Slut', endRunning: true, version: await version(fam.id) } });
    expect(future.statusCode).toBe(400);
    expect(await rows(fam.id)).toEqual(before);
  });
});
