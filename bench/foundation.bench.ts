/**
 * Foundation benchmarks: start-up to healthy, authenticated GET /api/v1/me throughput and the server's peak
 * resident memory, on PGlite and on PostgreSQL 15.
 *
 *   npx tsx bench/foundation.bench.ts                  (about 2 minutes; prints a Markdown section on stdout)
 *   BENCH_QUICK=1 npx tsx bench/foundation.bench.ts    (a short smoke run: 1 start-up each, 2 s + 5 s load)
 *   BENCH_REV="..." names the code measured when the checkout has no .git (default: git describe --dirty).
 *
 * Exits 1 when a load run saw errors, timeouts or non-2xx answers. It asserts no performance target: the
 * numbers are recorded in docs/benchmarks.md.
 *
 * The server always runs as its own child process, `node bin/helhed.mjs start` (not `npm start`, whose
 * prestart step may rebuild the web UI). Progress goes to stderr, the Markdown result to stdout.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  HEALTH_POLL_MS,
  MEM_POLL_MS,
  PG_BIN,
  expectOk,
  freePort,
  loadAvg,
  log,
  logIn,
  machine,
  measureLoad,
  mib,
  ms,
  ms1,
  postgresAvailable,
  runBench,
  runCli,
  serverEnv,
  serverWarnings,
  spawnServer,
  startBenchPostgres,
  stopServer,
  summary,
  tempDir,
  waitHealthy,
  type LoadResult,
  type Machine,
} from './lib.js';

const QUICK = process.env.BENCH_QUICK === '1';
const STARTUP_RUNS = QUICK ? 1 : 3;
const WARMUP_S = QUICK ? 2 : 5;
const LOAD_S = QUICK ? 5 : 20;
const CONNECTIONS = 20;
const ADMIN = { code: '159', name: 'Bench', email: 'bench@kommune.example', displayName: 'Bench', password: 'korrekt hest batteri hæfteklamme' };

// ---------------------------------------------------------------------------------------------------------
// 1. Start-up to healthy.

interface StartupResult {
  fresh: number[];
  existing: number[];
  stops: { code: number | null; signal: NodeJS.Signals | null; ms: number }[];
}

async function benchStartup(): Promise<StartupResult> {
  const result: StartupResult = { fresh: [], existing: [], stops: [] };
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const dataDir = path.join(tempDir('helhed-bench-startup-'), 'data'); // does not exist yet: a truly new directory
    for (const kind of ['fresh', 'existing'] as const) {
      const env = serverEnv({ dataDir }, await freePort());
      const t0 = performance.now();
      const server = spawnServer(env);
      await waitHealthy(server);
      const ms = performance.now() - t0;
      result[kind].push(ms);
      const stop = await stopServer(server);
      result.stops.push(stop);
      log(`start-up ${i + 1}/${STARTUP_RUNS} ${kind} data dir: ${ms.toFixed(0)} ms (stop: exit ${stop.code ?? stop.signal} after ${stop.ms.toFixed(0)} ms)`);
      if (stop.code !== 0) log(`  unexpected exit on SIGTERM; output:\n${server.output()}`);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// 2 + 3. Authenticated GET /api/v1/me under load, and the server's memory meanwhile.

interface DbLoadResult extends LoadResult {
  db: string;
  serverOutput: string;
}

async function benchLoad(dbName: string, env: NodeJS.ProcessEnv): Promise<DbLoadResult> {
  log(`${dbName}: creating municipality ${ADMIN.code} and its administrator with the CLI`);
  runCli(
    ['setup', '--code', ADMIN.code, '--name', ADMIN.name, '--admin-email', ADMIN.email, '--admin-name', ADMIN.displayName],
    env,
    `${ADMIN.password}\n`,
  );
  const server = spawnServer(env);
  try {
    await waitHealthy(server);
    const cookie = await logIn(server.url, { email: ADMIN.email, password: ADMIN.password });
    const url = `${server.url}/api/v1/me`;
    const r = await measureLoad({
      label: dbName,
      server,
      cannon: { url, connections: CONNECTIONS, headers: { cookie } },
      warmupS: WARMUP_S,
      loadS: LOAD_S,
    });
    // The session must still work after the load.
    await expectOk(await fetch(url, { headers: { cookie } }), 'GET /me after the load');
    return { ...r, db: dbName, serverOutput: server.output() };
  } finally {
    const stop = await stopServer(server);
    if (stop.code !== 0) log(`${dbName}: server exit on SIGTERM was ${stop.code ?? stop.signal}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report.

function report(m: Machine, date: string, startup: StartupResult, loads: DbLoadResult[], skipped: string[]): string {
  const lines: string[] = [];
  lines.push(`### Foundation benchmark — ${date}${QUICK ? ' (BENCH_QUICK smoke run, not representative)' : ''}`, '');
  lines.push(
    `Machine: ${m.nproc} vCPU ${m.model}, ${m.memGiB} GiB RAM, ${m.kernel}; Node ${m.node}; ${m.pg}. ` +
      `Load average at start: ${m.load}. Code: ${m.rev}.`,
    '',
  );
  lines.push(
    `#### Start-up to healthy`,
    '',
    `\`node bin/helhed.mjs start\` (not \`npm start\`, whose prestart step may rebuild the web UI) on PGlite, from spawn until ` +
      `\`GET /api/health\` answers 200 with \`status: ok\` (polled every ${HEALTH_POLL_MS} ms). ` +
      `${STARTUP_RUNS} run(s) each; "existing" is the same data directory after a SIGTERM stop.`,
    '',
    '| Data directory | Median | Min | Max | Runs |',
    '|---|---:|---:|---:|---|',
  );
  for (const kind of ['fresh', 'existing'] as const) {
    const s = summary(startup[kind]);
    lines.push(`| ${kind === 'fresh' ? 'new (empty)' : 'existing'} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${startup[kind].map(ms).join(', ')} |`);
  }
  const stopS = summary(startup.stops.map((s) => s.ms));
  const badStops = startup.stops.filter((s) => s.code !== 0);
  lines.push(
    '',
    `SIGTERM to exit: median ${ms(stopS.median)} (min ${ms(stopS.min)}, max ${ms(stopS.max)}); ` +
      (badStops.length ? `**${badStops.length} stop(s) did not exit 0**.` : 'every stop exited 0.'),
    '',
  );

  lines.push(
    `#### Authenticated \`GET /api/v1/me\` throughput`,
    '',
    `autocannon, ${CONNECTIONS} connections, ${LOAD_S} s after a ${WARMUP_S} s warm-up, one logged-in administrator (TOTP enrolled) ` +
      `session cookie. The server is a separate child process; autocannon (and PostgreSQL) share the same cores. ` +
      `Latency percentiles are computed from every response's time.`,
    '',
    '| Database | Req/s (mean) | 2xx total | p50 | p95 | p99 | Max | Errors | Timeouts | Non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of loads) {
    lines.push(
      `| ${r.db} | ${r.reqPerSecMean.toFixed(0)} | ${r.total2xx} | ${ms1(r.latency.p50)} | ${ms1(r.latency.p95)} | ${ms1(r.latency.p99)} | ` +
        `${ms1(r.latency.max)} | ${r.errors} | ${r.timeouts} | ${r.non2xx} |`,
    );
  }
  for (const s of skipped) lines.push(`| ${s} | skipped | | | | | | | | |`);
  lines.push(
    '',
    `CPU during the measured window (the server process alone; PostgreSQL's own backends are not counted in it). ` +
      `"Machine busy" covers all ${m.nproc} cores and every process, including other work on the VM.`,
    '',
    '| Database | Server CPU (cores) | Server CPU per request | autocannon CPU (cores) | Machine busy |',
    '|---|---:|---:|---:|---:|',
  );
  for (const r of loads) {
    lines.push(
      `| ${r.db} | ${r.cpu.serverCores.toFixed(2)} | ${r.cpu.serverMsPerReq.toFixed(2)} ms | ${r.cpu.benchCores.toFixed(2)} | ${r.cpu.machineBusyPct.toFixed(0)} % |`,
    );
  }
  lines.push('');

  lines.push(
    `#### Server memory under that load`,
    '',
    `\`/proc/<pid>/status\` of the server process, polled every ${MEM_POLL_MS} ms during the measured ${LOAD_S} s. ` +
      `VmHWM is the process's peak RSS since it started (includes start-up, migration check and warm-up).`,
    '',
    '| Database | RSS idle (after login) | Peak RSS during load | VmHWM at end |',
    '|---|---:|---:|---:|',
  );
  for (const r of loads) lines.push(`| ${r.db} | ${mib(r.mem.idleRssKb)} | ${mib(r.mem.peakRssKb)} | ${mib(r.mem.hwmKb)} |`);
  lines.push('');

  const odd = loads.filter((r) => r.errors || r.timeouts || r.non2xx || r.resets || r.mismatches);
  for (const r of odd) {
    lines.push(
      `**${r.db}: not clean** — errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}, resets ${r.resets}, ` +
        `status codes ${JSON.stringify(r.statusCodes)}.`,
      '',
    );
  }
  // The server's own output at warn level and above, minus the start-up banner.
  for (const r of loads) {
    const text = serverWarnings(r.serverOutput);
    if (text) lines.push(`${r.db} server output (warn and above):`, '', '```', text.slice(0, 2000), '```', '');
  }
  lines.push(`Load average at the end: ${loadAvg()}.`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const t0 = performance.now();
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  log(`machine: ${m.nproc} × ${m.model}, ${m.memGiB} GiB, Node ${m.node}, load ${m.load}`);

  const startup = await benchStartup();

  const loads: DbLoadResult[] = [];
  const skipped: string[] = [];

  const pgliteDir = path.join(tempDir('helhed-bench-pglite-'), 'data');
  loads.push(await benchLoad('PGlite', serverEnv({ dataDir: pgliteDir }, await freePort())));

  if (postgresAvailable()) {
    log('starting PostgreSQL 15');
    const pgServer = await startBenchPostgres();
    const admin = new pg.Client({ connectionString: pgServer.adminUrl() });
    await admin.connect();
    await admin.query('create database helhed_bench');
    await admin.end();
    loads.push(await benchLoad('PostgreSQL 15', serverEnv({ databaseUrl: pgServer.adminUrl('helhed_bench') }, await freePort())));
  } else {
    log(`PostgreSQL 15 not found in ${PG_BIN}: skipped`);
    skipped.push(`PostgreSQL 15 (not found in ${PG_BIN})`);
  }

  process.stdout.write(`${report(m, date, startup, loads, skipped)}\n`);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return loads.some((r) => r.errors || r.timeouts || r.non2xx) ? 1 : 0;
}

await runBench(main);
