import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { MIGRATIONS_DIR } from '../../src/server/db/migrate.js';
import { asSystem } from '../../src/server/db/tenant.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { loginAs } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

/**
 * The `helhed` command run as a child process, as an operator runs it, against one database that the
 * tests below build up in order: migrate, setup, create-user, audit verify. On PGlite the data directory
 * is opened in this process only between child runs (PGlite is single-process).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_PASSWORD = 'korrekt hest batteri hæfteklamme';
const USER_PASSWORD = 'blåbærgrød med fløde og kanel';
const USER_EMAIL = 'karen.koordinator@gladsaxe.dk';
const SPAWN_TIMEOUT_MS = 100_000;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!!dbSkipReason)(`helhed CLI on ${dbKind}`, { timeout: 120_000 }, () => {
  let dataDir: string | undefined;
  let shared: TestDatabase | undefined;

  beforeAll(async () => {
    if (dbKind === 'pglite') dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-cli-'));
    else shared = await createTestDatabase();
  });

  afterAll(async () => {
    await shared?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `node bin/helhed.mjs …` with `stdin` as its standard input (the password line). */
  function helhed(args: string[], stdin = ''): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, HELHED_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.HELHED_DATA_DIR;
    if (dataDir) env.HELHED_DATA_DIR = dataDir;
    else env.DATABASE_URL = shared!.url;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/helhed.mjs'), ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(stdin);
    });
  }

  /** The database in this process: the shared pool on PostgreSQL, the data directory opened for fn on PGlite. */
  async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    if (shared) return fn(shared);
    const database = await openDatabase({ dataDir: dataDir! });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  async function count(database: Database, table: 'municipality' | 'staff_user' | 'audit_event' | 'drizzle.__drizzle_migrations') {
    const res = await asSystem(database.db, (tx) => tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)));
    return Number(res.rows[0]!.n);
  }

  const setupArgs = (code: string) => [
    'setup',
    '--code',
    code,
    '--name',
    'Gladsaxe Kommune',
    '--admin-email',
    'ada.admin@gladsaxe.dk',
    '--admin-name',
    'Ada Admin',
  ];

  const createUserArgs = (opts: { role?: string; department?: string } = {}) => [
    'create-user',
    '--email',
    USER_EMAIL,
    '--name',
    'Karen Koordinator',
    '--role',
    opts.role ?? 'coordinator',
    '--department',
    opts.department ?? 'jobcenter',
  ];

  it('prints the usage for --help and exits 0', async () => {
    const r = await helhed(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("helhed — Helhed's command line");
    for (const command of ['helhed start', 'helhed migrate', 'helhed setup', 'helhed create-user', 'helhed audit verify']) {
      expect(r.stdout).toContain(command);
    }
  });

  it('migrate brings the database to the latest migration and exits 0', async () => {
    const r = await helhed(['migrate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Migrations applied.');
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(await withDb((d) => count(d, 'drizzle.__drizzle_migrations'))).toBe(journal.entries.length);
  });

  it('setup creates the municipality with its administrator, reading the password from stdin', async () => {
    const r = await helhed(setupArgs('159'), `${ADMIN_PASSWORD}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kommune 159 Gladsaxe Kommune er oprettet med administratoren ada.admin@gladsaxe.dk.');
    const admin = await withDb((d) =>
      asSystem(d.db, (tx) =>
        tx.execute<{ code: string; roles: string[] }>(
          sql`select m.code, u.roles from staff_user u join municipality m on m.id = u.municipality_id where u.email = 'ada.admin@gladsaxe.dk'`,
        ),
      ),
    );
    expect(admin.rows).toEqual([{ code: '159', roles: ['admin'] }]);
  });

  it('refuses a second setup with the same code with a Danish message and a non-zero exit', async () => {
    const r = await helhed(setupArgs('159'), `${ADMIN_PASSWORD}\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Der findes allerede en kommune med den kode.');
    expect(r.stdout).toBe('');
  });

  it('refuses bad setup input listing every problem, and writes nothing', async () => {
    const before = await withDb(async (d) => ({ m: await count(d, 'municipality'), a: await count(d, 'audit_event') }));
    const r = await helhed(
      ['setup', '--code', '15', '--name', 'Gladsaxe Kommune', '--admin-email', 'ikke-en-mail', '--admin-name', 'Ada Admin'],
      'kort\n',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Ugyldige oplysninger:');
    expect(r.stderr).toContain('  - municipality.code: Kommunekoden er tre cifre, fx 159.');
    expect(r.stderr).toContain('  - admin.email: Skriv en gyldig e-mailadresse, fx navn@kommune.dk.');
    expect(r.stderr).toContain('  - admin.password: Adgangskoden skal være på mindst 12 tegn.');
    const after = await withDb(async (d) => ({ m: await count(d, 'municipality'), a: await count(d, 'audit_event') }));
    expect(after).toEqual(before);
  });

  it('migrate run again over a database with data applies nothing, keeps the data and exits 0', async () => {
    const before = await withDb(async (d) => ({ mig: await count(d, 'drizzle.__drizzle_migrations'), m: await count(d, 'municipality') }));
    const r = await helhed(['migrate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const after = await withDb(async (d) => ({ mig: await count(d, 'drizzle.__drizzle_migrations'), m: await count(d, 'municipality') }));
    expect(after).toEqual(before);
    expect(after.m).toBe(1);
  });

  it('create-user refuses an unknown department and creates nobody', async () => {
    const r = await helhed(createUserArgs({ department: 'rengoering' }), `${USER_PASSWORD}\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Afdelingen rengoering findes ikke.');
    expect(await withDb((d) => count(d, 'staff_user'))).toBe(1);
  });

  it('create-user refuses an unknown role, naming the roles there are, and creates nobody', async () => {
    const r = await helhed(createUserArgs({ role: 'coordinator,janitor' }), `${USER_PASSWORD}\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Ugyldige oplysninger:');
    expect(r.stderr).toMatch(/ {2}- roles\.1: .*"coordinator"\|"professional"\|"manager"\|"analyst"\|"admin"/);
    expect(await withDb((d) => count(d, 'staff_user'))).toBe(1);
  });

  it('create-user creates a coordinator in the department who can then log in through the API', async () => {
    const r = await helhed(createUserArgs(), `${USER_PASSWORD}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Brugeren ${USER_EMAIL} (coordinator) er oprettet i 159 Gladsaxe Kommune.`);

    await withDb(async (database) => {
      const found = await asSystem(database.db, (tx) =>
        tx.execute<{ id: string; department: string }>(
          sql`select u.id, d.code as department from staff_user u join department d on d.municipality_id = u.municipality_id and d.id = u.department_id where u.email = ${USER_EMAIL}`,
        ),
      );
      expect(found.rows).toHaveLength(1);
      expect(found.rows[0]!.department).toBe('jobcenter');
      const app = await buildTestApp(database);
      try {
        const session = await loginAs(app, database.db, { id: found.rows[0]!.id, email: USER_EMAIL, password: USER_PASSWORD, totpSecret: null });
        const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
        expect(me.statusCode).toBe(200);
        expect(me.json()).toMatchObject({
          user: { email: USER_EMAIL, name: 'Karen Koordinator', roles: ['coordinator'], mustChangePassword: true, mfaEnrolled: true },
          municipality: { code: '159', name: 'Gladsaxe Kommune' },
          session: { stage: 'active' },
        });
      } finally {
        await app.close();
      }
    });
  });

  it.skipIf(dbKind !== 'pglite')('refuses to open the embedded database while another process has it open, and writes nothing', async () => {
    const before = await withDb((d) => count(d, 'staff_user'));
    // This process holds the data directory, as a running server would.
    const r = await withDb(() => helhed(createUserArgs().map((a) => (a === USER_EMAIL ? 'anden.bruger@gladsaxe.dk' : a)), `${USER_PASSWORD}\n`));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Databasen i ${dataDir} bruges allerede af en anden Helhed-proces (pid ${process.pid}).`);
    expect(r.stderr).toContain(`The database in ${dataDir} is already in use by another Helhed process (pid ${process.pid}).`);
    // Closed again, the directory is free: the count is read by a new open, and the refused command wrote nobody.
    expect(fs.existsSync(path.join(dataDir!, 'helhed.pid'))).toBe(false);
    expect(await withDb((d) => count(d, 'staff_user'))).toBe(before);
  });

  it('audit verify prints OK with the number of rows and exits 0', async () => {
    const rows = await withDb((d) => count(d, 'audit_event'));
    // setup.completed, user.create (admin), user.create (coordinator), and the coordinator's login.
    expect(rows).toBeGreaterThanOrEqual(4);
    const r = await helhed(['audit', 'verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`159: OK, ${rows} rækker`);
  });

  it('audit verify exits 2 and names the row whose content was changed behind its back', async () => {
    const seq = await withDb(async (d) =>
      asSystem(d.db, async (tx) => {
        const second = await tx.execute<{ seq: number }>(sql`select seq::int as seq from audit_event order by seq offset 1 limit 1`);
        const s = Number(second.rows[0]!.seq);
        const updated = await tx.execute(sql`update audit_event set action = 'x' where seq = ${s} returning seq`);
        expect(updated.rows).toHaveLength(1);
        return s;
      }),
    );
    const r = await helhed(['audit', 'verify']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`159: BRUDT ved række seq=${seq} (hash_mismatch) efter 1 gyldige rækker`);
  });
});
