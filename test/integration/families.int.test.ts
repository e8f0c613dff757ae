import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { family, person } from '../../src/server/modules/families/families.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`one entry: household, consent, lifecycle, coordinator (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coord: Session;
  let coordId: string;
  let manager: Session;
  let deptA: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '801' });
    app = await buildTestApp(database);
    const admin = await loginAs(app, database.db, m.admin);
    deptA = (await app.inject({ method: 'GET', url: '/api/v1/admin/departments', headers: admin.headers })).json().departments.find((d: { code: string }) => d.code === 'children_family').id;
    const c = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true, name: 'Kim Koordinator' });
    const mg = await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true });
    await asSystem(database.db, (tx) => tx.update(staffUser).set({ departmentId: deptA }).where(eq(staffUser.municipalityId, m.municipality.id)));
    coordId = c.id;
    coord = await loginAs(app, database.db, c);
    manager = await loginAs(app, database.db, mg);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const api = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
  const overview = async (id: string, s = coord) => (await api(s, 'GET', `/families/${id}`)).json();
  const personCount = async () => (await asSystem(database.db, (tx) => tx.select().from(person).where(eq(person.municipalityId, m.municipality.id)))).length;

  async function newFamily(members: object[]) {
    const res = await api(coord, 'POST', '/families', { members });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('registers a household from CPR numbers, deriving birth date and legal sex', async () => {
    const id = await newFamily([
      { role: 'parent', person: { cpr: '170892-1234', givenName: 'Sara', familyName: 'Holm' } },
      { role: 'child', person: { givenName: 'Ali', familyName: 'Holm', birthDate: '2015-03-01', sex: 'male', preferredLanguage: 'ar', interpreterNeeded: true } },
    ]);
    const ov = await overview(id);
    expect(ov.data.status).toBe('assessing');
    expect(ov.data.familyNames).toEqual(['Holm']);
    expect(ov.data.coordinator).toMatchObject({ userId: coordId, name: 'Kim Koordinator' });
    const sara = ov.data.members.find((x: { givenName: string }) => x.givenName === 'Sara');
    expect(sara).toMatchObject({ birthDate: '1992-08-17', sex: 'female', cprMasked: '170892-xxxx', role: 'parent' });
    expect(JSON.stringify(ov)).not.toContain('1708921234');
    expect(ov.data.members.find((x: { givenName: string }) => x.givenName === 'Ali')).toMatchObject({ preferredLanguage: 'ar', interpreterNeeded: true, cprMasked: null });
  });

  it('adds a CPR number to a member registered without one, deriving birth date and sex; corrects it; refuses another person’s', async () => {
    const id = await newFamily([
      { role: 'parent', person: { cpr: '030488-1236', givenName: 'Rikke', familyName: 'Lund' } },
      { role: 'child', person: { givenName: 'Lukas', familyName: 'Lund', birthDate: '2016-01-01', sex: 'unknown' } },
    ]);
    const member = async (name: string) => (await overview(id)).data.members.find((x: { givenName: string }) => x.givenName === name);
    const lukas = (await member('Lukas')).personId as string;
    const version = async () => (await overview(id)).data.version as number;
    // Without a CPR number the birth date and sex are corrected by hand.
    const byHand = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { birthDate: '2016-02-02', sex: 'male', version: await version() });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(await member('Lukas')).toMatchObject({ birthDate: '2016-02-02', sex: 'male', cprMasked: null });
    // Then the number, once known: birth date and sex follow from it.
    const added = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { cpr: '120316-4238', version: await version() });
    expect(added.statusCode, added.body).toBe(200);
    expect(await member('Lukas')).toMatchObject({ birthDate: '2016-03-12', sex: 'female', cprMasked: '120316-xxxx' });
    const [event] = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'person.update'), eq(auditEvent.targetId, lukas))).orderBy(desc(auditEvent.seq)).limit(1));
    expect(event!.details).toMatchObject({ fields: expect.arrayContaining(['cpr', 'birthDate', 'sex']), cpr: 'added' });
    expect(JSON.stringify(event)).not.toContain('1203164238');
    // With a number, a birth date that disagrees with it is refused; correcting the number is the way.
    const mismatch = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { birthDate: '2016-04-04', version: await version() });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.problems[0].path).toBe('birthDate');
    const corrected = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { cpr: '130316-4237', version: await version() });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await member('Lukas')).toMatchObject({ birthDate: '2016-03-13', sex: 'male', cprMasked: '130316-xxxx' });
    // Another person's number: refused at the field, nothing changed.
    const taken = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { cpr: '030488-1236', version: await version() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'cpr_belongs_to_other', problems: [{ path: 'cpr' }] });
    expect(await member('Lukas')).toMatchObject({ cprMasked: '130316-xxxx' });
    const invalid = await api(coord, 'PATCH', `/families/${id}/persons/${lukas}`, { cpr: '320316-1234', version: await version() });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.problems[0].path).toBe('cpr');
  });

  it('refuses an invalid CPR number at the field and saves nothing', async () => {
    const before = await personCount();
    const res = await api(coord, 'POST', '/families', {
      members: [
        { role: 'parent', person: { cpr: '3204901234', givenName: 'A', familyName: 'B' } },
        { role: 'child', person: { cpr: '12345', givenName: 'C', familyName: 'B' } },
        { role: 'child', person: { givenName: 'D', familyName: 'B' } },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([
      { path: 'members.0.person.cpr', message: 'De første 6 cifre i CPR-nummeret er ikke en gyldig dato.' },
      { path: 'members.1.person.cpr', message: 'CPR-nummeret skal være 10 cifre, evt. med bindestreg efter de første 6.' },
      { path: 'members.2.person.birthDate', message: 'Angiv CPR-nummer eller fødselsdato.' },
    ]);
    expect(await personCount()).toBe(before);
  });

  it('accepts a CPR number that fails modulus 11', async () => {
    const id = await newFamily([{ role: 'parent', person: { cpr: '0101901235', givenName: 'Mod', familyName: 'Elleve' } }]);
    expect((await overview(id)).data.members[0].birthDate).toBe('1990-01-01');
  });

  it('flags a CPR already in another family before saving, and saves when acknowledged', async () => {
    await newFamily([{ role: 'parent', person: { cpr: '0505805678', givenName: 'Lone', familyName: 'Berg' } }]);
    const before = await asSystem(database.db, (tx) => tx.select().from(family));
    const res = await api(coord, 'POST', '/families', { members: [{ role: 'parent', person: { cpr: '0505805678', givenName: 'Lone', familyName: 'Berg' } }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'cpr_in_other_family', problems: [{ path: 'members.0.person.cpr' }] });
    expect((await asSystem(database.db, (tx) => tx.select().from(family))).length).toBe(before.length);
    const ack = await api(coord, 'POST', '/families', { members: [{ role: 'parent', person: { cpr: '0505805678', givenName: 'Lone', familyName: 'Berg' } }], acknowledgeOtherFamily: true });
    expect(ack.statusCode).toBe(201);
  });

  describe('consent and activation', () => {
    let id: string;
    let mum: string;
    let dad: string;
    let kid: string;
    const v = async () => (await overview(id)).data.version as number;

    beforeAll(async () => {
      id = await newFamily([
        { role: 'parent', person: { cpr: '0202851234', givenName: 'Mona', familyName: 'Dahl' } },
        { role: 'parent', person: { cpr: '0303831235', givenName: 'Dan', familyName: 'Dahl' } },
        { role: 'child', person: { cpr: '0404154236', givenName: 'Dina', familyName: 'Dahl' } },
      ]);
      const ov = await overview(id);
      const byName = (n: string) => ov.data.members.find((x: { givenName: string }) => x.givenName === n).personId as string;
      [mum, dad, kid] = [byName('Mona'), byName('Dan'), byName('Dina')];
    });

    it('refuses activation while a child has no custody holder', async () => {
      const res = await api(coord, 'POST', `/families/${id}/status`, { to: 'active', date: '2026-02-01', reason: 'Klar', version: await v() });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('child_without_custody');
    });

    it('refuses consent that expires before it was given, at the field', async () => {
      const res = await api(coord, 'POST', `/families/${id}/consents`, {
        personId: mum, scope: { departmentIds: [deptA], kinds: ['family_situation'] }, givenAt: '2026-02-01', expiresAt: '2026-01-01', howGiven: 'written', version: await v(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'expiresAt', message: 'Udløbsdatoen ligger før datoen for samtykket.' }]);
    });

    it('refuses a consent given on a date still ahead, at the field, and records nothing', async () => {
      const before = (await overview(id)).data.consents.length;
      const tomorrow = new Date(Date.now() + 36 * 3600_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
      const res = await api(coord, 'POST', `/families/${id}/consents`, {
        personId: mum, scope: { departmentIds: [deptA], kinds: ['family_situation'] }, givenAt: tomorrow, howGiven: 'written', version: await v(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'givenAt', message: 'Datoen kan ikke ligge i fremtiden.' }]);
      expect((await overview(id)).data.consents).toHaveLength(before);
    });

    it('refuses activation until every custody holder has consented', async () => {
      expect((await api(coord, 'PUT', `/families/${id}/persons/${kid}/custody`, { holderIds: [mum, dad], version: await v() })).statusCode).toBe(200);
      const scope = { departmentIds: [deptA], kinds: ['family_situation', 'child_welfare'] };
      expect((await api(coord, 'POST', `/families/${id}/consents`, { personId: mum, scope, givenAt: '2026-01-15', howGiven: 'written', version: await v() })).statusCode).toBe(201);
      const half = await api(coord, 'POST', `/families/${id}/status`, { to: 'active', date: '2026-02-01', reason: 'Klar', version: await v() });
      expect(half.json().error.code).toBe('consent_missing');
      expect((await overview(id)).data.activationBlockers).toEqual({ childrenWithoutCustody: [], holdersWithoutConsent: [dad] });
      expect((await api(coord, 'POST', `/families/${id}/consents`, { personId: dad, scope, givenAt: '2026-01-20', expiresAt: '2027-01-20', howGiven: 'oral', version: await v() })).statusCode).toBe(201);
      const ok = await api(coord, 'POST', `/families/${id}/status`, { to: 'active', date: '2026-02-01', reason: 'Samtykke fra begge forældre', version: await v() });
      expect(ok.statusCode, ok.body).toBe(200);
      const ov = await overview(id);
      expect(ov.data).toMatchObject({ status: 'active', enrolledAt: '2026-02-01' });
      expect(ov.data.statusHistory[0]).toMatchObject({ from: 'assessing', to: 'active', date: '2026-02-01', reason: 'Samtykke fra begge forældre', cause: null, byName: 'Kim Koordinator' });
      // The first status: registered directly, a cause the reader sees in their own language, not a Danish phrase.
      expect(ov.data.statusHistory.at(-1)).toMatchObject({ from: null, to: 'assessing', reason: null, cause: 'created_directly' });
    });

    it('refuses a transition the lifecycle does not allow', async () => {
      const res = await api(coord, 'POST', `/families/${id}/status`, { to: 'referred', date: '2026-02-02', reason: 'x', version: await v() });
      expect(res.json().error.code).toBe('invalid_transition');
    });

    it('pauses the family when a consent is withdrawn, from that moment', async () => {
      const consentId = (await overview(id)).data.consents.find((c: { personId: string }) => c.personId === dad).id;
      const res = await api(coord, 'POST', `/families/${id}/consents/${consentId}/withdraw`, { withdrawnAt: '2026-03-01', reason: 'Far ønsker ikke at deltage', version: await v() });
      expect(res.statusCode, res.body).toBe(200);
      const ov = await overview(id);
      expect(ov.data.status).toBe('paused');
      // Paused by the system because of the withdrawal, with the withdrawal's own reason.
      expect(ov.data.statusHistory[0]).toMatchObject({ from: 'active', to: 'paused', date: '2026-03-01', reason: 'Far ønsker ikke at deltage', cause: 'consent_withdrawn' });
      expect(ov.data.consents.find((c: { id: string }) => c.id === consentId)).toMatchObject({ withdrawnAt: '2026-03-01', inForce: false });
    });

    it('gives the second of two concurrent changes a conflict and keeps the first', async () => {
      const version = await v();
      const first = await api(coord, 'PATCH', `/families/${id}/persons/${mum}`, { phone: '11111111', version });
      const second = await api(coord, 'PATCH', `/families/${id}/persons/${mum}`, { phone: '22222222', version });
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('conflict');
      expect((await overview(id)).data.members.find((x: { personId: string }) => x.personId === mum).phone).toBe('11111111');
    });
  });

  it('masks a protected address everywhere and reveals it only by an audited action with a purpose', async () => {
    const id = await newFamily([{ role: 'parent', person: { cpr: '0606904321', givenName: 'Vera', familyName: 'Skov', address: 'Hemmelig Vej 1', protectedAddress: true } }]);
    const ov = await overview(id);
    const vera = ov.data.members[0];
    expect(vera).toMatchObject({ address: null, protectedAddress: true });
    expect(JSON.stringify(ov)).not.toContain('Hemmelig');
    const res = await api(coord, 'POST', `/families/${id}/persons/${vera.personId}/reveal`, { what: 'address', purpose: 'Hjemmebesøg aftalt' });
    expect(res.json()).toEqual({ value: 'Hemmelig Vej 1' });
    const cpr = await api(coord, 'POST', `/families/${id}/persons/${vera.personId}/reveal`, { what: 'cpr', purpose: 'Opslag i fagsystem' });
    expect(cpr.json()).toEqual({ value: '0606904321' });
    const rows = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.targetId, vera.personId))));
    expect(rows.map((r) => r.action).sort()).toEqual(['person.reveal_address', 'person.reveal_cpr']);
    expect(rows.find((r) => r.action === 'person.reveal_address')?.purpose).toBe('Hjemmebesøg aftalt');
    expect(JSON.stringify(rows)).not.toContain('0606904321');
  });

  it('reassigns the coordinator with history, and the caseloads follow', async () => {
    const id = await newFamily([{ role: 'parent', person: { givenName: 'Ib', familyName: 'Vang', birthDate: '1980-05-05', sex: 'male' } }]);
    const other = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true, name: 'Nina Ny' });
    await asSystem(database.db, (tx) => tx.update(staffUser).set({ departmentId: deptA }).where(eq(staffUser.id, other.id)));
    const notCoordinator = await buildUser(database.db, m.municipality, { roles: ['professional'] });
    const bad = await api(manager, 'POST', `/families/${id}/coordinator`, { userId: notCoordinator.id, version: (await overview(id)).data.version });
    expect(bad.json().error.problems).toEqual([{ path: 'userId', message: 'Medarbejderen har ikke rollen familiekoordinator.' }]);
    const res = await api(manager, 'POST', `/families/${id}/coordinator`, { userId: other.id, reason: 'Omfordeling', version: (await overview(id, manager)).data.version });
    expect(res.statusCode, res.body).toBe(200);
    const ov = await overview(id, manager);
    expect(ov.data.coordinator.name).toBe('Nina Ny');
    expect(ov.data.coordinatorHistory.map((h: { name: string; to: string | null; reason: string | null; cause: string | null }) => [h.name, h.to === null, h.reason, h.cause])).toEqual([
      ['Nina Ny', true, 'Omfordeling', null],
      ['Kim Koordinator', false, null, 'created_directly'],
    ]);
    const mine = (await api(coord, 'GET', '/caseload')).json().families.map((f: { id: string }) => f.id);
    expect(mine).not.toContain(id);
    const theirs = (await api(manager, 'GET', `/caseload?coordinatorId=${other.id}`)).json().families.map((f: { id: string }) => f.id);
    expect(theirs).toEqual([id]);
    // The old coordinator no longer sees the family.
    expect((await api(coord, 'GET', `/families/${id}`)).statusCode).toBe(404);
  });

  it('lists my caseload sortable and filterable, and audits the search criteria', async () => {
    // Names the database's C collation would put out of Danish order: lower case after Z, Å before Æ and Ø.
    await newFamily([{ role: 'parent', person: { givenName: 'Åse', familyName: 'Ågård', birthDate: '1985-01-01', sex: 'female' } }]);
    await newFamily([{ role: 'parent', person: { givenName: 'Dirk', familyName: 'de Vries', birthDate: '1985-01-02', sex: 'male' } }]);
    await newFamily([{ role: 'parent', person: { givenName: 'Ørn', familyName: 'Ørsted', birthDate: '1985-01-03', sex: 'male' } }]);
    const all = (await api(coord, 'GET', '/caseload?sort=name')).json().families as Array<{ familyNames: string[]; status: string }>;
    expect(all.length).toBeGreaterThanOrEqual(7);
    const names = all.map((f) => f.familyNames[0]!);
    expect(names).toEqual([...names].sort(new Intl.Collator('da', { sensitivity: 'base' }).compare));
    expect(names.slice(-2)).toEqual(['Ørsted', 'Ågård']);
    const desc = (await api(coord, 'GET', '/caseload?sort=name&dir=desc')).json().families.map((f: { familyNames: string[] }) => f.familyNames[0]);
    expect(desc).toEqual([...names].reverse());
    // Status in the lifecycle's order.
    const byStatus = (await api(coord, 'GET', '/caseload?sort=status')).json().families.map((f: { status: string }) => f.status) as string[];
    const lifecycle = ['referred', 'assessing', 'active', 'paused'];
    expect(byStatus.map((x) => lifecycle.indexOf(x))).toEqual([...byStatus.map((x) => lifecycle.indexOf(x))].sort((a, b) => a - b));
    expect(new Set(byStatus).size).toBeGreaterThan(1);
    const dahl = (await api(coord, 'GET', '/caseload?q=dahl')).json().families;
    expect(dahl).toHaveLength(1);
    expect(dahl[0]).toMatchObject({ familyNames: ['Dahl'], status: 'paused', memberCount: 3, nextDeadline: null });
    // The given names tell two families of one name apart: the parents first, then the child.
    expect([[...dahl[0].givenNames].sort(), dahl[0].givenNames[2]]).toEqual([['Dan', 'Dina', 'Mona'], 'Dina']);
    // A member's given name finds the family too (the list shows them under its name).
    const byGiven = (await api(coord, 'GET', '/caseload?q=dirk')).json().families as Array<{ familyNames: string[] }>;
    expect(byGiven.map((f) => f.familyNames)).toEqual([['de Vries']]);
    const paused = (await api(coord, 'GET', '/caseload?status=paused')).json().families;
    expect(paused.every((f: { status: string }) => f.status === 'paused')).toBe(true);
    const rows = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'caseload.read'), eq(auditEvent.actorUserId, coordId))));
    expect(rows.map((r) => r.details.criteria)).toContainEqual(expect.objectContaining({ q: 'dahl' }));
    const dahlRead = rows.find((r) => (r.details.criteria as { q?: string }).q === 'dahl');
    expect(dahlRead?.personIds).toHaveLength(3);
  });

  it('shows a manager the distribution of families across the unit\'s coordinators', async () => {
    const res = await api(manager, 'GET', '/caseload/distribution');
    const kim = res.json().coordinators.find((c: { userId: string }) => c.userId === coordId);
    expect(kim.open).toBeGreaterThanOrEqual(4);
    expect(kim.byStatus.paused).toBe(1);
    expect((await api(coord, 'GET', '/caseload/distribution')).statusCode).toBe(403);
  });

  it('lists active staff by role for choosing a coordinator, in Danish alphabetical order, and refuses analysts', async () => {
    for (const name of ['Åse Ågård', 'ditte Dahl', 'Ørjan Ørsted']) await buildUser(database.db, m.municipality, { roles: ['coordinator'], name });
    const res = await api(coord, 'GET', '/staff?role=coordinator');
    expect(res.statusCode).toBe(200);
    const staff = res.json().staff as Array<{ name: string; roles: string[]; departmentName: string | null }>;
    expect(staff.map((s) => s.name)).toContain('Kim Koordinator');
    expect(staff.every((s) => s.roles.includes('coordinator'))).toBe(true);
    const names = staff.map((s) => s.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('da', { sensitivity: 'base' }).compare));
    expect(names.slice(-2)).toEqual(['Ørjan Ørsted', 'Åse Ågård']);
    const analystUser = await buildUser(database.db, m.municipality, { roles: ['analyst'], name: 'Anders Analytiker' });
    const analyst = await loginAs(app, database.db, analystUser);
    expect((await api(analyst, 'GET', '/staff')).statusCode).toBe(403);
    // The whole directory holds the case roles only: an administrator or analyst cannot be given a task or a team place.
    const all = (await api(coord, 'GET', '/staff')).json().staff as Array<{ id: string; roles: string[] }>;
    expect(all.length).toBeGreaterThan(staff.length - 1);
    expect(all.map((s) => s.id)).not.toContain(analystUser.id);
    expect(all.map((s) => s.id)).not.toContain(m.admin.id);
    expect(all.every((s) => s.roles.some((r) => ['coordinator', 'professional', 'manager'].includes(r)))).toBe(true);
  });

  it('lists active departments for any case role', async () => {
    const res = await api(coord, 'GET', '/departments');
    expect(res.json().departments.map((d: { code: string }) => d.code)).toContain('children_family');
  });

  it('keeps reads out of the recent activity, so changes stay visible', async () => {
    const id = (await api(coord, 'GET', '/caseload')).json().families[0].id;
    await api(coord, 'GET', `/families/${id}`);
    const ov = await overview(id);
    expect(ov.data.recentActivity.length).toBeGreaterThan(0);
    expect(ov.data.recentActivity.some((a: { action: string }) => a.action.endsWith('.read'))).toBe(false);
  });
});
