import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInDenmark } from '../../src/shared/dates.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { cookieOf, csrfOf } from '../support/factories.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildTestApp } from '../support/server.js';
import { DEMO_TYPE_NAMES } from '../../src/server/modules/exchange/demo.generator.js';

/** `helhed demo` as a newcomer runs it: an empty database, the printed users log in, a second run changes nothing. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'test/fixtures/exchange/example.json');
const TABLES = ['municipality', 'staff_user', 'department', 'family', 'person', 'family_member', 'coordinator_assignment', 'plan', 'plan_goal', 'goal_rating', 'intervention_type', 'intervention', 'support_status_period', 'child_welfare_period', 'concern_report', 'school_attendance', 'assessment', 'custody', 'consent', 'plan_version', 'plan_sign_off', 'meeting', 'meeting_participant', 'journal_note'];

describe.skipIf(!!dbSkipReason)(`helhed demo CLI on ${dbKind}`, { timeout: 300_000 }, () => {
  let dir: string;
  const shared: TestDatabase[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-demo-cli-'));
    if (dbKind === 'postgres') shared.push(await createTestDatabase(), await createTestDatabase());
  });
  afterAll(async () => {
    for (const s of shared) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The database `which` (0: the demo, 1: one holding another municipality) as the CLI finds it. */
  function helhed(which: 0 | 1, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, HELHED_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.HELHED_DATA_DIR;
    if (dbKind === 'postgres') env.DATABASE_URL = shared[which]!.url;
    else env.HELHED_DATA_DIR = path.join(dir, `data${which}`);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/helhed.mjs'), ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end();
    });
  }

  /** The same database from the test process (PGlite: only while no CLI process holds the directory). */
  async function open(which: 0 | 1): Promise<Database> {
    return dbKind === 'postgres' ? openDatabase({ databaseUrl: shared[which]!.url, poolSize: 2 }) : openDatabase({ dataDir: path.join(dir, `data${which}`) });
  }

  async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    // Ordered by the whole row: tables such as custody have many rows per first two columns, in no fixed order.
    for (const t of TABLES) out[t] = (await database.db.execute(sql.raw(`select * from ${t} order by ${t}::text`))).rows;
    return out;
  }

  it('loads the small demo into an empty database, prints users who can log in without MFA, and a second run changes nothing', async () => {
    const first = await helhed(0, ['demo', '--size', 'small']);
    expect(first.stderr).not.toContain('Error');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Demokommunen 900 Demo Kommune er oprettet');
    expect(first.stdout).toContain('To-faktor-login (MFA) er slået fra for alle roller i demokommunen 900');
    for (const line of [
      /admin@demo\.helhed\.dk\s+demo-ugle-hest-1\s+administrator\s+\(oprettet\)/,
      /leder@demo\.helhed\.dk\s+demo-raev-sko-2\s+leder/,
      /analytiker@demo\.helhed\.dk\s+demo-sol-bog-3\s+analytiker/,
      /fagperson@demo\.helhed\.dk\s+demo-kat-mos-4\s+fagperson/,
      /koordinator1@demo\.helhed\.dk\s+demo-fyr-taarn-5\s+koordinator\s+\(adgangskode sat\)/,
    ])
      expect(first.stdout).toMatch(line);
    expect(first.stdout).toContain('npm start');
    expect(first.stderr).toMatch(/Importerer: 60\/60 familier/);
    // The daily work the exchange format does not carry, added through the services.
    const work = /Dagligt arbejde i (\d+) familier: (\d+) forældremyndigheder, (\d+) samtykker, (\d+) offentliggjorte planer, (\d+) netværksmøder og (\d+) journalnotater; fagpersonen er med i teamet omkring (\d+) af familierne\./.exec(first.stdout);
    expect(work, first.stdout).not.toBeNull();
    const [families, custodies, consents, plans, meetings, notes, teams] = work!.slice(1).map(Number) as [number, number, number, number, number, number, number];
    expect(families).toBeGreaterThan(20);
    expect(custodies).toBeGreaterThan(0);
    expect(consents).toBeGreaterThanOrEqual(families - 5);
    expect(plans).toBeGreaterThan(0);
    expect(meetings).toBe(families);
    expect(notes).toBe(families);
    expect(teams).toBe(6);
    expect(first.stderr).toMatch(new RegExp(`Dagligt arbejde: ${families}/${families} familier`));

    let database = await open(0);
    let before: Record<string, unknown[]>;
    try {
      const app = await buildTestApp(database);
      try {
        const login = async (email: string, password: string) => {
          const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-csrf-token': 'anonymous' }, payload: { email, password } });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().stage).toBe('active');
          const cookie = cookieOf(res.headers['set-cookie']);
          return { cookie, 'x-csrf-token': await csrfOf(app, cookie) };
        };
        const coordinator = await login('koordinator1@demo.helhed.dk', 'demo-fyr-taarn-5');
        const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: coordinator });
        expect(me.json()).toMatchObject({ user: { email: 'koordinator1@demo.helhed.dk', mustChangePassword: false }, session: { stage: 'active' } });
        const own = await database.db.execute<{ id: string }>(
          sql`select f.id from family f join staff_user u on u.id = f.coordinator_user_id where u.email = 'koordinator1@demo.helhed.dk' and f.status = 'active' limit 1`,
        );
        const fam = await app.inject({ method: 'GET', url: `/api/v1/families/${own.rows[0]!.id}`, headers: coordinator });
        expect(fam.statusCode).toBe(200);
        const overview = fam.json().data as {
          members: { role: string; custodyHolderIds: string[] }[];
          consents: { inForce: boolean }[];
          plan: { currentVersion: { number: number } | null } | null;
          nextMeeting: unknown;
          latestNotes: unknown[];
          activationBlockers: unknown;
        };
        for (const child of overview.members.filter((x) => x.role === 'child')) expect(child.custodyHolderIds.length).toBeGreaterThan(0);
        expect(overview.consents.length).toBeGreaterThan(0);
        expect(overview.consents.every((c) => c.inForce)).toBe(true);
        expect(overview.plan?.currentVersion?.number).toBe(1);
        expect(overview.nextMeeting).not.toBeNull();
        expect(overview.latestNotes).toHaveLength(1);
        // Every custody holder of an active or paused demo family has consented; no coordinator has two meetings at once.
        const unconsented = await database.db.execute<{ n: number }>(sql`
          select count(*)::int as n from custody c join family f on f.id = c.family_id
          where f.status in ('active', 'paused') and not exists (select 1 from consent k where k.family_id = c.family_id and k.person_id = c.holder_person_id)`);
        expect(unconsented.rows[0]!.n).toBe(0);
        const clashes = await database.db.execute<{ n: number }>(sql`
          select count(*)::int as n from meeting a join family fa on fa.id = a.family_id
          join meeting b on b.id <> a.id join family fb on fb.id = b.family_id and fb.coordinator_user_id = fa.coordinator_user_id
          where a.starts_at < b.ends_at and b.starts_at < a.ends_at`);
        expect(clashes.rows[0]!.n).toBe(0);
        const analyst = await login('analytiker@demo.helhed.dk', 'demo-sol-bog-3');
        const kpis = await app.inject({ method: 'GET', url: `/api/v1/evaluation/kpis?asOf=${todayInDenmark()}`, headers: analyst });
        expect(kpis.statusCode, kpis.body).toBe(200);
        expect(kpis.json().families.enrolled).toBeGreaterThan(40);
        // The manager leads the coordinators' unit, so the management pages have the demo's families in them.
        const manager = await login('leder@demo.helhed.dk', 'demo-raev-sko-2');
        const distribution = await app.inject({ method: 'GET', url: '/api/v1/caseload/distribution', headers: manager });
        expect(distribution.statusCode, distribution.body).toBe(200);
        const coordinatorsOfUnit = (distribution.json().coordinators as { name: string; open: number }[]).filter((c) => c.open > 0);
        expect(coordinatorsOfUnit.length).toBeGreaterThanOrEqual(4);
        const withoutUnit = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from staff_user where 'coordinator' = any(roles) and department_id is null`);
        expect(withoutUnit.rows[0]!.n).toBe(0);
        // The catalogue is in Danish: no type is named after its code (»Placement foster«) as the import names new ones.
        const types = await database.db.execute<{ code: string; name: string }>(sql`select code, name from intervention_type order by code`);
        expect(types.rows.length).toBeGreaterThanOrEqual(6);
        expect(types.rows.find((t) => t.code === 'placement_foster')?.name).toBe('Anbringelse i plejefamilie');
        for (const t of types.rows) expect(t.name, t.code).toBe(DEMO_TYPE_NAMES.get(t.code));
        // The demo professional is on six families' teams: Mine familier lists them, each opens, and she is invited to their meetings.
        const professional = await login('fagperson@demo.helhed.dk', 'demo-kat-mos-4');
        const teamFamilies = await app.inject({ method: 'GET', url: '/api/v1/team-families', headers: professional });
        expect(teamFamilies.statusCode, teamFamilies.body).toBe(200);
        const listed = teamFamilies.json() as { families: { id: string; memberships: { role: string }[] }[]; notCovered: number };
        expect([listed.families.length, listed.notCovered]).toEqual([6, 0]);
        expect(listed.families[0]!.memberships[0]!.role).toBe('Familiebehandler');
        for (const x of listed.families) expect((await app.inject({ method: 'GET', url: `/api/v1/families/${x.id}`, headers: professional })).statusCode).toBe(200);
        const meetings = await app.inject({ method: 'GET', url: '/api/v1/meetings/mine', headers: professional });
        expect(meetings.statusCode, meetings.body).toBe(200);
        expect(meetings.json().meetings).toHaveLength(6);
        await login('admin@demo.helhed.dk', 'demo-ugle-hest-1');
      } finally {
        await app.close();
      }
      before = await snapshot(database);
      const settings = await database.db.execute<{ settings: { mfaRequiredRoles: string[] } }>(sql`select settings from municipality where code = '900'`);
      expect(settings.rows[0]!.settings.mfaRequiredRoles).toEqual([]);
    } finally {
      await database.close();
    }

    const second = await helhed(0, ['demo', '--size', 'small']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('som ved første kørsel');
    expect(second.stdout).toContain('0 familier oprettet, 60 uændret');
    expect(second.stdout).not.toContain('Dagligt arbejde');
    expect(second.stdout).toMatch(/admin@demo\.helhed\.dk\s+demo-ugle-hest-1\s+administrator\s+\(fandtes allerede\)/);
    expect(second.stdout).toMatch(/koordinator1@demo\.helhed\.dk\s+demo-fyr-taarn-5\s+koordinator\s+\(fandtes allerede\)/);
    database = await open(0);
    try {
      expect(await snapshot(database)).toEqual(before);
      const loads = await database.db.execute<{ details: { size: string; today: string } }>(sql`select details from audit_event where action = 'demo.load' order by seq`);
      expect(loads.rows).toHaveLength(2);
      expect(loads.rows[1]!.details.today).toBe(loads.rows[0]!.details.today);
    } finally {
      await database.close();
    }

    const otherSize = await helhed(0, ['demo', '--size', 'large']);
    expect(otherSize.code).toBe(1);
    expect(otherSize.stderr).toContain('allerede indlæst i størrelsen small');
    const badSize = await helhed(0, ['demo', '--size', 'huge']);
    expect(badSize.code).toBe(1);
    expect(badSize.stderr).toContain('Ukendt størrelse');
  });

  it('refuses a database that holds another municipality, and writes nothing', async () => {
    const imported = await helhed(1, ['import', EXAMPLE]);
    expect(imported.code).toBe(0);
    const refused = await helhed(1, ['demo']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Databasen indeholder allerede 999 Eksempel Kommune; demoen indlæses ikke her.');
    expect(refused.stderr).toContain('HELHED_DATA_DIR=demo-data npx helhed demo');
    const database = await open(1);
    try {
      const codes = await database.db.execute<{ code: string }>(sql`select code from municipality order by code`);
      expect(codes.rows.map((r) => r.code)).toEqual(['999']);
      const users = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from staff_user where email like '%@demo.helhed.dk'`);
      expect(users.rows[0]!.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
