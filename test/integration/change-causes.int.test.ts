import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorAssignment, familyStatusEvent } from '../../src/server/modules/families/families.table.js';
import { buildMunicipality } from '../support/factories.js';
import { buildFamily, buildStaff } from '../support/family-factories.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';

const MIGRATION = path.resolve(import.meta.dirname, '../../src/server/db/migrations/0017_change_causes.sql');
/** The migration's data statements: the UPDATEs that turn the Danish reasons the system wrote into causes. */
const backfill = fs
  .readFileSync(MIGRATION, 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => s.startsWith('UPDATE'));

describe.skipIf(!!dbSkipReason)(`why a status or coordinator changed: causes, not Danish phrases (${dbKind})`, { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let municipalityId: string;
  let familyId: string;
  let coordinatorId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { municipality } = await buildMunicipality(database.db);
    municipalityId = municipality.id;
    const coordinator = await buildStaff(database.db, municipality, { roles: ['coordinator'], department: 'children_family' });
    coordinatorId = coordinator.id;
    familyId = (await buildFamily(database.db, municipality, { coordinator, members: [{ role: 'parent', givenName: 'Eva' }] })).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  const statusRow = (reason: string | null, cause: string | null) =>
    sql`insert into family_status_event (municipality_id, family_id, from_status, to_status, date, reason, cause)
        values (${municipalityId}, ${familyId}, 'active', 'paused', '2026-01-01', ${reason}, ${cause}) returning id`;

  it('migration 0017 turns the reasons earlier versions wrote into causes, keeping a withdrawal’s own words', async () => {
    expect(backfill).toHaveLength(7);
    const legacy = [
      'Oprettet direkte af familiekoordinator',
      'Visiteret fra henvendelse',
      'Importeret fra helhed-exchange',
      'Samtykke trukket tilbage: Far ønsker ikke at deltage',
      'Samtykke trukket tilbage: ',
      'Familien er klar', // a person's own reason stays as it is
    ];
    const ids: string[] = [];
    for (const reason of legacy) ids.push(((await database.db.execute<{ id: string }>(statusRow(reason, null))).rows[0]!).id);
    const assignment = (
      await database.db.execute<{ id: string }>(sql`
        insert into coordinator_assignment (municipality_id, family_id, user_id, "from", "to", reason)
        values (${municipalityId}, ${familyId}, ${coordinatorId}, '2025-01-01', '2025-06-01', 'Visiteret fra henvendelse') returning id`)
    ).rows[0]!.id;

    for (const statement of backfill) await database.db.execute(sql.raw(statement));

    const after = await database.db.select({ id: familyStatusEvent.id, reason: familyStatusEvent.reason, cause: familyStatusEvent.cause }).from(familyStatusEvent);
    const byId = new Map(after.map((r) => [r.id, [r.reason, r.cause]]));
    expect(ids.map((id) => byId.get(id))).toEqual([
      [null, 'created_directly'],
      [null, 'referral_accepted'],
      [null, 'imported'],
      ['Far ønsker ikke at deltage', 'consent_withdrawn'],
      [null, 'consent_withdrawn'],
      ['Familien er klar', null],
    ]);
    const [a] = await database.db.select().from(coordinatorAssignment).where(eq(coordinatorAssignment.id, assignment));
    expect([a!.reason, a!.cause]).toEqual([null, 'referral_accepted']);
  });

  it('refuses a status change with neither a reason nor a cause, and a cause it does not know', async () => {
    expect(await dbErrorOf(database.db.execute(statusRow(null, null)))).toContain('family_status_event_reason_or_cause');
    expect(await dbErrorOf(database.db.execute(statusRow('x', 'because')))).toContain('family_status_event_cause_check');
    expect(
      await dbErrorOf(
        database.db.execute(sql`
          insert into coordinator_assignment (municipality_id, family_id, user_id, "from", cause)
          values (${municipalityId}, ${familyId}, ${coordinatorId}, '2025-01-01', 'consent_withdrawn')`),
      ),
    ).toContain('coordinator_assignment_cause_check');
  });
});
