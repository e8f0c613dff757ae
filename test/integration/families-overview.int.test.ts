import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/server/audit/audit.js';
import { cachedStatement } from '../../src/server/db/prepared.js';
import { inTenant } from '../../src/server/db/tenant.js';
import { recentActivitySql } from '../../src/server/modules/families/overview.service.js';
import { membersOf } from '../../src/server/modules/families/persons.repository.js';
import { excerptOf } from '../../src/server/modules/families/overview-work.js';
import { CONSENT_KINDS } from '../../src/shared/families.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { actorCtx, buildFamily, buildStaff, type BuiltFamily } from '../support/family-factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`the family overview gathers the daily work (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let coord: Session;
  let colleague: Session;
  let fam: BuiltFamily;
  let coordinatorId: string;
  let municipalityId: string;
  let coordinator: Awaited<ReturnType<typeof buildStaff>>;
  let professional: Awaited<ReturnType<typeof buildStaff>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const m = await buildMunicipality(database.db, { code: '851' });
    app = await buildTestApp(database);
    const c = await buildStaff(database.db, m.municipality, { roles: ['coordinator'], department: 'children_family', name: 'Kim Koordinator' });
    const p = await buildStaff(database.db, m.municipality, { roles: ['professional'], department: 'jobcenter', name: 'Jens Job' });
    coordinatorId = c.id;
    coordinator = c;
    professional = p;
    municipalityId = m.municipality.id;
    fam = await buildFamily(database.db, m.municipality, { coordinator: c, team: [{ user: p, department: 'jobcenter' }], members: [{ role: 'parent', givenName: 'Ea' }] });
    coord = await loginAs(app, database.db, c);
    colleague = await loginAs(app, database.db, p);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = async (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  it('lists the members as membersOf does: parents, then others, then children by birth date, with their fields', async () => {
    const m = { id: municipalityId } as Parameters<typeof buildFamily>[1];
    const built = await buildFamily(database.db, m, {
      coordinator,
      members: [
        { role: 'child', givenName: 'Yngst', birthDate: '2019-02-02', sex: 'male' },
        { role: 'other', givenName: 'Moster', familyName: 'Berg', birthDate: '1970-01-01', sex: 'female' },
        { role: 'child', givenName: 'Ældst', birthDate: '2012-12-12', sex: 'female' },
        { role: 'parent', givenName: 'Far', familyName: 'Æblegård', birthDate: '1980-06-30', sex: 'male' },
      ],
    });
    const rows = await inTenant(database.db, municipalityId, (tx) => membersOf(tx, municipalityId, built.id));
    const ov = (await call(coord, 'GET', `/families/${built.id}`)).data;
    expect(ov.members.map((x: { givenName: string }) => x.givenName)).toEqual(['Far', 'Moster', 'Ældst', 'Yngst']);
    expect(ov.members.map((x: { personId: string; role: string; birthDate: string; sex: string; familyName: string; interpreterNeeded: boolean; protectedAddress: boolean }) => [x.personId, x.role, x.birthDate, x.sex, x.familyName, x.interpreterNeeded, x.protectedAddress])).toEqual(
      rows.map((r) => [r.person.id, r.member.role, r.person.birthDate, r.person.sex, r.person.familyName, r.person.interpreterNeeded, r.person.protectedAddress]),
    );
    // Named by the parent first, then the others' surnames in the members' order, each once (not alphabetically).
    expect(ov.familyNames).toEqual(['Æblegård', 'Berg', rows[2]!.person.familyName]);
    expect(rows[2]!.person.familyName).toMatch(/^Familie/);
  });

  it('shows the plan in force with each goal, the next meeting, open tasks and the latest notes', async () => {
    const goal = await call(coord, 'POST', `/families/${fam.id}/plan/goals`, { domain: 'economy', horizon: 'short', title: 'Betale huslejen til tiden', draftVersion: 0 });
    const draftVersion = goal.draftVersion as number;
    await call(coord, 'POST', `/families/${fam.id}/plan/publish`, { nextReviewDate: '2099-01-01', draftVersion });
    const start = new Date(Date.now() + 7 * 86_400_000);
    await call(coord, 'POST', `/families/${fam.id}/meetings`, {
      title: 'Netværksmøde',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      place: 'Rådhuset',
    });
    await call(coord, 'POST', '/tasks', { assigneeUserId: coordinatorId, title: 'Ring til skolen', due: '2099-02-01', familyId: fam.id });
    await call(coord, 'POST', `/families/${fam.id}/notes`, { type: 'telefon', occurredAt: new Date().toISOString(), text: 'Talte med Ea om budgettet.' });
    await call(coord, 'POST', `/families/${fam.id}/notes`, { type: 'samtale', occurredAt: new Date().toISOString(), text: 'Fortroligt om helbred.', restricted: true });

    const ov = (await call(coord, 'GET', `/families/${fam.id}`)).data;
    expect(ov.plan.currentVersion).toMatchObject({ number: 1, nextReviewDate: '2099-01-01' });
    expect(ov.plan.goals.map((g: { title: string }) => g.title)).toEqual(['Betale huslejen til tiden']);
    expect(ov.plan.goals[0].latestRating).toBeNull();
    expect(ov.nextMeeting).toMatchObject({ title: 'Netværksmøde', place: 'Rådhuset' });
    expect(ov.openTasks).toEqual([expect.objectContaining({ title: 'Ring til skolen', due: '2099-02-01', assigneeName: 'Kim Koordinator' })]);
    expect(ov.latestNotes.map((n: { excerpt: string }) => n.excerpt).sort()).toEqual(['Fortroligt om helbred.', 'Talte med Ea om budgettet.']);
  });

  it("hides a restricted note from a team member of another department", async () => {
    const ov = (await call(colleague, 'GET', `/families/${fam.id}`)).data;
    expect(ov.latestNotes.map((n: { excerpt: string }) => n.excerpt)).toEqual(['Talte med Ea om budgettet.']);
  });

  it("shows each viewer the newest five notes of the journal's own list for that viewer, cut to 200 characters", async () => {
    const base = Date.now() - 86_400_000;
    const long = 'Æ'.repeat(199) + '😀' + 'slut';
    const exactly200 = 'ø'.repeat(200);
    const notes: [string, boolean, number][] = [[long, false, 4], [exactly200, true, 3], ['Fortroligt fra jobcentret.', true, 2], ['Kort.', false, 1], ['Ældst.', false, -5]];
    for (const [text, restricted, minutes] of notes) {
      const author = text.includes('jobcentret') ? colleague : coord;
      await call(author, 'POST', `/families/${fam.id}/notes`, { type: 'samtale', occurredAt: new Date(base + minutes * 60_000).toISOString(), text, restricted });
    }
    for (const viewer of [coord, colleague]) {
      const ov = (await call(viewer, 'GET', `/families/${fam.id}`)).data;
      const list = (await call(viewer, 'GET', `/families/${fam.id}/notes`)).notes as { id: string; type: string; occurredAt: string; authorName: string; restricted: boolean; personIds: string[]; text: string }[];
      expect(ov.latestNotes).toEqual(
        list.slice(0, 5).map((n) => ({
          id: n.id,
          type: n.type,
          occurredAt: n.occurredAt,
          authorName: n.authorName,
          restricted: n.restricted,
          personIds: n.personIds,
          excerpt: excerptOf(n.text),
        })),
      );
    }
    const byCoordinator = (await call(coord, 'GET', `/families/${fam.id}`)).data.latestNotes as { excerpt: string }[];
    expect(byCoordinator.map((n) => n.excerpt)).toContain(exactly200);
    expect(byCoordinator.map((n) => n.excerpt)).toContain(`${'Æ'.repeat(199)}…`);
    // The coordinator sees the restricted note from the jobcentre; the colleague does not see the coordinator's restricted one.
    expect(byCoordinator.map((n) => n.excerpt)).toContain('Fortroligt fra jobcentret.');
    const byColleague = (await call(colleague, 'GET', `/families/${fam.id}`)).data.latestNotes as { excerpt: string }[];
    expect(byColleague.map((n) => n.excerpt)).toEqual(['Talte med Ea om budgettet.', `${'Æ'.repeat(199)}…`, 'Fortroligt fra jobcentret.', 'Kort.', 'Ældst.']);
  });

  it('shows as recent activity the ten latest successful events that are not reads or searches, found without walking past the reads', async () => {
    const m = { id: municipalityId } as Parameters<typeof buildFamily>[1];
    const built = await buildFamily(database.db, m, { coordinator, members: [{ role: 'parent', givenName: 'Aktiv' }] });
    const on = { targetType: 'family', targetId: built.id };
    await inTenant(database.db, municipalityId, async (tx) => {
      const ctx = await actorCtx(m, coordinator, tx);
      for (let i = 1; i <= 12; i++) await audit(ctx, { action: `test.change_${i}`, ...on });
      // A family opened many times: its reads must not be what the look-up walks through.
      for (let i = 0; i < 400; i++) await audit(ctx, { action: 'family.read', ...on });
      await audit(ctx, { action: 'journal.search', ...on });
      await audit(ctx, { action: 'test.refused', outcome: 'denied', ...on });
    });
    await database.db.execute(sql`analyze audit_event`);

    const ov = (await call(coord, 'GET', `/families/${built.id}`)).data;
    expect(ov.recentActivity.map((a: { action: string }) => a.action)).toEqual(Array.from({ length: 10 }, (_, i) => `test.change_${12 - i}`));
    expect(ov.recentActivity[0].actorName).toBe('Kim Koordinator');

    const explain = cachedStatement<{ m: string; familyId: string; userId: string; departmentId: string | null; relation: string }, { 'QUERY PLAN': string }>(
      () => sql`explain ${recentActivitySql()}`,
    );
    const plan = await inTenant(database.db, municipalityId, (tx) =>
      explain(tx, { m: municipalityId, familyId: built.id, userId: coordinatorId, departmentId: null, relation: 'coordinator' }),
    );
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('audit_event_activity_idx');
  });

  it("lists what was done with the family's consents, notes, meetings, tasks and persons, but no event of a note the viewer may not see", async () => {
    const m = { id: municipalityId } as Parameters<typeof buildFamily>[1];
    const built = await buildFamily(database.db, m, { coordinator, team: [{ user: professional, department: 'jobcenter' }], members: [{ role: 'parent', givenName: 'Bo' }] });
    const url = `/families/${built.id}`;
    const first = (await call(coord, 'GET', url)).data;
    const personId = built.personIds[0]!;
    await call(coord, 'POST', `${url}/consents`, {
      personId,
      scope: { departmentIds: [first.team[0].departmentId], kinds: [...CONSENT_KINDS] },
      givenAt: '2026-01-05',
      howGiven: 'written',
      version: first.version,
    });
    await call(coord, 'POST', `${url}/notes`, { type: 'telefon', occurredAt: new Date().toISOString(), text: 'Talte med Bo.' });
    await call(coord, 'POST', `${url}/notes`, { type: 'samtale', occurredAt: new Date().toISOString(), text: 'Fortroligt.', restricted: true });
    const start = new Date(Date.now() + 3 * 86_400_000);
    await call(coord, 'POST', `${url}/meetings`, { title: 'Netværksmøde', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), place: 'Rådhuset' });
    await call(coord, 'POST', '/tasks', { assigneeUserId: coordinatorId, title: 'Ring til Bo', due: '2099-03-01', familyId: built.id });
    // A task of no family is nobody's activity.
    await call(coord, 'POST', '/tasks', { assigneeUserId: coordinatorId, title: 'Bestil lokale', due: '2099-03-01' });
    const version = (await call(coord, 'GET', url)).data.version;
    await call(coord, 'PATCH', `${url}/persons/${personId}`, { phone: '12345678', version });
    // Reveals are look-ups, not activity.
    await call(coord, 'POST', `${url}/persons/${personId}/reveal`, { what: 'cpr', purpose: 'Brev til Bo' });

    const actions = async (s: Session) => ((await call(s, 'GET', url)).data.recentActivity as { action: string }[]).map((a) => a.action).slice(0, 6);
    expect(await actions(coord)).toEqual(['person.update', 'task.create', 'meeting.create', 'note.create', 'note.create', 'consent.record']);
    // The jobcentre's professional may not see the coordinator's restricted note, nor that it was written.
    expect((await actions(colleague)).slice(0, 5)).toEqual(['person.update', 'task.create', 'meeting.create', 'note.create', 'consent.record']);
  });
});
