import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import type { TeamFamiliesDto } from '../../src/shared/families.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { consent } from '../../src/server/modules/families/families.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import type { z } from 'zod';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
type List = z.infer<typeof TeamFamiliesDto>;

/**
 * Mine familier: a team member's families are exactly those the access rule lets them open — current memberships,
 * consent covering their department (or none recorded yet) — with their tasks there, audited with the persons shown.
 */
describe.skipIf(!!dbSkipReason)(`Mine familier, the team member's list (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let consultant: StaffUser;
  let as: Record<'consultant' | 'coordinator' | 'analyst' | 'newcomer', Session>;
  const f: Record<'assessing' | 'covered' | 'notCovered' | 'withdrawn' | 'ended' | 'future' | 'other' | 'completed', BuiltFamily> = {} as never;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '616' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    consultant = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const analyst = await buildStaff(database.db, mu, { roles: ['analyst'], name: 'Anders Analytiker' });
    const newcomer = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Nina Ny' });
    const onTeam = (extra: { from?: string; to?: string | null; role?: string } = {}) => [{ user: consultant, department: 'jobcenter', role: 'Jobkonsulent', ...extra }];
    const member = (familyName: string) => [{ role: 'parent' as const, familyName }, { role: 'child' as const, familyName }];
    f.assessing = await buildFamily(database.db, mu, { coordinator, status: 'assessing', members: member('Østergaard'), team: onTeam({ from: day(-10) }) });
    f.covered = await buildFamily(database.db, mu, { coordinator, status: 'active', members: member('Andersen'), team: onTeam({ from: day(-100), to: day(60) }) });
    f.notCovered = await buildFamily(database.db, mu, { coordinator, status: 'active', members: member('Berg'), team: onTeam() });
    f.withdrawn = await buildFamily(database.db, mu, { coordinator, status: 'paused', members: member('Clausen'), team: onTeam() });
    f.ended = await buildFamily(database.db, mu, { coordinator, status: 'active', members: member('Dahl'), team: onTeam({ to: day(-1) }) });
    f.future = await buildFamily(database.db, mu, { coordinator, status: 'active', members: member('Eriksen'), team: onTeam({ from: day(1) }) });
    f.other = await buildFamily(database.db, mu, { coordinator, status: 'active', members: member('Frost') });
    f.completed = await buildFamily(database.db, mu, { coordinator, status: 'completed', members: member('Aagaard'), team: onTeam() });
    const jobcenter = await departmentId(database.db, mu, 'jobcenter');
    const childrenFamily = await departmentId(database.db, mu, 'children_family');
    await asSystem(database.db, async (tx) => {
      const given = (familyId: string, personId: string, departmentIds: string[], extra: Partial<typeof consent.$inferInsert> = {}) => ({
        municipalityId: mu.id,
        familyId,
        personId,
        scope: { departmentIds, kinds: ['employment'] } as never,
        givenAt: day(-50),
        howGiven: 'written' as const,
        ...extra,
      });
      await tx.insert(consent).values([
        given(f.covered.id, f.covered.personIds[0]!, [jobcenter, childrenFamily]),
        given(f.notCovered.id, f.notCovered.personIds[0]!, [childrenFamily]),
        // The jobcentre's consent was withdrawn; what is left covers only the children-and-family department.
        given(f.withdrawn.id, f.withdrawn.personIds[0]!, [jobcenter], { withdrawnAt: day(-2) }),
        given(f.withdrawn.id, f.withdrawn.personIds[0]!, [childrenFamily]),
        given(f.completed.id, f.completed.personIds[0]!, [jobcenter]),
      ]);
      const assigned = (familyId: string, due: string, extra: Partial<typeof task.$inferInsert> = {}) => ({
        municipalityId: mu.id,
        assigneeUserId: consultant.id,
        title: 'Opgave',
        due,
        familyId,
        origin: 'manual' as const,
        ...extra,
      });
      await tx.insert(task).values([
        assigned(f.covered.id, day(-3)),
        assigned(f.covered.id, day(7)),
        assigned(f.covered.id, day(-20), { status: 'done', completedAt: new Date() }),
        assigned(f.covered.id, day(-5), { assigneeUserId: coordinator.id }),
      ]);
    });
    as = {
      consultant: await loginAs(app, database.db, consultant),
      coordinator: await loginAs(app, database.db, coordinator),
      analyst: await loginAs(app, database.db, analyst),
      newcomer: await loginAs(app, database.db, newcomer),
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const list = async (s: Session): Promise<List> => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/team-families', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('lists the families whose team the member is on today and whose consent covers their department, open ones first', async () => {
    const { families, notCovered } = await list(as.consultant);
    expect(families.map((x) => x.id)).toEqual([f.covered.id, f.assessing.id, f.completed.id]);
    expect(families.map((x) => x.familyNames)).toEqual([['Andersen'], ['Østergaard'], ['Aagaard']]);
    expect(families[0]!.givenNames.map((n) => n.replace(/\d.*/, ''))).toEqual(['Forælder', 'Barn']);
    // Berg (consent for another department only) and Clausen (the jobcentre's consent withdrawn): counted, not shown.
    expect(notCovered).toBe(2);
  });

  it('gives the coordinator to contact, the member’s place on the team and their own open tasks', async () => {
    const { families } = await list(as.consultant);
    const covered = families.find((x) => x.id === f.covered.id)!;
    expect(covered.status).toBe('active');
    expect(covered.coordinator).toEqual({ name: 'Karin Koordinator', email: coordinator.email });
    expect(covered.memberships).toEqual([{ departmentName: expect.any(String), role: 'Jobkonsulent', from: day(-100), to: day(60) }]);
    expect(covered.memberships[0]!.departmentName).toMatch(/job/i);
    // Two open tasks of the consultant's, one overdue; the done one and the coordinator's do not count.
    expect([covered.openTasks, covered.overdueTasks]).toEqual([2, 1]);
    const assessing = families.find((x) => x.id === f.assessing.id)!;
    expect([assessing.openTasks, assessing.overdueTasks, assessing.memberships[0]!.to]).toEqual([0, 0, null]);
  });

  it('holds exactly the families the member can open: each listed one opens, the uncovered ones are not found', async () => {
    const { families } = await list(as.consultant);
    for (const x of families) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/families/${x.id}`, headers: as.consultant.headers });
      expect(res.statusCode, x.familyNames.join()).toBe(200);
    }
    for (const hidden of [f.notCovered, f.withdrawn, f.ended, f.future, f.other]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/families/${hidden.id}`, headers: as.consultant.headers });
      expect(res.statusCode).toBe(404);
    }
  });

  it('audits the read with the persons shown, and only those', async () => {
    await list(as.consultant);
    const [event] = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'team.families_read'), eq(auditEvent.actorUserId, consultant.id)))
        .orderBy(desc(auditEvent.seq))
        .limit(1),
    );
    expect(new Set(event!.personIds)).toEqual(new Set([...f.covered.personIds, ...f.assessing.personIds, ...f.completed.personIds]));
    expect(event!.details).toMatchObject({ rows: 3, notCovered: 2 });
  });

  it('is empty for a professional on no team, and for a coordinator who is on none (their own families are their caseload)', async () => {
    expect(await list(as.newcomer)).toEqual({ families: [], notCovered: 0 });
    expect(await list(as.coordinator)).toEqual({ families: [], notCovered: 0 });
  });

  it('is refused to roles that see no case content, and the refusal is audited', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/team-families', headers: as.analyst.headers });
    expect(res.statusCode).toBe(403);
    const denied = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'access.denied'))),
    );
    expect(denied.some((e) => (e.details as { attempted?: string }).attempted === 'team_families.read')).toBe(true);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/team-families' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('puts the menu item in front of professionals only', async () => {
    const me = async (s: Session) => (await app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).json().can.teamFamilies;
    expect([await me(as.consultant), await me(as.coordinator), await me(as.analyst)]).toEqual([true, false, false]);
  });
});
