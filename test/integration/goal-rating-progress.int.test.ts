import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/shared/exchange/exchange.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { goalProgress, goalProgressFromRatings } from '../../src/server/modules/evaluation/kpis.repository.js';
import { importExchange } from '../../src/server/modules/exchange/import.service.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality } from '../support/factories.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.json'), 'utf8')) as ExchangeDocument;

type Rating = { municipality_id: string; goal_id: string; family_id: string; date: string; value: number; respondent: string };
type Summary = { municipality_id: string; goal_id: string; family_id: string; days: number; first_date: string; first_sum: number; first_count: number; last_date: string; last_sum: number; last_count: number };

/** What goal_rating_progress must hold, computed here in TypeScript from the ratings themselves. */
function expectedSummary(ratings: Rating[]): Summary[] {
  const byGoal = new Map<string, Map<string, { sum: number; count: number }>>();
  for (const r of ratings.filter((x) => x.respondent === 'family')) {
    const key = `${r.municipality_id}|${r.goal_id}|${r.family_id}`;
    const days = byGoal.get(key) ?? new Map();
    const day = days.get(r.date) ?? { sum: 0, count: 0 };
    day.sum += r.value;
    day.count += 1;
    days.set(r.date, day);
    byGoal.set(key, days);
  }
  return [...byGoal].map(([key, days]) => {
    const [municipality_id, goal_id, family_id] = key.split('|') as [string, string, string];
    const dates = [...days.keys()].sort();
    const first = days.get(dates[0]!)!;
    const last = days.get(dates.at(-1)!)!;
    return { municipality_id, goal_id, family_id, days: dates.length, first_date: dates[0]!, first_sum: first.sum, first_count: first.count, last_date: dates.at(-1)!, last_sum: last.sum, last_count: last.count };
  }).sort((a, b) => a.goal_id.localeCompare(b.goal_id));
}

/**
 * Migration 0013: the database keeps goal_rating_progress in step with goal_rating on every insert, update, delete
 * and truncate, for the app role under row-level security as for the system; the KPIs read it when no rating lies
 * after T and then agree with the ratings themselves.
 */
