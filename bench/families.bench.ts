/**
 * Families benchmark: the family overview API (GET /api/v1/families/:id, which writes an audit event on every
 * read) at 20 concurrent users against PostgreSQL 15 filled with 3,000 active families, and a coordinator's
 * caseload (GET /api/v1/caseload, ~150 families).
 *
 *   npx tsx bench/families.bench.ts                  (about 2–3 minutes; Markdown on stdout, progress on stderr)
 *   BENCH_QUICK=1 npx tsx bench/families.bench.ts    (smoke run: 300 families, 2 s warm-up + 5 s load)
 *   BENCH_FAMILIES=6000 …                            (another data size; persons and interventions scale with it)
 *   BENCH_LOAD_S=20 …                                (seconds measured; default 30)
 *   BENCH_PLANS=1 …                                  (also print every query plan of one overview and one caseload)
 *   BENCH_CPU_PROF=/some/dir …                       (the server writes a V8 CPU profile there when it stops)
 *   BENCH_PG_SOCKET=1 …                              (the server reaches PostgreSQL over its Unix-domain socket, not loopback TCP)
 *   BENCH_PG_OPTS="-c shared_buffers=1GB" …          (more PostgreSQL server options, named in the report)
 *   BENCH_AUDIT_HISTORY=500000 …                     (first fill audit_event with that many older events, as after
 *                                                     months of use; their hashes are placeholders)
 *   BENCH_WORK=1 …                                  (also seed the daily work per family with bench/family-work.seed.ts:
 *                                                     a published plan, 200 journal notes, 20 meetings, tasks;
 *                                                     BENCH_NOTES / BENCH_MEETINGS change the counts)
 *   BENCH_EXTRA_SQL="create index …" …               (run as the owner after seeding, then ANALYZE: try a schema change)
 *   BENCH_REV="..." names the code measured when the checkout has no .git (default: git describe --dirty).
 *
 * Steps: a throw-away PostgreSQL 15 (fsync off) and a new database; `helhed migrate`, `helhed setup` and
 * `helhed create-user` (the logged-in coordinator, roles coordinator + manager in children_family) through the
 * CLI; set-based seeding as the owner (bench/families.seed.ts), then VACUUM (ANALYZE) and a CHECKPOINT, so that
 * autovacuum does not walk the freshly seeded tables during a run; the server as a child process;
 * the server's start-up run of the daily deadline job awaited (pg-boss picks it up about 30 s after start-up; before
 * 2026-12-07 evening it ran inside the measured run); login with password, TOTP enrolment and the forced password
 * change; then
 *   1. overview under load: a 5 s warm-up, then 30 s at 20 connections, each request a different random family
 *      of all 3,000 (the logged-in user reads 150 as their coordinator and the rest as a manager of the
 *      coordinators' unit); every response must be 200; audit rows `family.read` counted before and after;
 *      PostgreSQL's backends sampled every 100 ms (active, waiting on an advisory lock — the one audit chain before
 *      decision 0020 — and on other locks, among them a lane head of the audit chain since then);
 *   2. overview in an open loop: 20 requests/s arriving at random (20 users who each open about one overview a
 *      second, independently), latency counted from each arrival; then one connection (no queueing): the cost
 *      of one request;
 *   3. caseload, 400 requests at 20 connections, then 100 at one connection;
 *   4. the plans of the real queries of one overview and one caseload (the server's own service code run
 *      in-process with auto_explain at NOTICE level, as the row-level-security role): execution time, buffers,
 *      and any sequential scan.
 *   5. `helhed audit verify` over everything the runs wrote (each event chained at its COMMIT, decision 0019).
 * Exits 1 when a run saw an error, a timeout or a non-2xx answer, the audit count does not match the reads, or the
 * audit chain does not verify.
 * Target (issue 3): overview p95 ≤ 50 ms at 20 connections; reported, not asserted.
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { inTenant } from '../src/server/db/tenant.js';
import * as schema from '../src/server/db/schema.js';
import { getFamilyOverview } from '../src/server/modules/families/overview.service.js';
import { listCaseload } from '../src/server/modules/families/caseload.service.js';
import { CaseloadQuery } from '../src/shared/families.js';
import type { Ctx } from '../src/server/context.js';
import { seedAuditHistory, seedFamilies, type SeedCounts } from './families.seed.js';
import { seedFamilyWork, type WorkSeedCounts } from './family-work.seed.js';
import {
  PG_BIN,
  expectOk,
  freePort,
  fmtProbe,
  hostProbe,
  type HostProbe,
  loadAvg,
  log,
  logIn,
  machine,
  measureLoad,
  mib,
  openLoop,
  afterQuiet,
  percentile,
  type QuietResult,
  ms1,
  postgresAvailable,
  runBench,
  runCli,
  serverEnv,
  serverWarnings,
  spawnServer,
  startBenchPostgres,
  stopServer,
  waitHealthy,
  waitStartupDeadlineRun,
  type LoadResult,
  type Machine,
  type OpenLoopResult,
  type ServerProc,
} from './lib.js';

const QUICK = process.env.BENCH_QUICK === '1';
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? (QUICK ? 300 : 3000));
const COORDINATORS = 20;
const PROFESSIONALS = 30;
const WARMUP_S = QUICK ? 2 : 5;
const LOAD_S = Number(process.env.BENCH_LOAD_S ?? (QUICK ? 5 : 30));
const CONNECTIONS = 20;
const SERIAL_OVERVIEWS = QUICK ? 50 : 300;
const CASELOAD_REQUESTS = QUICK ? 100 : 400;
const SERIAL_CASELOADS = QUICK ? 20 : 100;
/** The paced run: 20 users who each open about one overview a second, independently. */
const PACED_RATE = 20;
const PACED_S = QUICK ? 5 : 20;
/** After quiet spells: longer than node-postgres's default of 10 s before it closes an idle connection. */
const QUIET_S = 15;
const QUIET_ROUNDS = QUICK ? 1 : 4;
const QUIET_BURST = 3;
const PRINT_PLANS = process.env.BENCH_PLANS === '1';
const AUDIT_HISTORY = Number(process.env.BENCH_AUDIT_HISTORY ?? 0);
const EXTRA_SQL = process.env.BENCH_EXTRA_SQL ?? '';
const WORK = process.env.BENCH_WORK === '1';
const PG_SOCKET = process.env.BENCH_PG_SOCKET === '1';
const WORK_NOTES = Number(process.env.BENCH_NOTES ?? 200);
const WORK_MEETINGS = Number(process.env.BENCH_MEETINGS ?? 20);
const TARGET_P95_MS = 50;
const ACTIVITY_POLL_MS = 100;

