import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { journalNote } from '../../src/server/modules/journal/journal.table.js';
import { plan, planGoal } from '../../src/server/modules/plans/plans.table.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

interface NoteDto {
  id: string;
  familyId: string;
  authorId: string;
  authorName: string;
  authorDepartmentId: string | null;
  authorDepartmentName: string | null;
  type: string;
  occurredAt: string;
  text: string;
  personIds: string[];
  goalIds: string[];
  restricted: boolean;
  createdAt: string;
  finalised: boolean;
  finalisedAt: string | null;
  autoFinalisesAt: string | null;
  addenda: Array<{ id: string; authorId: string; authorName: string; text: string }>;
  can: { edit: boolean; finalise: boolean; addAddendum: boolean };
}

describe.skipIf(!!dbSkipReason)(`journal notes under notatpligt (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let jobAuthor: StaffUser;
  let jobColleague: StaffUser;
  let teacher: StaffUser;
  let manager: StaffUser;
  let outsider: StaffUser;
  let as: Record<'coordinator' | 'author' | 'colleague' | 'teacher' | 'manager' | 'outsider', Session>;
  let fam: BuiltFamily;
  let otherFam: BuiltFamily;
  let goal: string;
  let otherGoal: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '173' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Koordinator' });
    jobAuthor = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    jobColleague = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jytte Jobkonsulent' });
    teacher = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Lise Lærer' });
    manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      author: await loginAs(app, database.db, jobAuthor),
      colleague: await loginAs(app, database.db, jobColleague),
      teacher: await loginAs(app, database.db, teacher),
      manager: await loginAs(app, database.db, manager),
      outsider: await loginAs(app, database.db, outsider),
    };
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Hansen' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Hansen' },
      ],
      team: [
        { user: jobAuthor, department: 'jobcenter' },
        { user: jobColleague, department: 'jobcenter' },
        { user: teacher, department: 'daycare_school' },
      ],
      status: 'active',
    });
    otherFam = await buildFamily(database.db, mu, { coordinator, members: [{ role: 'parent', givenName: 'Bo', familyName: 'Berg' }], status: 'active' });
    const goalOf = async (familyId: string, title: string) =>
      asSystem(database.db, async (tx) => {
        const [p] = await tx.insert(plan).values({ municipalityId: mu.id, familyId, startDate: '2020-01-01' }).returning({ id: plan.id });
        const [g] = await tx
          .insert(planGoal)
          .values({ municipalityId: mu.id, planId: p!.id, familyId, domain: 'work_education', horizon: 'short', title, createdAt: '2020-01-01' })
          .returning({ id: planGoal.id });
        return g!.id;
      });
    goal = await goalOf(fam.id, 'Amina vil have et arbejde');
    otherGoal = await goalOf(otherFam.id, 'Bo vil flytte');
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
  const noteCount = async () => (await asSystem(database.db, (tx) => tx.select({ id: journalNote.id }).from(journalNote))).length;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const noteBody = (over: object = {}) => ({
    type: 'samtale',
    occurredAt: ago(HOUR),
    text: 'Samtale med Amina om jobsøgning. Hun vil gerne i praktik.',
    personIds: [fam.personIds[0]],
    goalIds: [goal],
    ...over,
  });
  const write = async (s: Session = as.author, over: object = {}): Promise<NoteDto> => {
    const res = await call(s, 'POST', `/api/v1/families/${fam.id}/notes`, noteBody(over));
    if (res.statusCode !== 201) throw new Error(`write: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const read = async (id: string, s: Session = as.author): Promise<NoteDto> => {
    const res = await call(s, 'GET', `/api/v1/notes/${id}`);
    if (res.statusCode !== 200) throw new Error(`read: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const list = async (s: Session, query = ''): Promise<NoteDto[]> => {
    const res = await call(s, 'GET', `/api/v1/families/${fam.id}/notes${query}`);
    if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${res.body}`);
    return res.json().notes;
  };
  /** Moves a note's creation back in time, as the owner (the clock cannot be turned in a request). */
  const age = (id: string, ms: number) =>
    asSystem(database.db, (tx) =>
      tx
        .update(journalNote)
        .set({ createdAt: new Date(Date.now() - ms) })
        .where(eq(journalNote.id, id)),
    );

  it('writes a draft note as the actor in their department, audited naming its persons', async () => {
    const note = await write();
    expect(note).toMatchObject({
      familyId: fam.id,
      authorId: jobAuthor.id,
      authorName: 'Jens Jobkonsulent',
      authorDepartmentId: jobAuthor.departmentId,
      type: 'samtale',
      personIds: [fam.personIds[0]],
      goalIds: [goal],
      restricted: false,
      finalised: false,
      finalisedAt: null,
      addenda: [],
      can: { edit: true, finalise: true, addAddendum: false },
    });
    expect(new Date(note.autoFinalisesAt!).getTime() - new Date(note.createdAt).getTime()).toBe(24 * HOUR);
    const ev = await lastEvent('note.create');
    expect(ev).toMatchObject({ targetId: note.id, personIds: [fam.personIds[0]], actorUserId: jobAuthor.id });
    expect(JSON.stringify(ev.details)).not.toContain('jobsøgning');
  });

  it('refuses persons outside the family, goals of another family and a contact in the future, saving nothing', async () => {
    const before = await noteCount();
    const res = await call(
      as.author,
      'POST',
      `/api/v1/families/${fam.id}/notes`,
      noteBody({ personIds: [fam.personIds[1], otherFam.personIds[0]], goalIds: [otherGoal], occurredAt: new Date(Date.now() + 2 * HOUR).toISOString() }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([
      { path: 'personIds.1', message: FIELD_MESSAGES.unknown_person!.da },
      { path: 'goalIds.0', message: FIELD_MESSAGES.unknown_goal!.da },
      { path: 'occurredAt', message: FIELD_MESSAGES.date_in_future!.da },
    ]);
    expect(await noteCount()).toBe(before);
  });

  it('lets the author edit a draft, and nobody else', async () => {
    const note = await write();
    const res = await call(as.author, 'PATCH', `/api/v1/notes/${note.id}`, { text: 'Rettet: Amina vil i praktik i en butik.', type: 'hjemmebesoeg' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ text: 'Rettet: Amina vil i praktik i en butik.', type: 'hjemmebesoeg', finalised: false });
    expect((await lastEvent('note.update')).details).toMatchObject({ changed: ['text', 'type'] });
    const other = await call(as.coordinator, 'PATCH', `/api/v1/notes/${note.id}`, { text: 'Koordinatoren skriver om' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('note_not_author');
    expect((await read(note.id)).text).toBe('Rettet: Amina vil i praktik i en butik.');
  });

  it('finalises a note; editing it then fails with 409 and changes nothing; an addendum is shown with it', async () => {
    const note = await write();
    const draftAddendum = await call(as.coordinator, 'POST', `/api/v1/notes/${note.id}/addenda`, { text: 'Tilføjelse til kladde' });
    expect(draftAddendum.statusCode).toBe(409);
    expect(draftAddendum.json().error.code).toBe('note_not_finalised');

    const fin = await call(as.author, 'POST', `/api/v1/notes/${note.id}/finalise`);
    expect(fin.statusCode).toBe(200);
    expect(fin.json()).toMatchObject({ finalised: true, autoFinalisesAt: null, can: { edit: false, finalise: false, addAddendum: true } });
    expect(fin.json().finalisedAt).not.toBeNull();
    expect((await lastEvent('note.finalise')).targetId).toBe(note.id);

    const edit = await call(as.author, 'PATCH', `/api/v1/notes/${note.id}`, { text: 'Forsøg på at ændre et færdigt notat' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('note_finalised');
    expect((await read(note.id)).text).toBe(note.text);

    const add = await call(as.coordinator, 'POST', `/api/v1/notes/${note.id}/addenda`, { text: 'Rettelse: praktikken er i Netto, ikke Føtex.' });
    expect(add.statusCode).toBe(201);
    expect(add.json().addenda).toEqual([expect.objectContaining({ authorId: coordinator.id, authorName: 'Karin Koordinator', text: 'Rettelse: praktikken er i Netto, ikke Føtex.' })]);
    expect((await lastEvent('note.addendum')).targetId).toBe(note.id);
    const listed = (await list(as.teacher)).find((n) => n.id === note.id)!;
    expect(listed.text).toBe(note.text);
    expect(listed.addenda.map((a) => a.text)).toEqual(['Rettelse: praktikken er i Netto, ikke Føtex.']);
  });

  it('finalises a note by itself 24 hours after creation', async () => {
    const note = await write();
    await age(note.id, 25 * HOUR);
    const seen = await read(note.id);
    expect(seen).toMatchObject({ finalised: true, can: { edit: false, finalise: false, addAddendum: true } });
    expect(new Date(seen.finalisedAt!).getTime()).toBe(new Date(seen.createdAt).getTime() + 24 * HOUR);
    const edit = await call(as.author, 'PATCH', `/api/v1/notes/${note.id}`, { text: 'For sent' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('note_finalised');
    expect((await read(note.id)).text).toBe(note.text);
    const add = await call(as.author, 'POST', `/api/v1/notes/${note.id}/addenda`, { text: 'Supplerende oplysning' });
    expect(add.statusCode).toBe(201);
  });

  it('has the database refuse a direct change of a finalised note, even as the app role, and any deletion', async () => {
    const finalised = await write();
    await call(as.author, 'POST', `/api/v1/notes/${finalised.id}/finalise`);
    const old = await write();
    await age(old.id, 25 * HOUR);
    const draft = await write();
    const mu = m.municipality.id;
    const change = (id: string) =>
      inTenant(database.db, mu, (tx) =>
        tx
          .update(journalNote)
          .set({ text: 'ændret bag om systemet' })
          .where(eq(journalNote.id, id)),
      );
    expect(await dbErrorOf(change(finalised.id))).toMatch(/finalised and cannot be changed/);
    expect(await dbErrorOf(change(old.id))).toMatch(/finalised and cannot be changed/);
    expect(await dbErrorOf(inTenant(database.db, mu, (tx) => tx.delete(journalNote).where(eq(journalNote.id, draft.id))))).toMatch(/permission denied/);
    await change(draft.id);
    expect((await read(finalised.id)).text).toBe(finalised.text);
    expect((await read(old.id)).text).toBe(old.text);
    expect((await read(draft.id)).text).toBe('ændret bag om systemet');
  });

  describe('restricted notes', () => {
    let restricted: NoteDto;
    let open: NoteDto;

    beforeAll(async () => {
      restricted = await write(as.author, { text: 'Fortroligt: Amina har gæld til en bekendt.', restricted: true });
      open = await write(as.author, { text: 'Almindeligt notat om praktik.' });
    });

    it('are hidden from a team member of another department: not in lists, 404 on direct access', async () => {
      const ids = (await list(as.teacher)).map((n) => n.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(restricted.id);
      const res = await call(as.teacher, 'GET', `/api/v1/notes/${restricted.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('note_not_found');
      expect(await lastEvent('access.denied')).toMatchObject({ targetId: restricted.id, outcome: 'denied', actorUserId: teacher.id });
      const addendum = await call(as.teacher, 'POST', `/api/v1/notes/${restricted.id}/addenda`, { text: 'x' });
      expect(addendum.statusCode).toBe(404);
      const unknown = await call(as.teacher, 'GET', `/api/v1/notes/${NOBODY}`);
      expect(unknown.json()).toEqual(res.json());
    });

    it('are visible to the family’s coordinator and to the author’s department', async () => {
      expect((await list(as.coordinator)).map((n) => n.id)).toContain(restricted.id);
      expect((await read(restricted.id, as.coordinator)).text).toBe('Fortroligt: Amina har gæld til en bekendt.');
      expect((await list(as.colleague)).map((n) => n.id)).toContain(restricted.id);
      expect((await read(restricted.id, as.author)).restricted).toBe(true);
    });

    it('are hidden from a supervising manager of another department', async () => {
      const ids = (await list(as.manager)).map((n) => n.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(restricted.id);
    });

    it('are hidden from a break-the-glass reader, who sees the unrestricted notes', async () => {
      expect((await call(as.outsider, 'GET', `/api/v1/families/${fam.id}/notes`)).statusCode).toBe(404);
      const glass = await call(as.outsider, 'POST', `/api/v1/families/${fam.id}/break-glass`, { reason: 'Akut henvendelse fra skolen om Yusuf' });
      expect(glass.statusCode).toBeLessThan(300);
      const ids = (await list(as.outsider)).map((n) => n.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(restricted.id);
      expect((await call(as.outsider, 'GET', `/api/v1/notes/${restricted.id}`)).statusCode).toBe(404);
      expect((await call(as.outsider, 'POST', `/api/v1/families/${fam.id}/notes`, noteBody())).statusCode).toBe(404);
    });
  });

  it('searches within the family by text (in notes and addenda), type, person and goal, newest first, and audits the criteria', async () => {
    const phone = await write(as.colleague, { type: 'telefon', text: 'Ringede til Yusufs skole om fravær.', personIds: [fam.personIds[1]], goalIds: [], occurredAt: ago(2 * HOUR) });
    const sms = await write(as.colleague, { type: 'sms', text: 'Mindede Amina om mødet.', occurredAt: ago(30 * 60_000) });
    await age(sms.id, 25 * HOUR);
    await call(as.coordinator, 'POST', `/api/v1/notes/${sms.id}/addenda`, { text: 'Hun svarede: FRAVÆR skyldes sygdom.' });

    const byText = await list(as.coordinator, `?q=${encodeURIComponent('fravær')}`);
    expect(byText.map((n) => n.id)).toEqual([sms.id, phone.id]);
    const ev = await lastEvent('note.search');
    expect(ev.details).toMatchObject({ criteria: { q: 'fravær' }, notes: 2, noteIds: [sms.id, phone.id] });
    expect([...ev.personIds].sort()).toEqual([...fam.personIds].sort());

    expect((await list(as.coordinator, '?type=telefon')).map((n) => n.id)).toEqual([phone.id]);
    const byPerson = (await list(as.coordinator, `?personId=${fam.personIds[1]}`)).map((n) => n.id);
    expect(byPerson).toEqual([phone.id]);
    expect((await lastEvent('note.search')).personIds).toEqual([fam.personIds[1]]);
    const byGoal = await list(as.coordinator, `?goalId=${goal}`);
    expect(byGoal.length).toBeGreaterThan(0);
    expect(byGoal.every((n) => n.goalIds.includes(goal))).toBe(true);
    expect(byGoal.map((n) => n.id)).not.toContain(phone.id);

    const all = await list(as.coordinator);
    const times = all.map((n) => n.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await lastEvent('note.read')).details).not.toHaveProperty('criteria');

    await list(as.coordinator, `?q=${encodeURIComponent('0103851234')}`);
    const cprSearch = await lastEvent('note.search');
    expect(JSON.stringify(cprSearch.details)).not.toContain('0103851234');
  });

  it('answers an outsider 404 for the family’s notes and for a note', async () => {
    const note = await write();
    const outsider = await buildStaff(database.db, m.municipality, { roles: ['professional'], department: 'jobcenter', name: 'Ny Udenfor' });
    const s = await loginAs(app, database.db, outsider);
    const listRes = await call(s, 'GET', `/api/v1/families/${fam.id}/notes`);
    expect(listRes.statusCode).toBe(404);
    expect(listRes.json().error.code).toBe('family_not_found');
    const one = await call(s, 'GET', `/api/v1/notes/${note.id}`);
    expect(one.statusCode).toBe(404);
    expect(one.json().error.code).toBe('note_not_found');
    const count = await asSystem(database.db, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(journalNote).where(eq(journalNote.familyId, fam.id)));
    expect(count[0]!.n).toBeGreaterThan(0);
  });
});