describe.skipIf(!!dbSkipReason)(`goal_rating_progress (${dbKind})`, () => {
  let database: TestDatabase;
  let municipalityId: string;

  const ratings = () =>
    asSystem(database.db, async (tx) =>
      (await tx.execute<Rating>(sql`select municipality_id, goal_id, family_id, date::text as date, value, respondent from goal_rating`)).rows,
    );
  const summary = () =>
    asSystem(database.db, async (tx) =>
      (
        await tx.execute<Summary>(sql`
          select municipality_id, goal_id, family_id, days, first_date::text as first_date, first_sum::int as first_sum, first_count,
            last_date::text as last_date, last_sum::int as last_sum, last_count
          from goal_rating_progress order by goal_id`)
      ).rows.sort((a, b) => a.goal_id.localeCompare(b.goal_id)),
    );
  const inStep = async () => {
    const all = await ratings();
    expect(all.length).toBeGreaterThan(0);
    expect(await summary()).toEqual(expectedSummary(all));
  };
  const bothWays = async (asOf: string) =>
    inTenant(database.db, municipalityId, async (tx) => [await goalProgress(tx, municipalityId, asOf), await goalProgressFromRatings(tx, municipalityId, asOf)]);

  beforeAll(async () => {
    database = await createTestDatabase();
    const result = await importExchange(database.db, example, { lang: 'da' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    municipalityId = result.municipality.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('holds every goal of the imported ratings, and the KPIs read the same from it as from the ratings', async () => {
    await inStep();
    const latest = (await summary()).map((s) => s.last_date).sort().at(-1)!;
    const [fromSummary, fromRatings] = await bothWays(latest);
    expect(fromSummary).toStrictEqual(fromRatings);
    expect(fromSummary!.n).toBeGreaterThan(0);
  });

  it('follows updates of values, dates and respondents, and deletes', async () => {
    await asSystem(database.db, async (tx) => {
      await tx.execute(sql`update goal_rating set value = value + 1 where value < 10 and date = (select min(date) from goal_rating)`);
    });
    await inStep();
    await asSystem(database.db, async (tx) => {
      await tx.execute(sql`update goal_rating set date = date + 400 where id = (select id from goal_rating where respondent = 'family' order by date desc, id limit 1)`);
    });
    await inStep();
    await asSystem(database.db, async (tx) => {
      await tx.execute(sql`update goal_rating set respondent = 'coordinator' where id = (select id from goal_rating where respondent = 'family' order by date, id limit 1)`);
    });
    await inStep();
    await asSystem(database.db, async (tx) => {
      // Every rating of one goal but one: the goal then has one day and does not qualify; then none at all.
      const [g] = (await tx.execute<{ goal_id: string }>(sql`select goal_id from goal_rating where respondent = 'family' group by goal_id having count(*) >= 2 order by goal_id limit 1`)).rows;
      await tx.execute(sql`delete from goal_rating where goal_id = ${g!.goal_id} and id <> (select id from goal_rating where goal_id = ${g!.goal_id} order by date limit 1)`);
    });
    await inStep();
    await asSystem(database.db, async (tx) => {
      await tx.execute(sql`delete from goal_rating where goal_id = (select goal_id from goal_rating_progress where days = 1 order by goal_id limit 1)`);
    });
    await inStep();
  });

  it('follows ratings written by the app role, sums a day with several ratings, and shows another municipality nothing', async () => {
    const [goal] = await asSystem(database.db, async (tx) =>
      (await tx.execute<{ goal_id: string; family_id: string }>(sql`select goal_id, family_id from goal_rating_progress order by goal_id limit 1`)).rows,
    );
    await inTenant(database.db, municipalityId, async (tx) => {
      await tx.execute(sql`
        insert into goal_rating (municipality_id, goal_id, family_id, date, value, respondent)
        values (${municipalityId}, ${goal!.goal_id}, ${goal!.family_id}, '2030-01-01', 3, 'family'),
               (${municipalityId}, ${goal!.goal_id}, ${goal!.family_id}, '2030-01-01', 8, 'family')`);
    });
    await inStep();
    const row = (await summary()).find((s) => s.goal_id === goal!.goal_id)!;
    expect(row).toMatchObject({ last_date: '2030-01-01', last_sum: 11, last_count: 2 });

    // A rating after T: the summary cannot answer, the ratings do; as of the last rating, both agree.
    const [before, beforeFromRatings] = await bothWays('2029-12-31');
    expect(before).toStrictEqual(beforeFromRatings);
    const [after, afterFromRatings] = await bothWays('2030-01-01');
    expect(after).toStrictEqual(afterFromRatings);

    const other = await buildMunicipality(database.db, { code: '998', name: 'Anden Kommune' });
    const seen = await inTenant(database.db, other.municipality.id, async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from goal_rating_progress`)).rows[0]!.n);
    expect(seen).toBe(0);
    const own = await inTenant(database.db, municipalityId, async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from goal_rating_progress`)).rows[0]!.n);
    expect(own).toBe((await summary()).length);
  });

  it('is refused to the app role as a table to write, and its recomputation as a function to call', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      inTenant(database.db, municipalityId, (tx) => tx.execute(statement)).then(
        () => 'written',
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
    expect(await refusal(sql`update goal_rating_progress set days = 99`)).toMatch(/permission denied/);
    expect(await refusal(sql`delete from goal_rating_progress`)).toMatch(/permission denied/);
    expect(
      await refusal(sql`insert into goal_rating_progress select municipality_id, gen_random_uuid(), family_id, 1, first_date, 1, 1, last_date, 1, 1 from goal_rating_progress limit 1`),
    ).toMatch(/permission denied/);
    expect(await refusal(sql`select helhed_goal_rating_progress_recompute(array[]::uuid[], array[]::uuid[], array[]::uuid[])`)).toMatch(/permission denied/);
    await inStep();
  });

  it('is emptied with the ratings when families are truncated', async () => {
    await asSystem(database.db, (tx) => tx.execute(sql`truncate family, person, intervention_type cascade`));
    expect(await summary()).toEqual([]);
    expect(await ratings()).toEqual([]);
  });
});
