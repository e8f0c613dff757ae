import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorAssignment, familyStatusEvent } from '../../src/server/modules/families/families.table.js';
import { task } from '../../src/server/modules/tasks/tasks.table.js';
import { buildMunicipality } from '../support/factories.js';
import { buildFamily, buildStaff } from '../support/family-factories.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../src/server/db/migrations');
/** A migration's data statements (its UPDATEs), to run again over rows written the way earlier versions wrote them. */
const updatesOf = (file: string) =>
  fs
    .readFileSync(path.join(MIGRATIONS, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.startsWith('UPDATE'));
const backfill = updatesOf('0017_change_causes.sql');

describe.skipIf(!!dbSkipReason)(`migrations that turn Danish phrases into data each reader sees in their language (${dbKind})`, { timeout: 60_000 }, () => {
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

  it('migration 0018 records what the raised tasks’ titles say, leaving retitled and manual tasks as written', async () => {
    const updates = updatesOf('0018_raised_task_titles.sql');
    expect(updates).toHaveLength(5);
    const rows: Array<[string, string]> = [
      ['plan_review', 'Revidér helhedsplanen (version 12)'],
      ['goal_rating', 'Vurdér målet: Amina vil have styr på regningerne'],
      ['consent_expiry', 'Samtykke fra Anne Marie udløber: forny det eller aftal afslutning'],
      ['meeting_follow_up', 'Skriv referat af mødet: Netværksmøde med mormor'],
      ['meeting_follow_up', 'Følg op på beslutning fra mødet: Mormor henter Yusuf om tirsdagen'],
      ['goal_rating', 'Ring til Amina om målet'], // retitled by a person
      ['manual', 'Vurdér målet: skal vi ændre det?'], // a person's task that happens to read like one
    ];
    const ids: string[] = [];
    for (const [origin, title] of rows) {
      const [t] = await database.db
        .insert(task)
        .values({ municipalityId, assigneeUserId: coordinatorId, title, due: '2026-01-01', familyId, origin: origin as 'manual' })
        .returning({ id: task.id });
      ids.push(t!.id);
    }

    for (const statement of updates) await database.db.execute(sql.raw(statement));

    const after = new Map((await database.db.select().from(task)).map((t) => [t.id, [t.titleKind, t.titleSubject]]));
    expect(ids.map((id) => after.get(id))).toEqual([
      ['plan_review', '12'],
      ['goal_rating', 'Amina vil have styr på regningerne'],
      ['consent_expiry', 'Anne Marie'],
      ['meeting_minutes', 'Netværksmøde med mormor'],
      ['meeting_decision', 'Mormor henter Yusuf om tirsdagen'],
      [null, null],
      [null, null],
    ]);
  });

  it('refuses a raised title without its subject, or a kind it does not know', async () => {
    const insert = (titleKind: string | null, titleSubject: string | null) =>
      database.db.execute(sql`insert into task (municipality_id, assignee_user_id, title, due, origin, title_kind, title_subject)
        values (${municipalityId}, ${coordinatorId}, 'x', '2026-01-01', 'plan_review', ${titleKind}, ${titleSubject})`);
    expect(await dbErrorOf(insert('plan_review', null))).toContain('task_title_subject_with_kind');
    expect(await dbErrorOf(insert(null, '3'))).toContain('task_title_subject_with_kind');
    expect(await dbErrorOf(insert('review', '3'))).toContain('task_title_kind_check');
  });
});