const MUNICIPALITY = { code: '159', name: 'Bench' };
const ADMIN = { email: 'bench@kommune.example', name: 'Bench', password: 'korrekt hest batteri hæfteklamme' };
const COORDINATOR = {
  email: 'koordinator01@kommune.example',
  name: 'Koordinator 1',
  password: 'første kodeord fra administrator',
  newPassword: 'mit eget lange kodeord til helhed',
};
const DB_NAME = 'helhed_bench_families';

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL backends during a run: how many are working, and how many wait for the audit trail's lock.

interface Activity {
  samples: number;
  /** Means per sample over the application's backends (helhed_app or the owner, not this sampler). */
  active: number;
  advisoryWaiting: number;
  otherLockWaiting: number;
  maxAdvisoryWaiting: number;
}

function sampleActivity(client: pg.Client, dbName: string): { stop: () => Promise<Activity> } {
  const acc = { samples: 0, active: 0, advisory: 0, other: 0, maxAdvisory: 0 };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query<{ active: string; advisory: string; other: string }>(
        `select count(*) filter (where state = 'active') as active,
                count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory') as advisory,
                count(*) filter (where wait_event_type = 'Lock' and wait_event <> 'advisory') as other
         from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [dbName],
      )
      .then((r) => {
        const row = r.rows[0]!;
        acc.samples++;
        acc.active += Number(row.active);
        acc.advisory += Number(row.advisory);
        acc.other += Number(row.other);
        acc.maxAdvisory = Math.max(acc.maxAdvisory, Number(row.advisory));
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, ACTIVITY_POLL_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 10));
      const n = Math.max(1, acc.samples);
      return { samples: acc.samples, active: acc.active / n, advisoryWaiting: acc.advisory / n, otherLockWaiting: acc.other / n, maxAdvisoryWaiting: acc.maxAdvisory };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The plans of the real queries: the server's service code in this process, over one connection on which
// auto_explain sends every plan back as a NOTICE.

interface Plan {
  query: string;
  ms: number;
  text: string;
  seqScans: string[];
}

async function explainRequests(
  ownerUrl: string,
  municipalityId: string,
  actor: Ctx['actor'],
  familyIds: string[],
): Promise<{ overviews: Plan[][]; caseload: Plan[] }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const plans: Plan[] = [];
  client.on('notice', (n) => {
    const msg = n.message ?? '';
    const m = /^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/.exec(msg);
    if (!m) return;
    const text = m[2]!;
    const query = /Query Text: ([\s\S]*?)\n(?=\S|[A-Z])/.exec(text)?.[1] ?? text.split('\n')[0]!;
    const seqScans = [...text.matchAll(/Seq Scan on (\w+)/g)].map((x) => x[1]!);
    plans.push({ query: query.replace(/\s+/g, ' ').trim(), ms: Number(m[1]), text, seqScans });
  });
  try {
    // Superuser settings, made before the transaction switches to the row-level-security role.
    await client.query(`load 'auto_explain'`);
    for (const s of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_timing = on', "log_level = 'notice'", 'log_nested_statements = on']) {
      await client.query(`set auto_explain.${s}`);
    }
    const db = drizzle(client, { schema });
    const ctx = (tx: Ctx['tx']): Ctx => ({ tx, municipalityId, actor, requestId: `bench-${randomUUID()}`, lang: 'da', now: new Date() });
    // Once to warm the caches (plans, catalogue), then the ones recorded.
    await inTenant(db, municipalityId, (tx) => getFamilyOverview(ctx(tx), familyIds[0]!));
    plans.length = 0;
    const overviews: Plan[][] = [];
    for (const id of familyIds) {
      await inTenant(db, municipalityId, (tx) => getFamilyOverview(ctx(tx), id));
      overviews.push(plans.splice(0));
    }
    await inTenant(db, municipalityId, (tx) => listCaseload(ctx(tx), CaseloadQuery.parse({})));
    const caseload = plans.splice(0);
    return { overviews, caseload };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------

/** What the results table shows of a run. */
type Row = Pick<LoadResult, 'reqPerSecMean' | 'total2xx' | 'latency' | 'errors' | 'timeouts' | 'non2xx' | 'resets' | 'mismatches' | 'statusCodes'> & {
  cpu: Pick<LoadResult['cpu'], 'serverMsPerReq' | 'postgresMsPerReq' | 'machineBusyPct'>;
  mem?: LoadResult['mem'];
};

interface Run {
  label: string;
  r: Row;
  activity?: Activity;
}

function pacedRow(p: OpenLoopResult): Row {
  return {
    reqPerSecMean: p.achieved,
    total2xx: Object.entries(p.statusCodes).reduce((a, [k, v]) => (k.startsWith('2') ? a + v : a), 0),
    latency: p.latency,
    errors: p.errors,
    timeouts: 0,
    non2xx: p.non2xx,
    resets: 0,
    mismatches: 0,
    statusCodes: p.statusCodes,
    cpu: { serverMsPerReq: p.serverMsPerReq, postgresMsPerReq: p.postgresMsPerReq, machineBusyPct: p.machineBusyPct },
  };
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  log(`machine: ${m.nproc} × ${m.model}, ${m.memGiB} GiB, Node ${m.node}, load ${m.load}`);
  if (!postgresAvailable()) throw new Error(`PostgreSQL 15 not found in ${PG_BIN} (set HELHED_PG_BIN): this benchmark needs it`);

  log('starting PostgreSQL 15');
  const pgServer = await startBenchPostgres();
  const admin = new pg.Client({ connectionString: pgServer.adminUrl() });
  await admin.connect();
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const ownerUrl = pgServer.adminUrl(DB_NAME);
  // The server's DATABASE_URL: loopback TCP, or (BENCH_PG_SOCKET) the same database through the Unix-domain socket.
  const serverDbUrl = PG_SOCKET ? `postgres://postgres@${encodeURIComponent(pgServer.socketDir)}:${pgServer.port}/${DB_NAME}` : ownerUrl;
  const env = serverEnv({ databaseUrl: serverDbUrl }, await freePort());

  log('CLI: migrate, setup, create-user');
  runCli(['migrate'], env, '');
  runCli(['setup', '--code', MUNICIPALITY.code, '--name', MUNICIPALITY.name, '--admin-email', ADMIN.email, '--admin-name', ADMIN.name], env, `${ADMIN.password}\n`);
  runCli(
    ['create-user', '--email', COORDINATOR.email, '--name', COORDINATOR.name, '--role', 'coordinator,manager', '--department', 'children_family', '--profession', 'Familiekoordinator og teamleder'],
    env,
    `${COORDINATOR.password}\n`,
  );

  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const monitor = new pg.Client({ connectionString: ownerUrl });
  await monitor.connect();
  let server: ServerProc | undefined;
  try {
    log(`seeding ${FAMILIES} families`);
    const seed = await seedFamilies(owner, {
      municipalityCode: MUNICIPALITY.code,
      loginEmail: COORDINATOR.email,
      families: FAMILIES,
      coordinators: COORDINATORS,
      professionals: PROFESSIONALS,
      seed: 0.20261123,
    });
    log(`seeded in ${seed.seconds.toFixed(1)} s: ${JSON.stringify(seed)}`);
    let work: WorkSeedCounts | undefined;
    if (WORK) {
      log(`seeding the daily work: ${WORK_NOTES} notes and ${WORK_MEETINGS} meetings per family, a published plan, tasks`);
      work = await seedFamilyWork(owner, { municipalityId: seed.municipalityId, notesPerFamily: WORK_NOTES, meetingsPerFamily: WORK_MEETINGS, seed: 0.11232026 });
      log(`work seeded in ${work.seconds.toFixed(1)} s: ${JSON.stringify(work)}`);
    }
    if (AUDIT_HISTORY > 0) {
      log(`adding ${AUDIT_HISTORY} older audit events`);
      log(`audit history in ${(await seedAuditHistory(owner, MUNICIPALITY.code, AUDIT_HISTORY)).toFixed(1)} s`);
    }
    if (EXTRA_SQL) {
      log(`extra SQL: ${EXTRA_SQL}`);
      await owner.query(EXTRA_SQL);
      await owner.query('analyze');
    }
    // What autovacuum does within a minute of a bulk insert (its insert threshold, PostgreSQL ≥ 13), done before the
    // runs: otherwise it vacuums the 600,000 freshly seeded notes in the middle of one (seen: p95 55 ms at 525/s
    // against 36 ms at 766/s on a settled copy, and a 277 ms p95 in the open loop). Then a checkpoint, for the same reason.
    log('vacuum (analyze) and checkpoint after seeding');
    await owner.query('vacuum (analyze)');
    await owner.query('checkpoint');
    const familyIds = (await owner.query<{ id: string }>('select id from family where municipality_id = $1 order by id', [seed.municipalityId])).rows.map((r) => r.id);
    const familyReads = async () =>
      Number((await owner.query(`select count(*) from audit_event where municipality_id = $1 and action = 'family.read'`, [seed.municipalityId])).rows[0].count);

    const cpuProfDir = process.env.BENCH_CPU_PROF;
    server = spawnServer(env, cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []);
    await waitHealthy(server);
    log('waiting for the start-up run of the daily deadline job');
    const deadlineRunS = (await waitStartupDeadlineRun(owner)) / 1000;
    log(`deadline job's start-up run finished ${deadlineRunS.toFixed(1)} s after the server was up`);
    const cookie = await logIn(server.url, COORDINATOR);
    const headers = { cookie };

    // One overview and one caseload by hand: they answer, and with what.
    const readsBefore = await familyReads();
    const sampleRes = await expectOk(await fetch(`${server.url}/api/v1/families/${familyIds[0]}`, { headers }), 'GET one overview');
    const overviewBytes = Number(sampleRes.headers.get('content-length') ?? NaN);
    const sample = (await sampleRes.json()) as {
      data: { members: unknown[]; interventions: { current: unknown[]; past: unknown[]; overlaps: unknown[] }; relation: string };
    };
    log(
      `one overview: relation ${sample.data.relation}, ${sample.data.members.length} members, ` +
        `${sample.data.interventions.current.length} current + ${sample.data.interventions.past.length} past interventions, ${sample.data.interventions.overlaps.length} overlaps`,
    );
    const caseloadRes = await expectOk(await fetch(`${server.url}/api/v1/caseload`, { headers }), 'GET caseload');
    const caseloadBytes = Number(caseloadRes.headers.get('content-length') ?? NaN);
    const caseloadRows = ((await caseloadRes.json()) as { families: unknown[] }).families.length;
    log(`caseload: ${caseloadRows} families`);

    const pick = () => familyIds[Math.floor(Math.random() * familyIds.length)]!;
    const overviewCannon = (connections: number) => ({
      url: server!.url,
      connections,
      headers,
      requests: [{ method: 'GET', path: `/api/v1/families/${familyIds[0]}`, setupRequest: (req: { path: string }) => ({ ...req, path: `/api/v1/families/${pick()}` }) }],
    });

    const runs: Run[] = [];
    const probeStart = await hostProbe();
    const loadStart = loadAvg();
    const activity = sampleActivity(monitor, DB_NAME);
    const overview = await measureLoad({ label: 'overview', server, cannon: overviewCannon(CONNECTIONS), warmupS: WARMUP_S, loadS: LOAD_S });
    runs.push({ label: `Overview, ${CONNECTIONS} connections, ${LOAD_S} s`, r: overview, activity: await activity.stop() });
    const pacedActivity = sampleActivity(monitor, DB_NAME);
    const paced = await openLoop({
      label: 'overview paced',
      server,
      path: () => `/api/v1/families/${pick()}`,
      headers,
      rate: PACED_RATE,
      seconds: PACED_S,
      sockets: CONNECTIONS,
    });
    runs.push({
      label: `Overview, ${PACED_RATE} req/s arriving at random (Poisson) for ${PACED_S} s, ≤ ${CONNECTIONS} connections`,
      r: pacedRow(paced),
      activity: await pacedActivity.stop(),
    });
    const serialActivity = sampleActivity(monitor, DB_NAME);
    const serial = await measureLoad({ label: 'overview serial', server, cannon: overviewCannon(1), warmupS: 0, amount: SERIAL_OVERVIEWS });
    runs.push({ label: `Overview, 1 connection, ${SERIAL_OVERVIEWS} requests`, r: serial, activity: await serialActivity.stop() });
    const quiet = await afterQuiet({
      label: 'overview after quiet',
      server,
      path: () => `/api/v1/families/${pick()}`,
      headers,
      rounds: QUIET_ROUNDS,
      quietS: QUIET_S,
      burst: QUIET_BURST,
    });
    const readsAfter = await familyReads();
    const overviewsAnswered = 1 + overview.warmup2xx + overview.total2xx + paced.statusCodes['200']! + serial.total2xx + quiet.ok;
    // autocannon stops a timed run with requests still in flight: sent, answered by the server, not counted.
    const overviewsSent = 1 + overview.warmupSent + overview.sent + paced.requests + serial.sent + quiet.sent;
    const auditRows = await owner.query(`select count(*) from audit_event where municipality_id = $1`, [seed.municipalityId]);

    const caseloadCannon = (connections: number) => ({ url: `${server!.url}/api/v1/caseload`, connections, headers });
    const caseActivity = sampleActivity(monitor, DB_NAME);
    const caseload = await measureLoad({ label: 'caseload', server, cannon: caseloadCannon(CONNECTIONS), warmupS: QUICK ? 1 : 2, amount: CASELOAD_REQUESTS });
    runs.push({ label: `Caseload (${caseloadRows} families), ${CONNECTIONS} connections, ${CASELOAD_REQUESTS} requests`, r: caseload, activity: await caseActivity.stop() });
    const caseSerial = await measureLoad({ label: 'caseload serial', server, cannon: caseloadCannon(1), warmupS: 0, amount: SERIAL_CASELOADS });
    runs.push({ label: `Caseload (${caseloadRows} families), 1 connection, ${SERIAL_CASELOADS} requests`, r: caseSerial });
    const loadEnd = loadAvg();
    const probeEnd = await hostProbe();

    // The session still works after the load.
    await expectOk(await fetch(`${server.url}/api/v1/me`, { headers }), 'GET /me after the load');
    const serverOutput = server.output();
    const stop = await stopServer(server);
    server = undefined;
    if (stop.code !== 0) log(`server exit on SIGTERM was ${stop.code ?? stop.signal}`);

    // Every event of the load was chained at its COMMIT by concurrent transactions (decision 0019): the chain must verify.
    log('helhed audit verify');
    let chain: { ok: boolean; text: string };
    try {
      chain = { ok: true, text: runCli(['audit', 'verify'], env, '').trim() };
    } catch (e) {
      chain = { ok: false, text: (e as Error).message.trim() };
    }
    log(`audit verify: ${chain.text}`);

    log('plans of one overview and one caseload (auto_explain)');
    const departmentId = (await owner.query(`select department_id from staff_user where id = $1`, [seed.loginUserId])).rows[0].department_id as string;
    const actor: NonNullable<Ctx['actor']> = { userId: seed.loginUserId, name: COORDINATOR.name, roles: ['coordinator', 'manager'], departmentId };
    // A family read as a manager, and the family with the fewest audit events (nobody opened it lately): the
    // overview's "recent activity" looks for its ten latest events.
    const managerFamily = (await owner.query(`select id from family where municipality_id = $1 and coordinator_user_id <> $2 order by id limit 1`, [seed.municipalityId, seed.loginUserId])).rows[0].id as string;
    const quietFamily = (
      await owner.query(
        `select f.id from family f
         left join (select target_id, count(*) as n from audit_event where municipality_id = $1 and target_type = 'family' group by target_id) a on a.target_id = f.id::text
         where f.municipality_id = $1 and f.coordinator_user_id <> $2 order by coalesce(a.n, 0), f.id limit 1`,
        [seed.municipalityId, seed.loginUserId],
      )
    ).rows[0].id as string;
    const quietEvents = Number(
      (await owner.query(`select count(*) from audit_event where municipality_id = $1 and target_type = 'family' and target_id = $2`, [seed.municipalityId, quietFamily])).rows[0].count,
    );
    const explained = await explainRequests(ownerUrl, seed.municipalityId, actor, [managerFamily, quietFamily]);
    const plans = { overview: explained.overviews[0]!, quiet: explained.overviews[1]!, quietEvents, caseload: explained.caseload };
    const sizes = (
      await owner.query<{ rel: string; size: string; rows: string }>(
        `select c.relname as rel, pg_size_pretty(pg_total_relation_size(c.oid)) as size, c.reltuples::bigint::text as rows
         from pg_class c where c.relname in ('audit_event', 'family', 'person', 'intervention', 'family_member'${WORK ? ", 'journal_note', 'meeting', 'meeting_participant', 'plan_goal', 'goal_rating', 'plan_version', 'task'" : ''}) order by c.relname`,
      )
    ).rows;

    const auditMatches = readsAfter - readsBefore === overviewsSent;
    const report = renderReport({
      m,
      date,
      seed,
      work,
      runs,
      loadStart,
      loadEnd,
      probeStart,
      probeEnd,
      quiet,
      reads: { before: readsBefore, after: readsAfter, answered: overviewsAnswered, sent: overviewsSent, totalAudit: Number(auditRows.rows[0].count) },
      chain,
      caseloadBytes,
      overviewBytes,
      plans,
      sizes,
      serverOutput,
      deadlineRunS,
    });
    process.stdout.write(`${report}\n`);
    if (PRINT_PLANS) {
      for (const [name, list] of [['overview', plans.overview], ['quiet overview', plans.quiet], ['caseload', plans.caseload]] as const) {
        for (const p of list) process.stderr.write(`\n--- ${name}: ${p.ms.toFixed(3)} ms\n${p.text}\n`);
      }
    }
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (!auditMatches) log(`audit mismatch: ${readsAfter - readsBefore} family.read rows for ${overviewsSent} overview requests sent`);
    return runs.some((x) => x.r.errors || x.r.timeouts || x.r.non2xx) || !auditMatches || !chain.ok ? 1 : 0;
  } finally {
    if (server) await stopServer(server);
    await owner.end().catch(() => undefined);
    await monitor.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report.

interface ReportInput {
  m: Machine;
  date: string;
  seed: SeedCounts;
  work?: WorkSeedCounts;
  runs: Run[];
  loadStart: string;
  loadEnd: string;
  /** hostProbe() before the first run and after the last. */
  probeStart: HostProbe;
  probeEnd: HostProbe;
  /** Overviews after quiet spells (afterQuiet). */
  quiet: QuietResult;
  reads: { before: number; after: number; answered: number; sent: number; totalAudit: number };
  /** `helhed audit verify` after the load: its output, and whether it exited 0. */
  chain: { ok: boolean; text: string };
  caseloadBytes: number;
  overviewBytes: number;
  plans: { overview: Plan[]; quiet: Plan[]; quietEvents: number; caseload: Plan[] };
  sizes: { rel: string; size: string; rows: string }[];
  serverOutput: string;
  /** Seconds from the server being up to the end of its start-up run of the deadline job, which the runs wait for. */
  deadlineRunS: number;
}

const n = (x: number) => x.toLocaleString('en-US');

function shortQuery(q: string): string {
  const s = q.replace(/"/g, '');
  return s.length > 110 ? `${s.slice(0, 107)}…` : s;
}

function renderReport(x: ReportInput): string {
  const { m, seed: s } = x;
  const overview = x.runs[0]!.r as LoadResult;
  const met = overview.latency.p95 <= TARGET_P95_MS;
  const lines: string[] = [];
  lines.push(`### Families benchmark${x.work ? ` with the daily work (${n(WORK_NOTES)} notes, ${WORK_MEETINGS} meetings, a published plan per family)` : ""} — ${x.date}${QUICK ? ' (BENCH_QUICK smoke run, not representative)' : ''}`, '');
  lines.push(
    `Machine: ${m.nproc} vCPU ${m.model}, ${m.memGiB} GiB RAM, ${m.kernel}; Node ${m.node}; ${m.pg} (throw-away cluster, fsync off${process.env.BENCH_PG_OPTS ? `, ${process.env.BENCH_PG_OPTS}` : ''}). ` +
      `Code: ${m.rev}. The server reaches PostgreSQL over ${PG_SOCKET ? 'its Unix-domain socket (BENCH_PG_SOCKET)' : 'loopback TCP'}. Load average (1/5/15 min) before the first run ${x.loadStart}, after the last ${x.loadEnd}. ` +
      `Host speed (bench/lib.ts \`hostProbe\`, lower is faster): ${fmtProbe(x.probeStart)} before the runs; ${fmtProbe(x.probeEnd)} after.`,
    '',
  );
  lines.push(
    `Data (seeded in ${s.seconds.toFixed(1)} s, set-based SQL, then VACUUM (ANALYZE) and a CHECKPOINT): ${n(s.families)} active families; ${n(s.persons)} persons ` +
      `(${n(s.personsWithoutCpr)} without CPR), ${n(s.familyMembers)} memberships, ${n(s.custody)} custody rows, ${n(s.consents)} consents, ` +
      `${n(s.coordinatorAssignments)} coordinator assignments, ${n(s.statusEvents)} status events, ${n(s.teamMembers)} team members; ` +
      `${s.interventionTypes} intervention types, ${n(s.interventions)} interventions (${n(s.interventionsRunningToday)} running today); ` +
      `${s.staffUsers} staff users (${s.coordinators} coordinators).` +
      (AUDIT_HISTORY ? ` Before the runs, ${n(AUDIT_HISTORY)} older audit events (BENCH_AUDIT_HISTORY; placeholder hashes).` : '') +
      (x.work
        ? ` Daily work (BENCH_WORK, seeded in ${x.work.seconds.toFixed(1)} s incl. ANALYZE): ${n(x.work.plans)} plans with a published current version ` +
          `(${n(x.work.planVersions)} versions), ${n(x.work.goals)} goals, ${n(x.work.goalRatings)} goal ratings, ${n(x.work.actions)} actions; ` +
          `${n(x.work.notes)} journal notes (${n(x.work.restrictedNotes)} restricted, all created more than 24 h ago); ${n(x.work.meetings)} meetings ` +
          `(${n(x.work.futurePlannedMeetings)} planned in the future) with ${n(x.work.participants)} participants; ${n(x.work.tasks)} tasks (${n(x.work.openTasks)} open).`
        : '') +
      (EXTRA_SQL ? ` Extra SQL after seeding (BENCH_EXTRA_SQL): \`${EXTRA_SQL}\`.` : ''),
    '',
    `Logged in: a coordinator created with \`helhed create-user --role coordinator,manager --department children_family\` (TOTP enrolled, ` +
      `first password changed through the API). All ${s.coordinators} coordinators are in children_family; the logged-in one coordinates ` +
      `${n(s.familiesOfLoginUser)} families and reads the others as a manager of the coordinators' unit. Each overview request asks for a ` +
      `random family of all ${n(s.families)}. The runs began after the server's start-up run of the daily deadline job had finished ` +
      `(${x.deadlineRunS.toFixed(1)} s after the server was up).`,
    '',
  );
  lines.push(
    '| Run | Req/s (mean) | 2xx | p50 | p95 | p99 | Max | Errors / timeouts / non-2xx | Server CPU per request | PostgreSQL CPU per request | Machine busy |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
  );
  for (const { label, r } of x.runs) {
    lines.push(
      `| ${label} | ${r.reqPerSecMean.toFixed(0)} | ${n(r.total2xx)} | ${ms1(r.latency.p50)} | ${ms1(r.latency.p95)} | ${ms1(r.latency.p99)} | ` +
        `${ms1(r.latency.max)} | ${r.errors} / ${r.timeouts} / ${r.non2xx} | ${r.cpu.serverMsPerReq.toFixed(2)} ms | ${r.cpu.postgresMsPerReq.toFixed(2)} ms | ${r.cpu.machineBusyPct.toFixed(0)} % |`,
    );
  }
  lines.push('');
  lines.push(
    `**Target p95 ≤ ${TARGET_P95_MS} ms for the overview at ${CONNECTIONS} connections: ${met ? 'met' : 'not met'}** ` +
      `(p95 ${ms1(overview.latency.p95)}).`,
    '',
  );
  const q = x.quiet;
  const qs = [...q.latencies].sort((a, b) => a - b);
  lines.push(
    `After ${q.quietS} s without a request (${q.rounds} times; each time ${q.burst} overviews at once, as a page that asks for several things): ` +
      `${q.latencies.map((t) => ms1(t)).join(', ')} — p50 ${ms1(percentile(qs, 50))}, max ${ms1(qs.at(-1) ?? NaN)}; ` +
      `errors ${q.errors}, non-2xx ${q.non2xx}. node-postgres closes an idle pool connection after 10 s unless told otherwise, and a new one ` +
      `starts PostgreSQL's caches cold; the server keeps its connections for 15 minutes (src/server/db/client.ts).`,
    '',
  );
  const written = x.reads.after - x.reads.before;
  lines.push(
    `Audit: ${n(written)} \`family.read\` rows written for ${n(x.reads.sent)} overview requests sent (warm-up, measured, paced, one-connection and ` +
      `after-quiet runs and one check): ${n(x.reads.answered)} answered 200 within the runs and ${n(x.reads.sent - x.reads.answered)} still in flight when a ` +
      `timed run ended (the server answers them; autocannon no longer counts them) — ` +
      `${written === x.reads.sent ? 'one row per read' : '**mismatch**'}. audit_event held ${n(x.reads.totalAudit)} rows after the overview runs. ` +
      `\`helhed audit verify\` after all runs: ${x.chain.ok ? '' : '**failed** — '}${x.chain.text.replace(/\s+/g, ' ')}.`,
    '',
  );
  lines.push(
    `PostgreSQL backends of the server, sampled every ${ACTIVITY_POLL_MS} ms: mean active / waiting on an advisory lock (max; the one audit chain before decision 0020) / waiting on other locks (since decision 0020 among them the audit chain's lane heads).`,
    '',
  );
  for (const { label, activity: a } of x.runs) {
    if (a) lines.push(`- ${label}: ${a.active.toFixed(1)} / ${a.advisoryWaiting.toFixed(1)} (${a.maxAdvisoryWaiting}) / ${a.otherLockWaiting.toFixed(1)} (${a.samples} samples)`);
  }
  lines.push('');
  const peak = x.runs.reduce((p, r) => Math.max(p, r.r.mem?.peakRssKb ?? 0), 0);
  lines.push(`Server RSS: ${mib(overview.mem.idleRssKb)} after login, peak ${mib(peak)} under load. Response sizes: one overview ${n(x.overviewBytes)} bytes, the caseload ${n(x.caseloadBytes)} bytes.`, '');
  const rels = x.sizes.map((r) => `${r.rel} ${r.size} (~${n(Number(r.rows))} rows)`).join(', ');
  lines.push(`Relation sizes at the end (with indexes): ${rels}.`, '');

  const sections = [
    ['One overview (a family read as manager)', x.plans.overview, ''],
    [
      `One overview of the family with the fewest audit events (${x.plans.quietEvents} before this read)`,
      x.plans.quiet,
      "here only the overview's statement (its recent activity is a part of it, decision 0020) and statements of at least 0.3 ms",
    ],
    ['One caseload', x.plans.caseload, ''],
  ] as const;
  for (const [name, list, note] of sections) {
    const total = list.reduce((a, p) => a + p.ms, 0);
    lines.push(
      `${name}, the server's own queries run in-process under auto_explain (ANALYZE, BUFFERS) after the load: ${list.length} statements, ` +
        `${total.toFixed(1)} ms of execution in all${note ? `; ${note}` : ''}.`,
      '',
      '| ms | Seq scans | Statement |',
      '|---:|---|---|',
    );
    const shown = note ? list.filter((p) => p.ms >= 0.3 || p.query.includes('from audit_event ev')) : list;
    for (const p of [...shown].sort((a, b) => b.ms - a.ms)) {
      lines.push(`| ${p.ms.toFixed(2)} | ${p.seqScans.join(', ') || '—'} | \`${shortQuery(p.query).replace(/\|/g, '\\|')}\` |`);
    }
    lines.push('');
  }
  const warnings = serverWarnings(x.serverOutput);
  if (warnings) lines.push('Server output (warn and above):', '', '```', warnings.slice(0, 2000), '```', '');
  for (const { label, r } of x.runs) {
    if (r.errors || r.timeouts || r.non2xx || r.resets || r.mismatches) lines.push(`**${label}: not clean** — errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}, status codes ${JSON.stringify(r.statusCodes)}.`, '');
  }
  return lines.join('\n');
}

await runBench(main);
