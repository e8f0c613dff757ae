import path from 'node:path';
import { z } from 'zod';

/** Everything Helhed reads from the environment, parsed once at start-up. */
/** An empty variable (PORT= in an env file) counts as unset, not as 0. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.string().min(1).default('localhost'),
  HELHED_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HELHED_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HELHED_SESSION_IDLE_MINUTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(24 * 60).default(30)),
  HELHED_SESSION_ABSOLUTE_HOURS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(72).default(10)),
  HELHED_LOGIN_MAX_FAILURES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(100).default(5)),
  HELHED_LOGIN_LOCK_MINUTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(24 * 60).default(15)),
  HELHED_LOGIN_RATE_PER_MINUTE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10_000).default(20)),
  HELHED_DB_POOL_SIZE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(200).default(10)),
  HELHED_BODY_LIMIT_BYTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1024).default(1_048_576)),
  HELHED_EXCHANGE_BODY_LIMIT_BYTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1024).default(100 * 1024 * 1024)),
  HELHED_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  HELHED_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  HELHED_DEADLINE_JOB: z.preprocess(unsetIfEmpty, z.enum(['true', 'false']).default('true')),
  HELHED_DEADLINE_CRON: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\S+( +\S+){4}$/, 'must be a cron expression of five fields, e.g. "15 6 * * *"')
      .default('15 6 * * *'),
  ),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Embedded PGlite data directory; ignored when databaseUrl is set. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Connections to PostgreSQL per server (DATABASE_URL only; PGlite is one connection). */
  readonly dbPoolSize: number;
  readonly logLevel: z.infer<typeof EnvSchema>['HELHED_LOG_LEVEL'];
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly loginMaxFailures: number;
  readonly loginLockMs: number;
  readonly loginRatePerMinute: number;
  readonly bodyLimitBytes: number;
  /** The largest helhed-exchange file POST /exchange/import accepts (default 100 MB); every other route has bodyLimitBytes. */
  readonly exchangeBodyLimitBytes: number;
  /** auto = Secure cookies when the request came over https. */
  readonly secureCookies: 'auto' | 'always' | 'never';
  readonly trustProxy: boolean;
  /** Run the daily deadline job (tasks for plan reviews, goal ratings, expiring consents, meeting follow-ups). */
  readonly deadlineJob: boolean;
  /** When it runs, as cron in Danish time (Europe/Copenhagen); it also runs once at start-up. */
  readonly deadlineCron: string;
  /** Where the built web app lives. */
  readonly webDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfiguration / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.HELHED_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.HELHED_DB_POOL_SIZE,
    logLevel: e.HELHED_LOG_LEVEL,
    sessionIdleMs: e.HELHED_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.HELHED_SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: e.HELHED_LOGIN_MAX_FAILURES,
    loginLockMs: e.HELHED_LOGIN_LOCK_MINUTES * 60_000,
    loginRatePerMinute: e.HELHED_LOGIN_RATE_PER_MINUTE,
    bodyLimitBytes: e.HELHED_BODY_LIMIT_BYTES,
    exchangeBodyLimitBytes: e.HELHED_EXCHANGE_BODY_LIMIT_BYTES,
    secureCookies: e.HELHED_SECURE_COOKIES,
    trustProxy: e.HELHED_TRUST_PROXY === 'true',
    deadlineJob: e.HELHED_DEADLINE_JOB === 'true',
    deadlineCron: e.HELHED_DEADLINE_CRON,
    webDir: path.resolve(import.meta.dirname, '../../dist/web'),
  });
}

/** A config for tests: defaults, overridable field by field. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ HELHED_LOG_LEVEL: 'silent' }), ...overrides });
}
