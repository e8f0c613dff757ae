import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CreateUserBody } from '../shared/admin.js';
import { fieldMessage } from '../shared/field-messages.js';
import { SetupBody } from '../shared/auth.js';
import { verifyAuditChains } from '../server/audit/verify.js';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/client.js';
import { DataDirInUseError } from '../server/db/data-dir-lock.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { inTenant } from '../server/db/tenant.js';
import { AppError, errorMessage } from '../server/errors.js';
import { problemsOf } from '../server/http/validation.js';
import { startServer } from '../server/main.js';
import { findDepartmentByCode } from '../server/modules/admin/departments.repository.js';
import { createUser } from '../server/modules/admin/users.service.js';
import { listMunicipalities } from '../server/modules/setup/municipalities.repository.js';
import { setupMunicipality } from '../server/modules/setup/setup.service.js';
import { parseArgs, stringFlag } from './args.js';
import { demoCommand } from './commands/demo.js';
import { CliFailure, exportCommand, importCommand } from './commands/exchange.js';
import { kpisCommand } from './commands/kpis.js';
import { readSecret } from './prompt.js';

/** The actor id recorded for changes made with the `helhed` command. */
const CLI_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
/** The shell user as an actor: a system administrator (see create-user). */
const CLI_ACTOR = { userId: CLI_ACTOR_ID, name: 'helhed CLI', roles: ['admin' as const], departmentId: null };

const HELP = `helhed — Helhed's command line

  helhed start                         Start the server (PORT, HOST, HELHED_DATA_DIR or DATABASE_URL)
  helhed migrate                       Apply pending database migrations
  helhed setup --code 159 --name "Gladsaxe Kommune" --admin-email a@kommune.dk --admin-name "Navn"
                                       Create a municipality and its first administrator
                                       (password from a hidden prompt, or the first line of stdin)
  helhed create-user --email e@kommune.dk --name "Navn" --role coordinator[,manager]
                     [--department jobcenter] [--profession "Familiekonsulent"] [--municipality 159]
                                       Create a staff user with a first password (changed at first login)
  helhed audit verify [--municipality 159]
                                       Check the audit trail's hash chain; names the first broken row
  helhed import FILE [--municipality 159]
                                       Read a helhed-exchange v1 file (all or nothing; every problem with
                                       its JSON pointer; exit 1 on problems). On an empty database the
                                       file's municipality is created
  helhed export [--pseudonymise] [--out FILE] [--municipality 159]
                                       Write the municipality's families as helhed-exchange v1
  helhed kpis [--as-of 2019-12-31] [--json] [--municipality 159]
                                       The KPIs of DESIGN.md as of a date (today when left out), exact;
                                       --json in the shape of exchange/example.kpis.json
  helhed demo [--size small|large]     Load the synthetic demo municipality 900 (small ≈ 60 families, large
                                       3,000 active families and ten years of history) and print demo
                                       users with passwords; MFA is turned off in the demo municipality
                                       only. Refused when the database holds any other municipality;
                                       running it again changes nothing
`;

