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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { freePort, postgresAvailable, startPostgres, PG_BIN, type PgServer } from '../test/support/postgres-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/helhed.mjs');
const QUICK = process.env.BENCH_QUICK === '1';
const STARTUP_RUNS = QUICK ? 1 : 3;
const WARMUP_S = QUICK ? 2 : 5;
const LOAD_S = QUICK ? 5 : 20;
const CONNECTIONS = 20;
const HEALTH_POLL_MS = 20;
const MEM_POLL_MS = 200;
/** Responses at least this slow are logged (to stderr) with when they finished, to spot stalls. */
const SLOW_MS = 500;
const ADMIN = { code: '159', name: 'Bench', email: 'bench@kommune.example', displayName: 'Bench', password: 'korrekt hest batteri hæfteklamme' };

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------
// Clean-up: every child process, temp dir and PostgreSQL server is registered here and removed at the end,
// on failure and on Ctrl-C as well.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let pgServer: PgServer | undefined;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Synchronous, so it also works from process.on('exit'). */
function cleanupSync(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  if (pgServer) {
    const s = pgServer;
    pgServer = undefined;
    try {
      s.stop();
    } catch (e) {
      log(`stopping PostgreSQL failed: ${(e as Error).message}`);
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', cleanupSync);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    cleanupSync();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The server as a child process.

interface ServerProc {
  child: ChildProcess;
  pid: number;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function serverEnv(db: { dataDir: string } | { databaseUrl: string }, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', HELHED_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if ('dataDir' in db) {
    env.HELHED_DATA_DIR = db.dataDir;
  } else {
    env.DATABASE_URL = db.databaseUrl;
    // Not used with DATABASE_URL, but keep the server away from ./data in the checkout.
    env.HELHED_DATA_DIR = tempDir('helhed-bench-unused-');
  }
  return env;
}

function spawnServer(env: NodeJS.ProcessEnv): ServerProc {
  const child = spawn(process.execPath, [CLI, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  if (!child.pid) throw new Error('could not spawn the server');
  return { child, pid: child.pid, url: `http://127.0.0.1:${env.PORT}`, output: () => out, exited };
}

/** Polls GET /api/health until it answers 200 with status ok. */
async function waitHealthy(server: ServerProc, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let exitedEarly = false;
  void server.exited.then(() => (exitedEarly = true));
  while (performance.now() < deadline) {
    if (exitedEarly) throw new Error(`server exited before it was healthy:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) {
        const body = (await res.json()) as { status?: string };
        if (body.status === 'ok') return;
      } else {
        await res.body?.cancel();
      }
    } catch {
      // not listening yet
    }
    await sleep(HEALTH_POLL_MS);
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.output()}`);
}

/** SIGTERM, then wait for a clean exit (SIGKILL after 20 s). Returns the exit code and how long it took. */
async function stopServer(server: ServerProc): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t0 = performance.now();
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  const res = await server.exited;
  clearTimeout(timer);
  return { ...res, ms: performance.now() - t0 };
}

function runCli(args: string[], env: NodeJS.ProcessEnv, input: string): void {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`helhed ${args[0]} failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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

function cookieFrom(res: Response): string {
  const first = res.headers.getSetCookie()[0];
  if (!first) throw new Error(`no session cookie from ${res.url}`);
  return first.split(';')[0]!;
}

async function expectOk(res: Response, what: string): Promise<Response> {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

/** Password, then enrolment of an authenticator and the one-time code: an active admin session cookie. */
async function logIn(base: string): Promise<string> {
  const login = await expectOk(
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    }),
    'login',
  );
  let cookie = cookieFrom(login);
  const stage = ((await login.json()) as { stage: string }).stage;
  if (stage === 'active') return cookie;
  const csrf = async () => {
    const me = await expectOk(await fetch(`${base}/api/v1/me`, { headers: { cookie } }), 'GET /me');
    return ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken;
  };
  const enrol = await expectOk(
    await fetch(`${base}/api/v1/auth/mfa/enrol`, { method: 'POST', headers: { cookie, 'x-csrf-token': await csrf() } }),
    'mfa enrol',
  );
  const { secret } = (await enrol.json()) as { secret: string };
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
  const verify = await expectOk(
    await fetch(`${base}/api/v1/auth/mfa/verify`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': await csrf(), 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }),
    'mfa verify',
  );
  cookie = cookieFrom(verify);
  const me = await expectOk(await fetch(`${base}/api/v1/me`, { headers: { cookie } }), 'GET /me after MFA');
  const body = (await me.json()) as { session?: { stage?: string } };
  if (body.session?.stage && body.session.stage !== 'active') throw new Error(`session stage is ${body.session.stage}, not active`);
  return cookie;
}

interface Mem {
  rssKb: number;
  hwmKb: number;
}

function readMem(pid: number): Mem | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system) the process has used so far. */
function processCpuS(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // #14 utime, #15 stime
  } catch {
    return NaN;
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

interface LoadResult {
  db: string;
  reqPerSecMean: number;
  reqPerSecOverall: number;
  total2xx: number;
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  durationS: number;
  mem: { idleRssKb: number; peakRssKb: number; hwmKb: number; samples: number };
  /** CPU during the measured window: the server process, this bench process (autocannon), and the whole machine. */
  cpu: { serverCores: number; serverMsPerReq: number; benchCores: number; machineBusyPct: number };
  serverOutput: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

async function benchLoad(dbName: string, env: NodeJS.ProcessEnv): Promise<LoadResult> {
  log(`${dbName}: creating municipality ${ADMIN.code} and its administrator with the CLI`);
  runCli(
    ['setup', '--code', ADMIN.code, '--name', ADMIN.name, '--admin-email', ADMIN.email, '--admin-name', ADMIN.displayName],
    env,
    `${ADMIN.password}\n`,
  );
  const server = spawnServer(env);
  try {
    await waitHealthy(server);
    const cookie = await logIn(server.url);
    const url = `${server.url}/api/v1/me`;
    const idle = readMem(server.pid);

    log(`${dbName}: warm-up ${WARMUP_S} s, ${CONNECTIONS} connections`);
    const warmRun = autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers: { cookie } });
    const warmT0 = performance.now();
    const warmSlow: string[] = [];
    warmRun.on('response', (_c, _s, _b, t) => {
      if (t >= SLOW_MS) warmSlow.push(`${t.toFixed(0)} ms at ${((performance.now() - warmT0) / 1000).toFixed(1)} s`);
    });
    const warm = await warmRun;
    if (warmSlow.length) log(`${dbName}: warm-up had ${warmSlow.length} response(s) >= ${SLOW_MS} ms: ${warmSlow.join(', ').slice(0, 600)}`);
    if (warm.non2xx || warm.errors) log(`${dbName}: warm-up had ${warm.non2xx} non-2xx and ${warm.errors} errors`);

    log(`${dbName}: measuring ${LOAD_S} s, ${CONNECTIONS} connections`);
    let peakRssKb = 0;
    let samples = 0;
    const poll = setInterval(() => {
      const m = readMem(server.pid);
      if (m) {
        samples++;
        peakRssKb = Math.max(peakRssKb, m.rssKb);
      }
    }, MEM_POLL_MS);
    const latencies: number[] = [];
    const slow: { atS: number; ms: number }[] = [];
    let result: Awaited<ReturnType<typeof autocannon>>;
    const cpu0 = { server: processCpuS(server.pid), bench: process.cpuUsage(), machine: machineCpu(), t: performance.now() };
    try {
      const run = autocannon({ url, connections: CONNECTIONS, duration: LOAD_S, headers: { cookie } });
      run.on('response', (_client, _status, _bytes, responseTime) => {
        latencies.push(responseTime);
        if (responseTime >= SLOW_MS) slow.push({ atS: (performance.now() - cpu0.t) / 1000, ms: responseTime });
      });
      result = await run;
    } finally {
      clearInterval(poll);
    }
    const wallS = (performance.now() - cpu0.t) / 1000;
    const serverCpuS = processCpuS(server.pid) - cpu0.server;
    const benchUsage = process.cpuUsage(cpu0.bench);
    const machine1 = machineCpu();
    const end = readMem(server.pid);
    if (end) peakRssKb = Math.max(peakRssKb, end.rssKb);

    // The session must still work after the load.
    await expectOk(await fetch(url, { headers: { cookie } }), 'GET /me after the load');

    latencies.sort((a, b) => a - b);
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
    const r: LoadResult = {
      db: dbName,
      reqPerSecMean: result.requests.mean,
      reqPerSecOverall: result['2xx'] / result.duration,
      total2xx: result['2xx'],
      latency: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? NaN,
        mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
      },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      resets: result.resets,
      mismatches: result.mismatches,
      statusCodes,
      durationS: result.duration,
      mem: { idleRssKb: idle?.rssKb ?? NaN, peakRssKb, hwmKb: end?.hwmKb ?? NaN, samples },
      cpu: {
        serverCores: serverCpuS / wallS,
        serverMsPerReq: (serverCpuS * 1000) / Math.max(1, result['2xx']),
        benchCores: (benchUsage.user + benchUsage.system) / 1e6 / wallS,
        machineBusyPct: (100 * (machine1.busy - cpu0.machine.busy)) / Math.max(1, machine1.total - cpu0.machine.total),
      },
      serverOutput: '',
    };
    log(
      `${dbName}: ${r.reqPerSecMean.toFixed(0)} req/s, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, ` +
        `p99 ${r.latency.p99.toFixed(1)} ms, errors ${r.errors}, non-2xx ${r.non2xx}, peak RSS ${(peakRssKb / 1024).toFixed(0)} MiB, ` +
        `server ${r.cpu.serverCores.toFixed(2)} cores, machine ${r.cpu.machineBusyPct.toFixed(0)}% busy`,
    );
    if (slow.length) {
      const list = slow.map((x) => `${x.ms.toFixed(0)} ms at ${x.atS.toFixed(1)} s`).join(', ');
      log(`${dbName}: ${slow.length} response(s) >= ${SLOW_MS} ms: ${list.slice(0, 600)}`);
    }
    return { ...r, serverOutput: server.output() };
  } finally {
    const stop = await stopServer(server);
    if (stop.code !== 0) log(`${dbName}: server exit on SIGTERM was ${stop.code ?? stop.signal}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report.

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || String(os.availableParallelism());
  const pgVersion = postgresAvailable() ? spawnSync(path.join(PG_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim() : 'not found';
  // The code measured: BENCH_REV names it when ROOT is an export without .git.
  const git = spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty', '--exclude', '*'], { encoding: 'utf8' });
  const rev = process.env.BENCH_REV ?? (git.status === 0 ? git.stdout.trim() : 'unknown (not a git checkout)');
  return {
    rev,
    nproc,
    model,
    memGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    pg: pgVersion,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    kernel: `${os.type()} ${os.release()}`,
  };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const ms1 = (x: number) => `${x.toFixed(1)} ms`;
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

function summary(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s.at(-1)! };
}

function report(m: ReturnType<typeof machine>, date: string, startup: StartupResult, loads: LoadResult[], skipped: string[]): string {
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
    const text = r.serverOutput
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('Helhed kører på'))
      .join('\n');
    if (text) lines.push(`${r.db} server output (warn and above):`, '', '```', text.slice(0, 2000), '```', '');
  }
  lines.push(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const t0 = performance.now();
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  log(`machine: ${m.nproc} × ${m.model}, ${m.memGiB} GiB, Node ${m.node}, load ${m.load}`);

  const startup = await benchStartup();

  const loads: LoadResult[] = [];
  const skipped: string[] = [];

  const pgliteDir = path.join(tempDir('helhed-bench-pglite-'), 'data');
  loads.push(await benchLoad('PGlite', serverEnv({ dataDir: pgliteDir }, await freePort())));

  if (postgresAvailable()) {
    log('starting PostgreSQL 15');
    pgServer = await startPostgres();
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

let code = 1;
try {
  code = await main();
} catch (e) {
  log(`FAILED: ${(e as Error).stack ?? String(e)}`);
  code = 1;
} finally {
  // Stop anything still running gracefully first, then the synchronous sweep.
  for (const child of [...children]) child.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (children.size > 0 && Date.now() < deadline) await sleep(50);
  cleanupSync();
}
process.exit(code);
