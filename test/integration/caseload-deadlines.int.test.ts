import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInDenmark } from '../../src/shared/dates.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { consent } from '../../src/server/modules/families/families.table.js';
import { journalNote } from '../../src/server/modules/journal/journal.table.js';
import { meeting } from '../../src/server/modules/meetings/meetings.table.js';
import { plan, planVersion } from '../../src/server/modules/plans/plans.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { eq } from 'drizzle-orm';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
const at = (offsetDays: number, hour = 10) => new Date(`${day(offsetDays)}T${String(hour).padStart(2, '0')}:00:00Z`);

interface Row {
  id: string;
  nextDeadline: { date: string; kind: string; overdue: boolean } | null;
  lastContact: string | null;
}

/** Min sagsstamme's "Næste frist" and "Seneste kontakt": what they are made of, and what a manager may be told. */
describe.skipIf(!!dbSkipReason)(`the caseload's next deadline and last contact (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let jobConsultant: StaffUser;
  let as: Record<'coordinator' | 'manager', Session>;
  let quiet: BuiltFamily;
  let busy: BuiltFamily;
  let consentOnly: BuiltFamily;
  let planOnly: BuiltFamily;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '615' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    jobConsultant = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    as = { coordinator: await loginAs(app, database.db, coordinator), manager: await loginAs(app, database.db, manager) };
    quiet = await buildFamily(database.db, mu, { coordinator, status: 'active' });
    busy = await buildFamily(database.db, mu, { coordinator, status: 'active', team: [{ user: jobConsultant, department: 'jobcenter' }] });
    consentOnly = await buildFamily(database.db, mu, { coordinator, status: 'active' });
    planOnly = await buildFamily(database.db, mu, { coordinator, status: 'active' });
    const jobcenter = await departmentId(database.db, mu, 'jobcenter');
    const mid = mu.id;
    await asSystem(database.db, async (tx) => {
      const scope = { departmentIds: [], kinds: [] } as never;
      // Consents: one running out in 20 days, one already withdrawn (sooner, so it must not count), one expired.
      await tx.insert(consent).values([
        { municipalityId: mid, familyId: busy.id, personId: busy.personIds[0]!, scope, givenAt: day(-100), expiresAt: day(20), howGiven: 'written' },
        { municipalityId: mid, familyId: consentOnly.id, personId: consentOnly.personIds[0]!, scope, givenAt: day(-100), expiresAt: day(5), withdrawnAt: day(-1), howGiven: 'written' },
        { municipalityId: mid, familyId: consentOnly.id, personId: consentOnly.personIds[0]!, scope, givenAt: day(-100), expiresAt: day(-3), howGiven: 'written' },
        { municipalityId: mid, familyId: consentOnly.id, personId: consentOnly.personIds[1]!, scope, givenAt: day(-100), expiresAt: day(40), howGiven: 'written' },
      ]);
      // Plans: the busy family's review in 30 days; the plan-only family's in 7 days, and a draft-only plan elsewhere has none.
      for (const [familyId, review] of [[busy.id, day(30)], [planOnly.id, day(7)]] as const) {
        const [p] = await tx.insert(plan).values({ municipalityId: mid, familyId, startDate: day(-60) }).returning();
        const [v] = await tx
          .insert(planVersion)
          .values({ municipalityId: mid, planId: p!.id, number: 1, snapshot: { baseline: [], goals: [], actions: [] } as never, nextReviewDate: review, publishedBy: coordinator.id, publishedAt: at(-30) })
          .returning();
        await tx.update(plan).set({ currentVersionId: v!.id }).where(eq(plan.id, p!.id));
      }
      await tx.insert(plan).values({ municipalityId: mid, familyId: quiet.id, startDate: day(-10) });
      // Tasks of the busy family: one overdue, one done long ago (must not count).
      await tx.insert(task).values([
        { municipalityId: mid, assigneeUserId: coordinator.id, title: 'Ring til skolen', due: day(-2), familyId: busy.id, origin: 'manual' },
        { municipalityId: mid, assigneeUserId: coordinator.id, title: 'Gammel opgave', due: day(-30), familyId: busy.id, origin: 'manual', status: 'done', completedAt: at(-29) },
      ]);
      // Contact with the busy family: a held meeting 6 days ago, a phone call 3 days ago, a note of type "andet" yesterday
      // (not a contact), a conversation planned for tomorrow (has not happened), and the jobcentre's restricted home
      // visit 2 days ago.
      await tx.insert(meeting).values([
        { municipalityId: mid, familyId: busy.id, title: 'Netværksmøde', startsAt: at(-6), endsAt: at(-6, 11), agendaGoalIds: [], createdBy: coordinator.id, status: 'held' },
        { municipalityId: mid, familyId: busy.id, title: 'Aflyst møde', startsAt: at(-1), endsAt: at(-1, 11), agendaGoalIds: [], createdBy: coordinator.id, status: 'cancelled' },
      ]);
      const note = (type: 'telefon' | 'andet' | 'samtale' | 'hjemmebesoeg', occurredAt: Date, extra: Partial<typeof journalNote.$inferInsert> = {}) => ({
        municipalityId: mid,
        familyId: busy.id,
        authorId: coordinator.id,
        type,
        occurredAt,
        text: 'Notat',
        personIds: [],
        goalIds: [],
        createdAt: occurredAt,
        updatedAt: occurredAt,
        ...extra,
      });
      await tx.insert(journalNote).values([
        note('telefon', at(-3)),
        note('andet', at(-1)),
        note('samtale', at(1)),
        note('hjemmebesoeg', at(-2), { authorId: jobConsultant.id, authorDepartmentId: jobcenter, restricted: true }),
      ]);
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const caseload = async (s: Session, query = ''): Promise<Row[]> => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/caseload${query}`, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().families;
  };
  const row = (rows: Row[], f: BuiltFamily) => rows.find((r) => r.id === f.id)!;

  it('takes the next deadline from open tasks (overdue too), the plan in force and consents in force, and says which', async () => {
    const rows = await caseload(as.coordinator);
    expect(row(rows, busy).nextDeadline).toEqual({ date: day(-2), kind: 'task', overdue: true });
    expect(row(rows, planOnly).nextDeadline).toEqual({ date: day(7), kind: 'plan_review', overdue: false });
    // The withdrawn consent (in 5 days) and the expired one do not count; the other member's consent in 40 days does.
    expect(row(rows, consentOnly).nextDeadline).toEqual({ date: day(40), kind: 'consent_expiry', overdue: false });
    // A plan that was never published has no review date.
    expect(row(rows, quiet).nextDeadline).toBeNull();
  });

  it('takes the last contact from contact notes that have happened and held meetings; the coordinator sees every note', async () => {
    const rows = await caseload(as.coordinator);
    expect(row(rows, busy).lastContact).toBe(at(-2).toISOString());
    expect(row(rows, quiet).lastContact).toBeNull();
  });

  it('does not tell the unit manager of a restricted note of another department', async () => {
    const rows = await caseload(as.manager, `?coordinatorId=${coordinator.id}`);
    expect(row(rows, busy).lastContact).toBe(at(-3).toISOString());
    expect(row(rows, busy).nextDeadline).toEqual({ date: day(-2), kind: 'task', overdue: true });
  });

  it('sorts by next deadline and by last contact, families without one last', async () => {
    const byDeadline = (await caseload(as.coordinator, '?sort=nextDeadline')).map((r) => r.id);
    expect(byDeadline).toEqual([busy.id, planOnly.id, consentOnly.id, quiet.id]);
    const byContact = (await caseload(as.coordinator, '?sort=lastContact&dir=desc')).map((r) => r.id);
    expect(byContact[0]).toBe(busy.id);
  });

  it('counts for the unit manager the deadlines each coordinator has let pass: their own overdue tasks, and open families past the plan review', async () => {
    const mu = m.municipality;
    const late = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Lise Sen' });
    const pastReview = await buildFamily(database.db, mu, { coordinator: late, status: 'active' });
    const completed = await buildFamily(database.db, mu, { coordinator: late, status: 'completed' });
    const onTime = await buildFamily(database.db, mu, { coordinator: late, status: 'paused' });
    await asSystem(database.db, async (tx) => {
      // Plans in force: one past its review (counts), one of a completed family past it (does not), one ahead (does not).
      for (const [familyId, review] of [[pastReview.id, day(-5)], [completed.id, day(-40)], [onTime.id, day(3)]] as const) {
        const [p] = await tx.insert(plan).values({ municipalityId: mu.id, familyId, startDate: day(-200) }).returning();
        const [v] = await tx
          .insert(planVersion)
          .values({ municipalityId: mu.id, planId: p!.id, number: 1, snapshot: { baseline: [], goals: [], actions: [] } as never, nextReviewDate: review, publishedBy: late.id, publishedAt: at(-100) })
          .returning();
        await tx.update(plan).set({ currentVersionId: v!.id }).where(eq(plan.id, p!.id));
      }
      // Her tasks: two overdue and open (one without a family), one due today, one overdue but done; a colleague's overdue task.
      await tx.insert(task).values([
        { municipalityId: mu.id, assigneeUserId: late.id, title: 'Ring', due: day(-1), familyId: onTime.id, origin: 'manual' },
        { municipalityId: mu.id, assigneeUserId: late.id, title: 'Skriv', due: day(-9), origin: 'manual' },
        { municipalityId: mu.id, assigneeUserId: late.id, title: 'I dag', due: day(0), familyId: onTime.id, origin: 'manual' },
        { municipalityId: mu.id, assigneeUserId: late.id, title: 'Klaret', due: day(-9), origin: 'manual', status: 'done', completedAt: at(-8) },
        { municipalityId: mu.id, assigneeUserId: jobConsultant.id, title: 'Andens', due: day(-9), familyId: onTime.id, origin: 'manual' },
      ]);
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/caseload/distribution', headers: as.manager.headers });
    expect(res.statusCode, res.body).toBe(200);
    const byName = new Map((res.json().coordinators as Array<{ name: string; overdue: { tasks: number; planReviews: number } }>).map((c) => [c.name, c.overdue]));
    expect(byName.get('Lise Sen')).toEqual({ tasks: 2, planReviews: 1 });
    // Karin's overdue task to call the school (the busy family); her plans' reviews are ahead.
    expect(byName.get('Karin Koordinator')).toEqual({ tasks: 1, planReviews: 0 });
  });
});
