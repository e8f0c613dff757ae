import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, todayInDenmark } from '../../src/shared/dates.js';
import { FIELD_MESSAGES } from '../../src/shared/field-messages.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { familyMember } from '../../src/server/modules/families/families.table.js';
import { meeting } from '../../src/server/modules/meetings/meetings.table.js';
import { plan, planSignOff, planVersion } from '../../src/server/modules/plans/plans.table.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildFamily, buildStaff, departmentId, type BuiltFamily, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const today = todayInDenmark();
const day = (offset: number) => addDays(today, offset);
const da = (code: string) => FIELD_MESSAGES[code]!.da;
const danishDate = (iso: string) =>
  new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

interface VersionDto {
  id: string;
  number: number;
  current: boolean;
  publishedAt: string;
  publishedBy: { id: string; name: string };
  nextReviewDate: string;
  note: string | null;
  signOffs: Array<{ personId: string; personName: string; signedAt: string; how: string; recordedBy: { id: string; name: string } }>;
}
interface PlanDto {
  draftVersion: number;
  goals: Array<{ id: string; title: string; actions: Array<{ id: string }> }>;
  current: VersionDto | null;
  unpublishedChanges: boolean;
}

describe.skipIf(!!dbSkipReason)(`the family's plan: versions, sign-off and the PDF (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let coordinator: StaffUser;
  let as: Record<'coordinator' | 'team' | 'outsider' | 'manager', Session>;
  let jobcenter: string;
  let fam: BuiltFamily;
  let other: BuiltFamily;
  /** Amina (parent), Yusuf (8), Sara (16), Ole (other member of the household). */
  let amina: string, yusuf: string, sara: string, ole: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '613' });
    app = await buildTestApp(database);
    const mu = m.municipality;
    coordinator = await buildStaff(database.db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Karin Kærgård' });
    const team = await buildStaff(database.db, mu, { roles: ['professional'], department: 'jobcenter', name: 'Jens Jobkonsulent' });
    const outsider = await buildStaff(database.db, mu, { roles: ['professional'], department: 'daycare_school', name: 'Ole Udenfor' });
    const manager = await buildStaff(database.db, mu, { roles: ['manager'], department: 'children_family', name: 'Mette Leder' });
    as = {
      coordinator: await loginAs(app, database.db, coordinator),
      team: await loginAs(app, database.db, team),
      outsider: await loginAs(app, database.db, outsider),
      manager: await loginAs(app, database.db, manager),
    };
    jobcenter = await departmentId(database.db, mu, 'jobcenter');
    fam = await buildFamily(database.db, mu, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Amina', familyName: 'Ærøskøbing' },
        { role: 'child', givenName: 'Yusuf', familyName: 'Ærøskøbing', birthDate: addMonths(today, -8 * 12) },
        { role: 'child', givenName: 'Sara', familyName: 'Ærøskøbing', birthDate: addMonths(today, -16 * 12) },
        { role: 'other', givenName: 'Ole', familyName: 'Ærøskøbing' },
      ],
      team: [{ user: team, department: 'jobcenter' }],
      status: 'active',
    });
    [amina, yusuf, sara, ole] = fam.personIds as [string, string, string, string];
    other = await buildFamily(database.db, mu, { coordinator, members: [{ role: 'parent', givenName: 'Fremmed' }] });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const base = (familyId: string) => `/api/v1/families/${familyId}/plan`;
  const getPlan = async (familyId: string, s: Session = as.coordinator): Promise<PlanDto> => (await call(s, 'GET', base(familyId))).json();
  const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200): Promise<PlanDto> => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  const addGoal = async (familyId: string, body: object) =>
    ok(await call(as.coordinator, 'POST', `${base(familyId)}/goals`, { domain: 'housing', horizon: 'short', title: 'Et mål', draftVersion: (await getPlan(familyId)).draftVersion, ...body }), 201);
  const publish = async (familyId: string, body: object = {}, s: Session = as.coordinator) =>
    call(s, 'POST', `${base(familyId)}/publish`, { nextReviewDate: day(180), draftVersion: (await getPlan(familyId)).draftVersion, ...body });
  const versions = async (familyId: string): Promise<VersionDto[]> => (await call(as.coordinator, 'GET', `${base(familyId)}/versions`)).json().versions;
  const versionRows = (familyId: string) =>
    asSystem(database.db, async (tx) => {
      const [p] = await tx.select().from(plan).where(eq(plan.familyId, familyId));
      if (!p) return { plan: undefined, versions: [] };
      return { plan: p, versions: await tx.select().from(planVersion).where(eq(planVersion.planId, p.id)) };
    });
  const events = (action: string) =>
    asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))).orderBy(auditEvent.seq),
    );
  const lastEvent = async (action: string) => (await events(action)).at(-1)!;
  const newFamily = () => buildFamily(database.db, m.municipality, { coordinator, members: [{ role: 'parent' }, { role: 'child' }] });

  describe('publishing', () => {
    it('refuses to publish a plan without goals, saving no version', async () => {
      const f = await newFamily();
      const res = await publish(f.id);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems).toEqual([{ path: 'goals', message: da('goals_required') }]);
      expect((await versionRows(f.id)).versions).toEqual([]);
    });

    it('requires a next review date that is not in the past', async () => {
      const f = await newFamily();
      await addGoal(f.id, {});
      const past = await publish(f.id, { nextReviewDate: day(-1) });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.problems).toEqual([{ path: 'nextReviewDate', message: da('date_in_past') }]);
      const missing = await call(as.coordinator, 'POST', `${base(f.id)}/publish`, { draftVersion: (await getPlan(f.id)).draftVersion });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['nextReviewDate']);
      expect((await versionRows(f.id)).versions).toEqual([]);
      expect((await publish(f.id, { nextReviewDate: today })).statusCode).toBe(201);
    });

    it('publishes twice as versions 1 and 2, exactly one of them current, with who, when and the note', async () => {
      await addGoal(fam.id, { domain: 'housing', horizon: 'long', title: 'Vi vil bo tæt på skolen', targetDate: day(300), legalRequirement: 'Barnets lov § 92' });
      let p = await addGoal(fam.id, { personId: amina, domain: 'work_education', title: 'Jeg vil have et arbejde' });
      p = await ok(
        await call(as.team, 'POST', `${base(fam.id)}/goals/${p.goals[1]!.id}/actions`, {
          what: 'Møde på jobcentret',
          responsible: { kind: 'department', departmentId: jobcenter },
          due: day(14),
          draftVersion: p.draftVersion,
        }),
        201,
      );
      p = await ok(await call(as.team, 'PUT', `${base(fam.id)}/baseline`, { domain: 'housing', score: 3, text: 'For lille', draftVersion: p.draftVersion }));
      expect(p.unpublishedChanges).toBe(true);

      const first = await ok(await publish(fam.id, { note: 'Første plan, lavet på hjemmebesøg' }), 201);
      expect(first.current).toMatchObject({ number: 1, current: true, nextReviewDate: day(180), note: 'Første plan, lavet på hjemmebesøg', publishedBy: { id: coordinator.id, name: 'Karin Kærgård' } });
      expect(first.unpublishedChanges).toBe(false);
      expect(first.draftVersion).toBe(p.draftVersion);
      const e = await lastEvent('plan.publish');
      expect(e.personIds.sort()).toEqual([...fam.personIds].sort());
      expect(e.details).toMatchObject({ number: 1, nextReviewDate: day(180), goals: 2 });

      // The team changes the draft: a goal retitled, an action added, a goal removed, the baseline moved.
      let d = await getPlan(fam.id, as.team);
      d = await ok(await call(as.team, 'PATCH', `${base(fam.id)}/goals/${d.goals[1]!.id}`, { title: 'Jeg vil have et fast arbejde', draftVersion: d.draftVersion }));
      d = await ok(
        await call(as.team, 'POST', `${base(fam.id)}/goals/${d.goals[0]!.id}/actions`, {
          what: 'Skrive op til en større bolig',
          responsible: { kind: 'person', personId: amina },
          due: day(20),
          draftVersion: d.draftVersion,
        }),
        201,
      );
      d = await ok(await call(as.team, 'PUT', `${base(fam.id)}/baseline`, { domain: 'housing', score: 4, text: 'For lille', draftVersion: d.draftVersion }));
      const added = await addGoal(fam.id, { domain: 'daycare_school', personId: yusuf, title: 'Yusuf vil komme i skole hver dag' });
      expect(added.unpublishedChanges).toBe(true);
      expect(added.current!.number).toBe(1);

      const second = await ok(await publish(fam.id, { nextReviewDate: day(90) }), 201);
      expect(second.current).toMatchObject({ number: 2, current: true, nextReviewDate: day(90), note: null });
      const list = await versions(fam.id);
      expect(list.map((v) => [v.number, v.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      const rows = await versionRows(fam.id);
      expect(rows.versions).toHaveLength(2);
      expect(rows.plan!.currentVersionId).toBe(rows.versions.find((v) => v.number === 2)!.id);
      expect((await lastEvent('plan.read')).details).toMatchObject({ view: 'versions', versions: 2 });
    });

    it('shows what changed between versions 1 and 2, field by field, and the reverse', async () => {
      const res = await call(as.team, 'GET', `${base(fam.id)}/versions/1/diff/2`);
      expect(res.statusCode).toBe(200);
      const diff = res.json();
      expect(diff).toMatchObject({ from: 1, to: 2, unchanged: false });
      expect(diff.baseline).toEqual([
        { domain: 'housing', kind: 'changed', before: { domain: 'housing', score: 3, text: 'For lille' }, after: { domain: 'housing', score: 4, text: 'For lille' }, fields: [{ field: 'score', before: 3, after: 4 }] },
      ]);
      const byTitle = Object.fromEntries(diff.goals.map((g: { title: string }) => [g.title, g]));
      expect(byTitle['Vi vil bo tæt på skolen']).toMatchObject({ kind: 'changed', fields: [], actions: [{ kind: 'added', what: 'Skrive op til en større bolig' }] });
      expect(byTitle['Jeg vil have et fast arbejde']).toMatchObject({
        kind: 'changed',
        fields: [{ field: 'title', before: 'Jeg vil have et arbejde', after: 'Jeg vil have et fast arbejde' }],
        actions: [],
      });
      expect(byTitle['Yusuf vil komme i skole hver dag']).toMatchObject({ kind: 'added', before: null, after: { personId: yusuf, domain: 'daycare_school' } });
      expect(diff.goals).toHaveLength(3);
      expect((await lastEvent('plan.read')).details).toMatchObject({ view: 'diff', from: 1, to: 2 });

      const back = (await call(as.coordinator, 'GET', `${base(fam.id)}/versions/2/diff/1`)).json();
      expect(back.goals.find((g: { title: string }) => g.title === 'Yusuf vil komme i skole hver dag').kind).toBe('removed');
      const same = (await call(as.coordinator, 'GET', `${base(fam.id)}/versions/2/diff/draft`)).json();
      expect(same).toMatchObject({ from: 2, to: 'draft', unchanged: true, goals: [], baseline: [] });
    });

    it('answers 404 for a version the plan does not have', async () => {
      const res = await call(as.coordinator, 'GET', `${base(fam.id)}/versions/1/diff/9`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('plan_version_not_found');
      expect((await call(as.coordinator, 'GET', `${base(other.id)}/versions/1/diff/2`)).json().error.code).toBe('plan_version_not_found');
    });

    it('lets only the coordinator publish: a team member gets 404 and no version is made', async () => {
      const before = (await versionRows(fam.id)).versions.length;
      const res = await publish(fam.id, {}, as.team);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('family_not_found');
      expect((await lastEvent('access.denied')).details).toMatchObject({ attempted: 'family.edit_household' });
      expect((await versionRows(fam.id)).versions).toHaveLength(before);
    });

    it('refuses to publish from a stale view of the draft with plan_conflict', async () => {
      const f = await newFamily();
      const seen = await addGoal(f.id, { title: 'Første udgave' });
      await ok(await call(as.coordinator, 'PATCH', `${base(f.id)}/goals/${seen.goals[0]!.id}`, { title: 'Anden udgave', draftVersion: seen.draftVersion }));
      const res = await call(as.coordinator, 'POST', `${base(f.id)}/publish`, { nextReviewDate: day(30), draftVersion: seen.draftVersion });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('plan_conflict');
      expect(res.json().error.problems[0].message).toBe('Målet »Anden udgave« er ændret af Karin Kærgård.');
      expect((await versionRows(f.id)).versions).toEqual([]);
    });
  });

  describe("the family's sign-off", () => {
    const signOff = (versionId: string, body: object, s: Session = as.coordinator, familyId = fam.id) =>
      call(s, 'POST', `${base(familyId)}/versions/${versionId}/sign-offs`, body);
    const current = async () => (await getPlan(fam.id)).current!;

    it('records that a parent signed the current version in person, and audits naming the parent', async () => {
      const v = await current();
      const res = await signOff(v.id, { personId: amina, signedAt: today, how: 'in_person' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        id: v.id,
        number: 2,
        signOffs: [{ personId: amina, personName: 'Amina Ærøskøbing', signedAt: today, how: 'in_person', recordedBy: { id: coordinator.id, name: 'Karin Kærgård' } }],
      });
      const e = await lastEvent('plan.sign_off');
      expect(e).toMatchObject({ targetId: fam.id, personIds: [amina], actorUserId: coordinator.id });
      expect(e.details).toMatchObject({ versionId: v.id, number: 2, how: 'in_person', signedAt: today });
    });

    it('lets a child of 15 or over sign, by letter, and shows both signatures in the history', async () => {
      const v = await current();
      expect((await signOff(v.id, { personId: sara, signedAt: today, how: 'letter' })).statusCode).toBe(201);
      const listed = (await versions(fam.id))[0]!;
      expect(listed.signOffs.map((s) => [s.personName, s.how])).toEqual([
        ['Amina Ærøskøbing', 'in_person'],
        ['Sara Ærøskøbing', 'letter'],
      ]);
    });

    it('refuses who may not sign, a date in the future or before publication, saving nothing', async () => {
      const v = await current();
      const cases: Array<[object, string, string]> = [
        [{ personId: yusuf, signedAt: today, how: 'in_person' }, 'personId', 'sign_off_not_allowed'],
        [{ personId: ole, signedAt: today, how: 'in_person' }, 'personId', 'sign_off_not_allowed'],
        [{ personId: other.personIds[0], signedAt: today, how: 'digital' }, 'personId', 'unknown_person'],
        [{ personId: ole, signedAt: day(1), how: 'digital' }, 'personId', 'sign_off_not_allowed'],
      ];
      for (const [body, path, code] of cases) {
        const res = await signOff(v.id, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.problems).toEqual([{ path, message: da(code) }]);
      }
      const f = await newFamily();
      // Registered long ago, so only the publication date stands in the way of an earlier signature.
      await asSystem(database.db, (tx) => tx.update(familyMember).set({ from: '2020-01-01' }).where(eq(familyMember.familyId, f.id)));
      await addGoal(f.id, {});
      const fv = (await ok(await publish(f.id), 201)).current!;
      const future = await signOff(fv.id, { personId: f.personIds[0], signedAt: day(1), how: 'digital' }, as.coordinator, f.id);
      expect(future.json().error.problems).toEqual([{ path: 'signedAt', message: da('date_in_future') }]);
      const early = await signOff(fv.id, { personId: f.personIds[0], signedAt: day(-1), how: 'digital' }, as.coordinator, f.id);
      expect(early.json().error.problems).toEqual([{ path: 'signedAt', message: da('sign_off_before_publication') }]);
      const bad = await signOff(v.id, { personId: amina, signedAt: today, how: 'by_pigeon' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['how']);
      const rows = await asSystem(database.db, (tx) => tx.select().from(planSignOff).where(eq(planSignOff.versionId, v.id)));
      expect(rows.map((r) => r.personId).sort()).toEqual([amina, sara].sort());
    });

    it('refuses a second signature by the same person on the same version', async () => {
      const res = await signOff((await current()).id, { personId: amina, signedAt: today, how: 'letter' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('plan_already_signed');
    });

    it('lets only the coordinator record a sign-off, and answers 404 for a version of another family', async () => {
      const v = await current();
      expect((await signOff(v.id, { personId: amina, signedAt: today, how: 'letter' }, as.team)).statusCode).toBe(404);
      const f = await newFamily();
      await addGoal(f.id, {});
      await publish(f.id);
      const res = await signOff(v.id, { personId: f.personIds[0], signedAt: today, how: 'letter' }, as.coordinator, f.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('plan_version_not_found');
    });
  });

  describe("the family's PDF", () => {
    const pdfText = (pdf: Buffer, ...args: string[]) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-plan-pdf-'));
      const file = path.join(dir, 'plan.pdf');
      fs.writeFileSync(file, pdf);
      try {
        return {
          text: execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }),
          fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
        };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };

    it('answers plan_not_published while there is no current version', async () => {
      const f = await newFamily();
      await addGoal(f.id, {});
      const res = await call(as.coordinator, 'GET', `${base(f.id)}/pdf`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('plan_not_published');
    });

    it('gives the family its current plan in Danish: goals in their words, who does what, review, next meeting, coordinator; fonts embedded', async () => {
      await asSystem(database.db, (tx) =>
        tx.insert(meeting).values([
          {
            municipalityId: m.municipality.id,
            familyId: fam.id,
            title: 'Netværksmøde',
            startsAt: new Date('2099-06-03T08:00:00Z'),
            endsAt: new Date('2099-06-03T09:30:00Z'),
            place: 'Rådhuset, mødelokale 2',
            agendaGoalIds: [],
            createdBy: coordinator.id,
          },
          {
            municipalityId: m.municipality.id,
            familyId: fam.id,
            title: 'Senere møde',
            startsAt: new Date('2099-09-01T08:00:00Z'),
            endsAt: new Date('2099-09-01T09:00:00Z'),
            agendaGoalIds: [],
            createdBy: coordinator.id,
          },
        ]),
      );
      const res = await call(as.team, 'GET', `${base(fam.id)}/pdf?lang=da`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="helhedsplan-v2.pdf"');
      const { text, fonts } = pdfText(res.rawPayload);
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of [
        'Helhedsplan for familien Ærøskøbing',
        'Version 2',
        'Vores mål',
        'Bolig',
        'Vi vil bo tæt på skolen',
        'Jeg vil have et fast arbejde',
        'Yusuf vil komme i skole hver dag',
        'Dagtilbud og skole',
        'Skrive op til en større bolig — Amina Ærøskøbing — senest',
        'Møde på jobcentret — Jobcenter',
        'Målet dækker kravet i: Barnets lov § 92',
        `Vi ser på planen igen: ${danishDate(day(90))}`,
        '3. juni 2099, kl. 10.00–11.30 · Rådhuset, mødelokale 2',
        'Din familiekoordinator: Karin Kærgård',
        'Børne- og Familieafdelingen',
        'Amina Ærøskøbing skrev under',
      ]) {
        expect(flat).toContain(expected);
      }
      expect(flat).not.toContain('Senere møde');
      expect(flat).not.toContain('1. september 2099');
      const fontLines = fonts.split('\n').slice(2).filter(Boolean);
      expect(fontLines.length).toBeGreaterThan(0);
      for (const line of fontLines) {
        expect(line).toContain('IBMPlexSans');
        expect(line).toMatch(/\byes\s+yes\s+yes\b/);
      }
      const e = await lastEvent('plan.print');
      expect(e).toMatchObject({ targetId: fam.id, details: expect.objectContaining({ number: 2, lang: 'da' }) });
      expect(e.personIds.sort()).toEqual([...fam.personIds].sort());
    });

    it('prints the current version, not the draft, and in English on request', async () => {
      let d = await getPlan(fam.id);
      d = await ok(await call(as.coordinator, 'PATCH', `${base(fam.id)}/goals/${d.goals[0]!.id}`, { title: 'Et udkast, ikke offentliggjort', draftVersion: d.draftVersion }));
      const res = await call(as.coordinator, 'GET', `${base(fam.id)}/pdf?lang=en`);
      expect(res.statusCode).toBe(200);
      const flat = pdfText(res.rawPayload).text.replace(/\s+/g, ' ');
      expect(flat).toContain('Family plan for the Ærøskøbing family');
      expect(flat).toContain('Our goals');
      expect(flat).toContain('Who does what by when');
      expect(flat).toContain('Vi vil bo tæt på skolen');
      expect(flat).toContain('Your family coordinator: Karin Kærgård');
      expect(flat).not.toContain('Et udkast, ikke offentliggjort');
    });

    it('is not printed for someone outside the team, nor by the unit’s manager', async () => {
      expect((await call(as.outsider, 'GET', `${base(fam.id)}/pdf`)).statusCode).toBe(404);
      expect((await call(as.manager, 'GET', `${base(fam.id)}/pdf`)).statusCode).toBe(404);
    });
  });
});
