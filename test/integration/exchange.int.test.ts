import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import type { Ctx } from '../../src/server/context.js';
import { inTenant } from '../../src/server/db/tenant.js';
import { exportExchange } from '../../src/server/modules/exchange/export.service.js';
import { importExchange } from '../../src/server/modules/exchange/import.service.js';
import { validateExchange } from '../../src/server/modules/exchange/validate.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.json'), 'utf8')) as Record<string, unknown>;
const TABLES = ['family', 'person', 'family_member', 'staff_user', 'intervention_type', 'plan', 'plan_goal', 'goal_rating', 'support_status_period', 'child_welfare_period', 'concern_report', 'school_attendance', 'intervention', 'assessment', 'municipality'];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe.skipIf(!!dbSkipReason)(`helhed-exchange import and export (${dbKind})`, { timeout: 60_000 }, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  /** Every table's rows (ids included), so "changes nothing" means exactly that. */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      const r = await database.db.execute(sql.raw(`select * from ${t} order by ${t}::text`));
      out[t] = r.rows;
    }
    return out;
  }

  async function exportAll(municipalityId: string, pseudonymise = false) {
    return inTenant(database.db, municipalityId, (tx) => {
      const ctx: Ctx = { tx, municipalityId, actor: null, requestId: 'test', lang: 'da', now: new Date() };
      return exportExchange(ctx, { pseudonymise });
    });
  }

  it('imports example.json into an empty database, creating the municipality, and a second import changes nothing', async () => {
    const r = await importExchange(database.db, EXAMPLE, {});
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.municipality).toMatchObject({ code: '999', created: true });
    expect(r.counts.families.created).toBe(8);
    expect(r.counts.persons.created).toBe(28);
    expect(r.counts.coordinators.created).toBe(3);
    // The first status and coordinator of each family say why by a cause, in no language.
    const why = await database.db.execute<{ source: string; reason: string | null; cause: string | null; n: number }>(sql`
      select 'status' as source, reason, cause, count(*)::int as n from family_status_event group by reason, cause
      union all select 'coordinator', reason, cause, count(*)::int from coordinator_assignment group by reason, cause order by 1`);
    expect(why.rows).toEqual([
      { source: 'coordinator', reason: null, cause: 'imported', n: 8 },
      { source: 'status', reason: null, cause: 'imported', n: 8 },
    ]);
    const before = await snapshot();
    const again = await importExchange(database.db, EXAMPLE, {});
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    for (const c of Object.values(again.counts)) expect([c.created, c.updated, c.removed]).toEqual([0, 0, 0]);
    expect(again.counts.families.unchanged).toBe(8);
    const after = await snapshot();
    expect(after).toEqual(before);
    const users = await database.db.execute<{ password_hash: string | null; roles: string[] }>(sql`select password_hash, roles from staff_user`);
    expect(users.rows.every((u) => u.password_hash === null)).toBe(true);
    const events = await database.db.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, r.municipality.id), eq(auditEvent.action, 'exchange.import')));
    expect(events).toHaveLength(2);
    expect(events[0]!.personIds).toHaveLength(28);
  });

  it('a file with several errors writes nothing and lists every pointer', async () => {
    const bad = clone(EXAMPLE) as { families: { members: { cpr?: string; birthDate: string }[]; supportStatus: { from: string; to: string | null }[]; goals: { person?: string }[]; interventions: { price: { per: string }; hoursPerWeek?: number }[] }[] };
    bad.families[0]!.members[0]!.birthDate = '1992-10-18';
    bad.families[1]!.supportStatus[1]!.from = '1900-01-01';
    bad.families[2]!.goals[0]!.person = 'nobody';
    const hourly = bad.families.flatMap((f, fi) => (f.interventions ?? []).map((iv, ii) => ({ iv, fi, ii }))).find((x) => x.iv.price.per === 'hour')!;
    delete hourly.iv.hoursPerWeek;
    // The same ref with other person data (a day later): not the same person, so the ref and the CPR are both reused.
    bad.families[3]!.members.push({ ...bad.families[0]!.members[1]!, birthDate: '2010-01-13' } as never);
    const before = await snapshot();
    const r = await importExchange(database.db, bad, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const pointers = r.problems.map((p) => p.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/families/0/members/0/birthDate',
        '/families/1/supportStatus/0/from', // period 1 now starts in 1900, so it overlaps period 0
        '/families/2/goals/0/person',
        `/families/${hourly.fi}/interventions/${hourly.ii}/hoursPerWeek`,
        `/families/3/members/${bad.families[3]!.members.length - 1}/ref`,
        `/families/3/members/${bad.families[3]!.members.length - 1}/cpr`,
      ]),
    );
    for (const p of r.problems) {
      expect(p.da.length).toBeGreaterThan(0);
      expect(p.en.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
    const schemaBad = await importExchange(database.db, { format: 'helhed-exchange', version: 2, families: [{ ref: 'a', status: 'x', members: [] }], extra: 1 }, {});
    expect(schemaBad.ok).toBe(false);
    if (!schemaBad.ok) expect(schemaBad.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/version', '/extra', '/families/0/status', '/families/0/members']));
  });

  it('import → export → import is lossless, and the export is schema-valid', async () => {
    const r = await importExchange(database.db, EXAMPLE, {});
    if (!r.ok) throw new Error('import failed');
    const first = await exportAll(r.municipality.id);
    expect(validateExchange(first).ok).toBe(true);
    const before = await snapshot();
    const re = await importExchange(database.db, first, {});
    if (!re.ok) throw new Error(JSON.stringify(re.problems));
    expect(await snapshot()).toEqual(before);
    // and into a fresh database, the export of the re-import is the same document
    const other = await createTestDatabase();
    try {
      const r2 = await importExchange(other.db, first, {});
      if (!r2.ok) throw new Error('re-import failed');
      const second = await inTenant(other.db, r2.municipality.id, (tx) =>
        exportExchange({ tx, municipalityId: r2.municipality.id, actor: null, requestId: 't', lang: 'da', now: new Date() }),
      );
      expect({ ...second, exportedAt: null }).toEqual({ ...first, exportedAt: null });
    } finally {
      await other.close();
    }
  });

  it('a pseudonymised export has no CPR or names, stable refs across exports, and is audited', async () => {
    const r = await importExchange(database.db, EXAMPLE, {});
    if (!r.ok) throw new Error('import failed');
    const a = await exportAll(r.municipality.id, true);
    const b = await exportAll(r.municipality.id, true);
    expect(a.pseudonymised).toBe(true);
    expect(validateExchange(a).ok).toBe(true);
    const text = JSON.stringify(a);
    for (const f of (EXAMPLE as { families: { ref: string; members: { cpr?: string; givenName?: string; ref: string }[] }[] }).families) {
      expect(text).not.toContain(`"${f.ref}"`);
      for (const m of f.members) {
        if (m.cpr) expect(text).not.toContain(m.cpr);
        if (m.givenName) expect(text).not.toContain(`"${m.givenName}"`);
        expect(text).not.toContain(`"${m.ref}"`);
      }
    }
    expect(a.families.map((f) => f.ref)).toEqual(b.families.map((f) => f.ref));
    expect({ ...a, exportedAt: null }).toEqual({ ...b, exportedAt: null });
    const events = await database.db.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, r.municipality.id), eq(auditEvent.action, 'exchange.export')));
    expect(events).toHaveLength(2);
    expect(events[0]!.details).toMatchObject({ pseudonymised: true, families: 8 });
    expect(events[0]!.personIds).toHaveLength(28);
  });

  it('blanks the members’ names out of goal titles in a pseudonymised export, and keeps them in the clear one', async () => {
    const r = await importExchange(database.db, EXAMPLE, {});
    if (!r.ok) throw new Error('import failed');
    // A title in the family's own words that names a child, as real ones do.
    const [row] = (
      await database.db.execute<{ goal_id: string; given: string; family: string }>(sql`
        select g.id as goal_id, p.given_name as given, p.family_name as family from plan_goal g
        join family_member fm on fm.family_id = g.family_id join person p on p.id = fm.person_id
        where g.municipality_id = ${r.municipality.id} and fm.role = 'child' and p.given_name is not null limit 1`)
    ).rows;
    await database.db.execute(sql`update plan_goal set title = ${`${row!.given}s skolegang, og ${row!.family} har det godt`} where id = ${row!.goal_id}`);
    const clear = JSON.stringify(await exportAll(r.municipality.id, false));
    expect(clear).toContain(`${row!.given}s skolegang, og ${row!.family} har det godt`);
    const pseudo = await exportAll(r.municipality.id, true);
    const titles = pseudo.families.flatMap((f) => (f.goals ?? []).map((g) => g.title));
    expect(titles).toContain('[navn] skolegang, og [navn] har det godt');
    expect(JSON.stringify(pseudo)).not.toContain(`${row!.given}s skolegang`);
  });
});
