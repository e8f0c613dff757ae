import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { coordinatorAssignment, family, familyMember, familyStatusEvent, person } from '../../src/server/modules/families/families.table.js';
import { referral } from '../../src/server/modules/referrals/referrals.table.js';
import { todayInDenmark } from '../../src/shared/dates.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session, type TestUser } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

/** A valid CPR number (century rule), unique per call: adults born 1985, children 2016. */
let serial = 100;
const cprFor = (kind: 'adult' | 'child') => `1411${kind === 'adult' ? '85' : '16'}${kind === 'adult' ? '2' : '4'}${String(serial++).padStart(3, '0')}`;

describe.skipIf(!!dbSkipReason)(`visitation: accept, decline, forward (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: TestUser;
  let other: TestUser;
  let professionalUser: TestUser;
  let s: { coordinator: Session; other: Session; professional: Session; manager: Session };

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '403' });
    app = await buildTestApp(database);
    coordinator = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true, name: 'Karen Koordinator' });
    other = await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true, name: 'Otto Koordinator' });
    professionalUser = await buildUser(database.db, m.municipality, { roles: ['professional'], mfa: true, name: 'Pia Sundhedsplejerske' });
    const manager = await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true, name: 'Mette Leder' });
    s = {
      coordinator: await loginAs(app, database.db, coordinator),
      other: await loginAs(app, database.db, other),
      professional: await loginAs(app, database.db, professionalUser),
      manager: await loginAs(app, database.db, manager),
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (who: Session, url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: who.headers, payload });
  const refer = async (persons: object[]) => {
    const res = await call(s.professional, '/api/v1/referrals', { persons, signs: ['child_wellbeing'], note: 'Barnet virker trist.' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const accept = (id: string, body: object = {}, who = s.coordinator) => call(who, `/api/v1/referrals/${id}/accept`, body);
  const sys = <T>(fn: Parameters<typeof asSystem<T>>[1]) => asSystem(database.db, fn);
  const referralRow = async (id: string) => (await sys((tx) => tx.select().from(referral).where(eq(referral.id, id))))[0]!;
  const membersOf = (familyId: string) =>
    sys((tx) =>
      tx
        .select({ role: familyMember.role, person })
        .from(familyMember)
        .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
        .where(eq(familyMember.familyId, familyId)),
    );
  const familyCount = async () => (await sys((tx) => tx.select().from(family).where(eq(family.municipalityId, m.municipality.id)))).length;
  const problemPaths = (res: { json(): { error: { problems: { path: string }[] } } }) => res.json().error.problems.map((p) => p.path).sort();

  it('creates a family in assessment with the persons, the coordinator and the referral date, and marks the referral accepted', async () => {
    const mother = cprFor('adult');
    const child = cprFor('child');
    const id = await refer([{ cpr: mother, givenName: 'Lone', familyName: 'Lund' }, { cpr: child, givenName: 'Liva', familyName: 'Lund' }]);
    const res = await accept(id);
    expect(res.statusCode, res.body).toBe(200);
    const { familyId, status } = res.json();
    expect(status).toBe('accepted');
    const [f] = await sys((tx) => tx.select().from(family).where(eq(family.id, familyId)));
    expect(f).toMatchObject({ status: 'assessing', coordinatorUserId: coordinator.id, referredAt: todayInDenmark((await referralRow(id)).createdAt) });
    const members = await membersOf(familyId);
    expect(members.map((x) => [x.person.cpr, x.person.givenName, x.role]).sort()).toEqual([
      [child, 'Liva', 'child'],
      [mother, 'Lone', 'parent'],
    ]);
    expect(members.find((x) => x.person.cpr === child)!.person).toMatchObject({ birthDate: '2016-11-14', sex: Number(child[9]) % 2 ? 'male' : 'female' });
    expect(await sys((tx) => tx.select().from(familyStatusEvent).where(eq(familyStatusEvent.familyId, familyId)))).toMatchObject([{ toStatus: 'assessing', reason: null, cause: 'referral_accepted' }]);
    expect(await sys((tx) => tx.select().from(coordinatorAssignment).where(eq(coordinatorAssignment.familyId, familyId)))).toMatchObject([{ userId: coordinator.id, reason: null, cause: 'referral_accepted' }]);
    expect(await referralRow(id)).toMatchObject({ status: 'accepted', familyId, decidedBy: coordinator.id });
    const [e] = await sys((tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'referral.accept'), eq(auditEvent.targetId, id))));
    expect(e!.personIds.sort()).toEqual(members.map((x) => x.person.id).sort());
    expect(JSON.stringify(e)).not.toContain(mother);
  });

  it('refuses a second decision on the same referral', async () => {
    const id = await refer([{ givenName: 'Mads', familyName: 'Mø', birthDate: '1984-04-04' }]);
    expect((await accept(id)).statusCode).toBe(200);
    const before = await familyCount();
    for (const res of [await accept(id), await call(s.coordinator, `/api/v1/referrals/${id}/decline`, { reason: 'Fejl.' })]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('referral_already_decided');
    }
    expect(await familyCount()).toBe(before);
  });

  it('asks for the names a new person needs in the household, saving nothing, and accepts them at acceptance', async () => {
    const id = await refer([{ cpr: cprFor('adult') }, { givenName: 'Nor', birthDate: '2018-03-03' }]);
    const before = await familyCount();
    const missing = await accept(id);
    expect(missing.statusCode).toBe(400);
    expect(problemPaths(missing)).toEqual(['persons.0.familyName', 'persons.0.givenName', 'persons.1.familyName']);
    expect(missing.json().error.problems[0].message).toMatch(/ikke registreret i forvejen/);
    expect(await familyCount()).toBe(before);
    expect((await referralRow(id)).status).toBe('open');
    const tooMany = await accept(id, { persons: [{}, {}, { givenName: 'X' }] });
    expect(problemPaths(tooMany)).toContain('persons.2');
    const ok = await accept(id, { persons: [{ givenName: 'Nina', familyName: 'Nørby' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const members = await membersOf(ok.json().familyId);
    expect(members.map((x) => `${x.person.givenName} ${x.person.familyName} (${x.role})`).sort()).toEqual(['Nina Nørby (parent)', 'Nor Nørby (child)']);
  });

  it('fills a missing family name from another person in the referral', async () => {
    const id = await refer([{ givenName: 'Ole', familyName: 'Olsen', birthDate: '1982-02-02' }, { givenName: 'Otto', birthDate: '2015-05-05' }]);
    const res = await accept(id);
    expect((await membersOf(res.json().familyId)).map((x) => x.person.familyName)).toEqual(['Olsen', 'Olsen']);
  });

  it('makes a manager name an active coordinator', async () => {
    const id = await refer([{ givenName: 'Per', familyName: 'Prip', birthDate: '1981-01-01' }]);
    const inactive = await buildUser(database.db, m.municipality, { roles: ['coordinator'], active: false });
    const cases: Array<[object, string]> = [
      [{}, 'Vælg den familiekoordinator'],
      [{ coordinatorUserId: professionalUser.id }, 'ikke rollen familiekoordinator'],
      [{ coordinatorUserId: inactive.id }, 'findes ikke eller er deaktiveret'],
      [{ coordinatorUserId: '00000000-0000-4000-8000-000000000000' }, 'findes ikke eller er deaktiveret'],
    ];
    for (const [body, message] of cases) {
      const res = await accept(id, body, s.manager);
      expect(res.json().error.problems).toEqual([{ path: 'coordinatorUserId', message: expect.stringContaining(message) }]);
    }
    const ok = await accept(id, { coordinatorUserId: other.id }, s.manager);
    const [f] = await sys((tx) => tx.select().from(family).where(eq(family.id, ok.json().familyId)));
    expect(f!.coordinatorUserId).toBe(other.id);
  });

  it('adds the persons to a family the coordinator holds, reusing a registered person by CPR', async () => {
    const parent = cprFor('adult');
    const familyId = (await accept(await refer([{ cpr: parent, givenName: 'Rikke', familyName: 'Ravn' }]))).json().familyId;
    const id = await refer([{ cpr: parent }, { cpr: cprFor('child'), givenName: 'Rosa' }]);
    const res = await accept(id, { familyId });
    expect(res.json()).toEqual({ id, status: 'accepted', familyId });
    const members = await membersOf(familyId);
    expect(members.map((x) => `${x.person.givenName} ${x.person.familyName}`).sort()).toEqual(['Rikke Ravn', 'Rosa Ravn']);
    expect(await sys((tx) => tx.select().from(person).where(eq(person.cpr, parent)))).toHaveLength(1);
    const [f] = await sys((tx) => tx.select().from(family).where(eq(family.id, familyId)));
    expect(f!.version).toBe(2);
  });

  it('answers 404 for a family the coordinator does not hold and leaves the referral open', async () => {
    const familyId = (await accept(await refer([{ cpr: cprFor('adult'), givenName: 'Sif', familyName: 'Sand' }]))).json().familyId;
    const id = await refer([{ givenName: 'Sune', familyName: 'Sand', birthDate: '2014-04-14' }]);
    const res = await accept(id, { familyId }, s.other);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('family_not_found');
    expect((await referralRow(id)).status).toBe('open');
    const both = await accept(id, { familyId, coordinatorUserId: coordinator.id });
    expect(problemPaths(both)).toEqual(['coordinatorUserId']);
  });

  it('warns before putting a person who is in another family into a new one, and goes ahead when acknowledged', async () => {
    const cpr = cprFor('adult');
    await accept(await refer([{ cpr, givenName: 'Tove', familyName: 'Tang' }]));
    const id = await refer([{ cpr }]);
    const before = await familyCount();
    const warned = await accept(id, {}, s.other);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error).toMatchObject({ code: 'cpr_in_other_family', problems: [{ path: 'persons.0.cpr' }] });
    expect(await familyCount()).toBe(before);
    expect((await accept(id, { acknowledgeOtherFamily: true }, s.other)).statusCode).toBe(200);
  });

  it('declines and forwards with a reason, audited, and requires the reason', async () => {
    const declined = await refer([{ givenName: 'Uffe', familyName: 'Ulv', birthDate: '1975-05-05' }]);
    const noReason = await call(s.manager, `/api/v1/referrals/${declined}/decline`, { reason: '  ' });
    expect(problemPaths(noReason)).toEqual(['reason']);
    const res = await call(s.manager, `/api/v1/referrals/${declined}/decline`, { reason: 'Ingen tegn på behov for en helhedsorienteret indsats.' });
    expect(res.json()).toEqual({ id: declined, status: 'declined', familyId: null });
    const forwarded = await refer([{ givenName: 'Vera', familyName: 'Vind', birthDate: '1976-06-06' }]);
    await call(s.coordinator, `/api/v1/referrals/${forwarded}/forward`, { reason: 'Sendt til Børne- og Familieafdelingen.' });
    expect(await referralRow(declined)).toMatchObject({ status: 'declined', decisionReason: 'Ingen tegn på behov for en helhedsorienteret indsats.' });
    expect(await referralRow(forwarded)).toMatchObject({ status: 'forwarded', decidedBy: coordinator.id });
    const audited = await sys((tx) => tx.select().from(auditEvent).where(eq(auditEvent.municipalityId, m.municipality.id)));
    expect(audited.filter((e) => e.targetId === declined && e.action === 'referral.decline')).toHaveLength(1);
    expect(audited.filter((e) => e.targetId === forwarded && e.action === 'referral.forward')).toHaveLength(1);
  });

  it('lets no professional decide a referral: the same 404 as for one that does not exist', async () => {
    const id = await refer([{ givenName: 'Yrsa', familyName: 'Yde', birthDate: '1977-07-07' }]);
    const res = await accept(id, {}, s.professional);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('referral_not_found');
    expect((await referralRow(id)).status).toBe('open');
  });
});
