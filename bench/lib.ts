/**
 * What the benchmarks share: clean-up of everything they start, the server as a child process, the CLI,
 * a real login (password, TOTP enrolment, forced password change), an autocannon load run with latency,
 * CPU and memory, and the machine description for the report.
 *
 * Run a benchmark through `runBench(main)`: it installs the clean-up on exit and Ctrl-C, runs main, stops
 * anything still running, and exits with main's code (1 on an exception).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon, { type Options } from 'autocannon';
import * as OTPAuth from 'otpauth';
import { DEADLINE_QUEUE, STARTUP_RUN_KEY } from '../src/server/jobs/deadline-job.js';
import { postgresAvailable, startPostgres, PG_BIN, type PgServer } from '../test/support/postgres-server.js';

export { freePort, postgresAvailable, PG_BIN } from '../test/support/postgres-server.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'bin/helhed.mjs');
export const HEALTH_POLL_MS = 20;
export const MEM_POLL_MS = 200;
/** Responses at least this slow are logged (to stderr) with when they finished, to spot stalls. */
export const SLOW_MS = 500;

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Clean-up: every child process, temp dir and PostgreSQL server is registered here and removed at the end,
// on failure and on Ctrl-C as well.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const pgServers = new Set<PgServer>();

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * A throw-away PostgreSQL 15 (test/support/postgres-server.ts), stopped and removed by the clean-up. BENCH_PG_OPTS
 * adds server options (`-c shared_buffers=1GB -c …`) to the test defaults.
 */
export async function startBenchPostgres(): Promise<PgServer> {
  const s = await startPostgres(process.env.BENCH_PG_OPTS ?? '');
  pgServers.add(s);
  return s;
}

/** Synchronous, so it also works from process.on('exit'). */
export function cleanupSync(): void {
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
  for (const s of pgServers) {
    pgServers.delete(s);
    try {
      s.stop();
    } catch (e) {
      log(`stopping PostgreSQL failed: ${(e as Error).message}`);
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let handlersInstalled = false;
function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanupSync);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: cleaning up`);
      cleanupSync();
      process.exit(130);
    });
  }
}

/** Runs a benchmark's main with clean-up on every way out; exits with its code (1 if it threw). */
export async function runBench(main: () => Promise<number>): Promise<never> {
  installCleanupHandlers();
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
}

// ---------------------------------------------------------------------------------------------------------
// The server as a child process, and the CLI.

export interface ServerProc {
  child: ChildProcess;
  pid: number;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function serverEnv(db: { dataDir: string } | { databaseUrl: string }, port: number): NodeJS.ProcessEnv {
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

/**
 * `node bin/helhed.mjs start` (not `npm start`, whose prestart step may rebuild the web UI); `nodeArgs` go to
 * node before the script (e.g. --cpu-prof).
 */
export function spawnServer(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ServerProc {
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
export async function waitHealthy(server: ServerProc, timeoutMs = 60_000): Promise<void> {
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

/**
 * Waits until the server's start-up run of the daily deadline job (src/server/jobs/deadline-job.ts) has finished, as
 * pg-boss records it, and returns how long that took. The worker looks for it about 30 s after start-up; a benchmark
 * that does not wait measures that run (all of the municipality's deadlines) along with its own requests.
 */
export async function waitStartupDeadlineRun(client: { query: (text: string, values?: unknown[]) => Promise<{ rows: { state: string }[] }> }, timeoutMs = 120_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    const { rows } = await client.query('select state from pgboss.job where name = $1 and singleton_key = $2', [DEADLINE_QUEUE, STARTUP_RUN_KEY]);
    if (rows.some((r) => r.state === 'completed')) return performance.now() - t0;
    if (rows.some((r) => r.state === 'failed')) throw new Error('the deadline job\'s start-up run failed');
    await sleep(250);
  }
  throw new Error(`the deadline job's start-up run had not finished after ${timeoutMs / 1000} s`);
}

/** SIGTERM, then wait for a clean exit (SIGKILL after 20 s). Returns the exit code and how long it took. */
export async function stopServer(server: ServerProc): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t0 = performance.now();
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  const res = await server.exited;
  clearTimeout(timer);
  return { ...res, ms: performance.now() - t0 };
}