/** Runs one CLI command; exits non-zero with a clear message on any problem. */
export async function run(argv: string[]): Promise<void> {
  const { positionals, flags } = parseArgs(argv);
  const [command, sub] = positionals;
  if (!command || flags.has('help') || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  try {
    switch (command) {
      case 'start':
        return await start(config);
      case 'migrate':
        return await withDb(config, async () => console.log('Migreringer er kørt. / Migrations applied.'));
      case 'setup':
        return await withDb(config, (db) => setup(db, flags));
      case 'create-user':
        return await withDb(config, (db) => createUserCmd(db, flags));
      case 'import':
        return await withDb(config, (db) => importCommand(db, sub, flags, CLI_ACTOR));
      case 'export':
        return await withDb(config, (db) => exportCommand(db, flags, CLI_ACTOR));
      case 'demo':
        return await withDb(config, (db) => demoCommand(db, flags, CLI_ACTOR, `http://${config.host}:${config.port}`));
      case 'kpis':
        return await withDb(config, (db) => kpisCommand(db, flags, CLI_ACTOR));
      case 'audit':
        if (sub !== 'verify') fail('Brug: helhed audit verify');
        return await withDb(config, (db) => auditVerify(db, flags));
      default:
        fail(`Ukendt kommando: ${command}\n\n${HELP}`);
    }
  } catch (e) {
    if (e instanceof CliFailure) fail(e.message);
    if (e instanceof DataDirInUseError) fail(e.message);
    if (e instanceof AppError) fail(describeAppError(e));
    throw e;
  }
}

function describeAppError(e: AppError): string {
  const lines = [errorMessage(e.code, 'da')];
  for (const p of e.problems) lines.push(`  - ${p.path}: ${fieldMessage(p.message, 'da') ?? (p.message || errorMessage(e.code, 'da'))}`);
  return lines.join('\n');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function withDb(config: Config, fn: (database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    await fn(database);
  } finally {
    await database.close();
  }
}

async function start(config: Config): Promise<void> {
  const server = await startServer(config);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite i ${config.dataDir}`;
  server.app.log.info({ url: server.url, database: server.database.kind }, 'Helhed is running');
  process.stdout.write(`Helhed kører på ${server.url} — database: ${where}\n`);
  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    server
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) fail(['Ugyldige oplysninger:', ...problemsOf(r.error.issues, 'da').map((p) => `  - ${p.path}: ${p.message}`)].join('\n'));
  return r.data;
}

async function setup(database: Database, flags: Map<string, string | true>): Promise<void> {
  const password = await readSecret('Administratorens adgangskode (mindst 12 tegn): ');
  const body = parseOrFail(SetupBody, {
    municipality: { code: stringFlag(flags, 'code'), name: stringFlag(flags, 'name') },
    admin: { email: stringFlag(flags, 'admin-email'), name: stringFlag(flags, 'admin-name'), password },
  });
  const m = await setupMunicipality(database.db, body, { onlyIfEmpty: false, requestId: `cli-${randomUUID()}`, lang: 'da' });
  console.log(`Kommune ${m.code} ${m.name} er oprettet med administratoren ${body.admin.email}.`);
}

async function chooseMunicipality(database: Database, code: string | undefined) {
  const all = await listMunicipalities(database.db);
  if (all.length === 0) fail('Der er ingen kommune endnu. Kør først: helhed setup');
  if (code) {
    const m = all.find((x) => x.code === code);
    if (!m) fail(`Kommunen ${code} findes ikke. Kendte: ${all.map((x) => x.code).join(', ')}`);
    return m;
  }
  if (all.length > 1) fail(`Vælg kommune med --municipality (${all.map((x) => x.code).join(', ')})`);
  return all[0]!;
}

async function createUserCmd(database: Database, flags: Map<string, string | true>): Promise<void> {
  const m = await chooseMunicipality(database, stringFlag(flags, 'municipality'));
  const deptCode = stringFlag(flags, 'department');
  const password = await readSecret('Første adgangskode (mindst 12 tegn): ');
  const created = await inTenant(database.db, m.id, async (tx) => {
    const ctx = { tx, municipalityId: m.id, actor: null, requestId: `cli-${randomUUID()}`, lang: 'da' as const, now: new Date() };
    let departmentId: string | null = null;
    if (deptCode) {
      const d = await findDepartmentByCode(tx, m.id, deptCode);
      if (!d) fail(`Afdelingen ${deptCode} findes ikke.`);
      departmentId = d.id;
    }
    const body = parseOrFail(CreateUserBody, {
      email: stringFlag(flags, 'email'),
      name: stringFlag(flags, 'name'),
      roles: (stringFlag(flags, 'role') ?? '').split(',').filter(Boolean),
      profession: stringFlag(flags, 'profession'),
      departmentId,
      initialPassword: password,
    });
    // The shell user acts as a system administrator: the audit event's actor is the nil id with the role
    // `admin`, which no staff user can have, so the trail shows the change came from the command line.
    return createUser({ ...ctx, actor: { userId: CLI_ACTOR_ID, name: 'helhed CLI', roles: ['admin'], departmentId: null } }, body);
  });
  console.log(`Brugeren ${created.email} (${created.roles.join(', ')}) er oprettet i ${m.code} ${m.name}. Adgangskoden skal skiftes ved første login.`);
}

async function auditVerify(database: Database, flags: Map<string, string | true>): Promise<void> {
  const code = stringFlag(flags, 'municipality');
  const reports = await verifyAuditChains(database.db, code);
  if (code && reports.length === 0) fail(`Kommunen ${code} findes ikke.`);
  let broken = false;
  for (const r of reports) {
    if (r.firstBroken) {
      broken = true;
      console.log(`${r.municipalityCode}: BRUDT ved række seq=${r.firstBroken.seq} (${r.firstBroken.reason}) efter ${r.rows - 1} gyldige rækker`);
    } else {
      console.log(`${r.municipalityCode}: OK, ${r.rows} rækker`);
    }
  }
  if (reports.length === 0) console.log('Ingen kommuner at kontrollere.');
  if (broken) process.exit(2);
}