/** `node bin/helhed.mjs <args>` with `input` on stdin (the CLI reads passwords from its first line). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input: string): string {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`helhed ${args[0]} failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

// ---------------------------------------------------------------------------------------------------------
// Logging in the real way.

export function cookieFrom(res: Response): string {
  const first = res.headers.getSetCookie()[0];
  if (!first) throw new Error(`no session cookie from ${res.url}`);
  return first.split(';')[0]!;
}

export async function expectOk(res: Response, what: string): Promise<Response> {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

export interface Credentials {
  email: string;
  password: string;
  /** Used when the user must change the first password (users made with `helhed create-user`). */
  newPassword?: string;
}

interface MeBody {
  user?: { mustChangePassword?: boolean };
  session?: { stage?: string; csrfToken?: string };
}

/**
 * Password, then enrolment of an authenticator and the one-time code, then (when the user still has the
 * first password an administrator gave) `POST /api/v1/me/password`: an active session cookie.
 */
export async function logIn(base: string, creds: Credentials): Promise<string> {
  const login = await expectOk(
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x' },
      body: JSON.stringify({ email: creds.email, password: creds.password }),
    }),
    'login',
  );
  let cookie = cookieFrom(login);
  const me = async (what: string) => (await (await expectOk(await fetch(`${base}/api/v1/me`, { headers: { cookie } }), what)).json()) as MeBody;
  const csrf = async () => (await me('GET /me')).session!.csrfToken!;
  const stage = ((await login.json()) as { stage: string }).stage;
  if (stage !== 'active') {
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
  }
  let body = await me('GET /me after MFA');
  if (body.user?.mustChangePassword) {
    if (!creds.newPassword) throw new Error(`${creds.email} must change the password, and no new password was given`);
    const res = await fetch(`${base}/api/v1/me/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': body.session!.csrfToken!, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: creds.password, newPassword: creds.newPassword }),
    });
    if (res.status !== 204) throw new Error(`password change: ${res.status} ${await res.text()}`);
    body = await me('GET /me after the password change');
    if (body.user?.mustChangePassword) throw new Error('the password change did not take');
  }
  if (body.session?.stage && body.session.stage !== 'active') throw new Error(`session stage is ${body.session.stage}, not active`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------------------
// Process and machine counters.

export interface Mem {
  rssKb: number;
  hwmKb: number;
}

export function readMem(pid: number): Mem | null {
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
export function processCpuS(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // #14 utime, #15 stime
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds (user + system) of every running process named `postgres` (the cluster's backends), by pid. The
 * difference of two snapshots (`postgresCpuSince`) counts a backend started in between in full and misses the
 * CPU of one that ended in between.
 */
export function postgresCpuByPid(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(entry, (Number(fields[11]) + Number(fields[12])) / CLK_TCK);
    } catch {
      // the process ended between readdir and read
    }
  }
  return byPid;
}

export function postgresCpuSince(before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, s] of postgresCpuByPid()) sum += s - (before.get(pid) ?? 0);
  return sum;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export interface HostProbe {
  /** Integer arithmetic and 20,000 SHA-256 digests, the median of five tries. */
  computeMs: number;
  /** One `fstat` system call, the mean of 200,000. */
  syscallUs: number;
  /** A one-byte message to another process over loopback TCP and back, the mean of 5,000 in a row. */
  loopbackRttUs: number;
}

/**
 * How fast this host is right now, in three numbers (lower is faster). The VM's speed changes with its neighbours,
 * and not only in computing: system calls and wake-ups of another process, which every round trip to PostgreSQL
 * makes, can slow down while pure computing does not. Two runs of a benchmark compare only when their probes are
 * close.
 */
export async function hostProbe(): Promise<HostProbe> {
  const tries: number[] = [];
  for (let t = 0; t < 5; t++) {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
    for (let i = 0; i < 20_000; i++) createHash('sha256').update(`probe-${i}-${x}`).digest();
    tries.push(performance.now() - t0);
  }
  const fd = fs.openSync(process.execPath, 'r');
  const s0 = performance.now();
  for (let i = 0; i < 200_000; i++) fs.fstatSync(fd);
  const syscallUs = ((performance.now() - s0) * 1000) / 200_000;
  fs.closeSync(fd);
  return { computeMs: summary(tries).median, syscallUs, loopbackRttUs: await loopbackRttUs(5_000) };
}

/** Mean round trip of one byte to an echo server in a child process over loopback TCP. */
async function loopbackRttUs(count: number): Promise<number> {
  const echo = spawn(
    process.execPath,
    ['-e', "require('net').createServer((s)=>s.on('data',(d)=>s.write(d))).listen(0,'127.0.0.1',function(){console.log(this.address().port)})"],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      echo.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      echo.once('error', reject);
    });
    return await new Promise<number>((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.setNoDelay(true);
        let n = 0;
        const t0 = performance.now();
        sock.on('data', () => {
          if (++n === count) {
            resolve(((performance.now() - t0) * 1000) / count);
            sock.destroy();
          } else sock.write('x');
        });
        sock.write('x');
      });
      sock.once('error', reject);
    });
  } finally {
    echo.kill();
  }
}

export const fmtProbe = (p: HostProbe) =>
  `compute ${p.computeMs.toFixed(0)} ms, system call ${p.syscallUs.toFixed(2)} µs, loopback round trip ${p.loopbackRttUs.toFixed(0)} µs`;

export const loadAvg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------------------
// A load run.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summary(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s.at(-1)! };
}

export interface LoadResult {
  reqPerSecMean: number;
  reqPerSecOverall: number;
  total2xx: number;
  /** Every response autocannon saw in the measured run (any status). */
  responses: number;
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  durationS: number;
  /** Requests sent in the measured run; those still in flight when a timed run ends are sent but not counted. */
  sent: number;
  /** 2xx answers in the warm-up (they did the same work, e.g. audit writes), and requests it sent. */
  warmup2xx: number;
  warmupSent: number;
  mem: { idleRssKb: number; peakRssKb: number; hwmKb: number; samples: number };
  /** CPU during the measured window: the server process, this bench process (autocannon), and the whole machine. */
  cpu: { serverCores: number; serverMsPerReq: number; benchCores: number; postgresCores: number; postgresMsPerReq: number; machineBusyPct: number };
  /** Load average (1, 5, 15 min) when the measured run started and when it ended. */
  loadBefore: string;
  loadAfter: string;
  /** Responses of at least SLOW_MS: how slow, and when (seconds into the measured run). */
  slow: { atS: number; ms: number }[];
}

export interface LoadOptions {
  /** Names the run in the progress log. */
  label: string;
  server: ServerProc;
  /** autocannon's options for both runs, without duration or amount. */
  cannon: Omit<Options, 'duration' | 'amount'>;
  warmupS: number;
  /** Seconds measured; or give `amount`, a number of requests (autocannon then ignores the duration). */
  loadS?: number;
  amount?: number;
}

/**
 * A warm-up run (not measured), then the measured run: every response's time, the server's RSS polled every
 * MEM_POLL_MS, CPU of the server, of this process and of the machine. RSS "idle" is read before the warm-up.
 */
export async function measureLoad(o: LoadOptions): Promise<LoadResult> {
  const { label, server } = o;
  const connections = o.cannon.connections ?? 10;
  const idle = readMem(server.pid);

  let warmup2xx = 0;
  let warmupSent = 0;
  if (o.warmupS > 0) {
    log(`${label}: warm-up ${o.warmupS} s, ${connections} connections`);
    const warmRun = autocannon({ ...o.cannon, duration: o.warmupS });
    const warmT0 = performance.now();
    const warmSlow: string[] = [];
    warmRun.on('response', (_c, _s, _b, t) => {
      if (t >= SLOW_MS) warmSlow.push(`${t.toFixed(0)} ms at ${((performance.now() - warmT0) / 1000).toFixed(1)} s`);
    });
    const warm = await warmRun;
    warmup2xx = warm['2xx'];
    warmupSent = warm.requests.sent;
    if (warmSlow.length) log(`${label}: warm-up had ${warmSlow.length} response(s) >= ${SLOW_MS} ms: ${warmSlow.join(', ').slice(0, 600)}`);
    if (warm.non2xx || warm.errors) log(`${label}: warm-up had ${warm.non2xx} non-2xx and ${warm.errors} errors`);
  }

  log(`${label}: measuring ${o.amount ? `${o.amount} requests` : `${o.loadS} s`}, ${connections} connections`);
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
  const loadBefore = loadAvg();
  const cpu0 = { server: processCpuS(server.pid), bench: process.cpuUsage(), postgres: postgresCpuByPid(), machine: machineCpu(), t: performance.now() };
  try {
    const run = autocannon({ ...o.cannon, ...(o.amount ? { amount: o.amount } : { duration: o.loadS }) });
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
  const postgresS = postgresCpuSince(cpu0.postgres);
  const machine1 = machineCpu();
  const end = readMem(server.pid);
  if (end) peakRssKb = Math.max(peakRssKb, end.rssKb);

  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  const r: LoadResult = {
    reqPerSecMean: result.requests.mean,
    reqPerSecOverall: result['2xx'] / result.duration,
    total2xx: result['2xx'],
    responses: latencies.length,
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
    sent: result.requests.sent,
    warmup2xx,
    warmupSent,
    mem: { idleRssKb: idle?.rssKb ?? NaN, peakRssKb, hwmKb: end?.hwmKb ?? NaN, samples },
    cpu: {
      serverCores: serverCpuS / wallS,
      serverMsPerReq: (serverCpuS * 1000) / Math.max(1, result['2xx']),
      benchCores: (benchUsage.user + benchUsage.system) / 1e6 / wallS,
      postgresCores: postgresS / wallS,
      postgresMsPerReq: (postgresS * 1000) / Math.max(1, result['2xx']),
      machineBusyPct: (100 * (machine1.busy - cpu0.machine.busy)) / Math.max(1, machine1.total - cpu0.machine.total),
    },
    loadBefore,
    loadAfter: loadAvg(),
    slow,
  };
  log(
    `${label}: ${r.reqPerSecMean.toFixed(0)} req/s, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, ` +
      `p99 ${r.latency.p99.toFixed(1)} ms, errors ${r.errors}, non-2xx ${r.non2xx}, peak RSS ${(peakRssKb / 1024).toFixed(0)} MiB, ` +
      `server ${r.cpu.serverCores.toFixed(2)} cores, PostgreSQL ${r.cpu.postgresCores.toFixed(2)}, bench ${r.cpu.benchCores.toFixed(2)}, machine ${r.cpu.machineBusyPct.toFixed(0)}% busy`,
  );
  if (slow.length) {
    const list = slow.map((x) => `${x.ms.toFixed(0)} ms at ${x.atS.toFixed(1)} s`).join(', ');
    log(`${label}: ${slow.length} response(s) >= ${SLOW_MS} ms: ${list.slice(0, 600)}`);
  }
  return r;
}

export interface OpenLoopResult {
  /** Requests per second asked for, and achieved (answers per second of the run). */
  rate: number;
  achieved: number;
  requests: number;
  statusCodes: Record<string, number>;
  errors: number;
  non2xx: number;
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  serverMsPerReq: number;
  /** PostgreSQL's backends' CPU per request (postgresCpuSince). */
  postgresMsPerReq: number;
  machineBusyPct: number;
  loadBefore: string;
  loadAfter: string;
}

/** One GET over `agent`: its status code once the whole answer has arrived, or null when the request failed. */
function getStatus(agent: http.Agent, base: URL, path: string, headers: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'GET', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}

/**
 * Open-loop load: requests arrive at random (exponential gaps, a Poisson process) at `rate` per second for
 * `seconds`, whether or not earlier ones have been answered, over a keep-alive pool of at most `sockets`
 * connections. A request's latency runs from its scheduled arrival, so waiting for a free socket counts
 * (no coordinated omission). This is how independent users behave, unlike autocannon's closed loop.
 */
export async function openLoop(o: {
  label: string;
  server: ServerProc;
  path: () => string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  sockets: number;
}): Promise<OpenLoopResult> {
  const base = new URL(o.server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.sockets });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const pending: Promise<void>[] = [];
  const one = (scheduled: number) =>
    getStatus(agent, base, o.path(), o.headers).then((status) => {
      if (status === null) {
        errors++;
        return;
      }
      latencies.push(performance.now() - scheduled);
      statusCodes[String(status)] = (statusCodes[String(status)] ?? 0) + 1;
    });
  log(`${o.label}: ${o.rate} requests/s at random for ${o.seconds} s, at most ${o.sockets} connections`);
  const loadBefore = loadAvg();
  const cpu0 = { server: processCpuS(o.server.pid), postgres: postgresCpuByPid(), machine: machineCpu() };
  const t0 = performance.now();
  let next = t0;
  const end = t0 + o.seconds * 1000;
  for (;;) {
    next += (-Math.log(1 - Math.random()) / o.rate) * 1000;
    if (next >= end) break;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(one(next));
  }
  await Promise.all(pending);
  const wallS = (performance.now() - t0) / 1000;
  const serverCpuS = processCpuS(o.server.pid) - cpu0.server;
  const postgresS = postgresCpuSince(cpu0.postgres);
  const machine1 = machineCpu();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statusCodes).reduce((a, [k, v]) => (k.startsWith('2') ? a : a + v), 0);
  const r: OpenLoopResult = {
    rate: o.rate,
    achieved: latencies.length / wallS,
    requests: pending.length,
    statusCodes,
    errors,
    non2xx,
    latency: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    },
    serverMsPerReq: (serverCpuS * 1000) / Math.max(1, latencies.length),
    postgresMsPerReq: (postgresS * 1000) / Math.max(1, latencies.length),
    machineBusyPct: (100 * (machine1.busy - cpu0.machine.busy)) / Math.max(1, machine1.total - cpu0.machine.total),
    loadBefore,
    loadAfter: loadAvg(),
  };
  log(
    `${o.label}: ${r.requests} requests, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, ` +
      `errors ${r.errors}, non-2xx ${r.non2xx}`,
  );
  return r;
}

export interface QuietResult {
  quietS: number;
  rounds: number;
  burst: number;
  /** Each request's latency, in the order the rounds ran. */
  latencies: number[];
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
}

/**
 * Requests after the server was left alone, as a coordinator who reads a page for a while and then clicks: `rounds`
 * times, `quietS` seconds without any request, then `burst` requests at once (a page that asks for several things).
 * What it shows: whatever the server or PostgreSQL let go while idle (pool connections, caches) and must build again.
 */
export async function afterQuiet(o: {
  label: string;
  server: ServerProc;
  path: () => string;
  headers: Record<string, string>;
  rounds: number;
  quietS: number;
  burst: number;
}): Promise<QuietResult> {
  const base = new URL(o.server.url);
  const agent = new http.Agent({ keepAlive: true });
  const r: QuietResult = { quietS: o.quietS, rounds: o.rounds, burst: o.burst, latencies: [], sent: 0, ok: 0, non2xx: 0, errors: 0 };
  const one = async () => {
    const t0 = performance.now();
    r.sent++;
    const status = await getStatus(agent, base, o.path(), o.headers);
    if (status === null) {
      r.errors++;
      return;
    }
    r.latencies.push(performance.now() - t0);
    if (status === 200) r.ok++;
    else r.non2xx++;
  };
  log(`${o.label}: ${o.rounds} × (${o.quietS} s without a request, then ${o.burst} at once)`);
  for (let i = 0; i < o.rounds; i++) {
    await sleep(o.quietS * 1000);
    await Promise.all(Array.from({ length: o.burst }, one));
  }
  agent.destroy();
  const sorted = [...r.latencies].sort((a, b) => a - b);
  log(`${o.label}: p50 ${percentile(sorted, 50).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms, errors ${r.errors}, non-2xx ${r.non2xx}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// Report.

export interface Machine {
  rev: string;
  nproc: string;
  model: string;
  memGiB: string;
  node: string;
  pg: string;
  load: string;
  kernel: string;
}

export function machine(): Machine {
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
    load: loadAvg(),
    kernel: `${os.type()} ${os.release()}`,
  };
}

export const ms = (x: number) => `${x.toFixed(0)} ms`;
export const ms1 = (x: number) => `${x.toFixed(1)} ms`;
export const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

/** The server's own output at warn level and above, minus the start-up banner. */
export function serverWarnings(output: string): string {
  return output
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('Helhed kører på'))
    .join('\n');
}
