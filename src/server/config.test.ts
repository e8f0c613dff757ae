import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: 'localhost',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      logLevel: 'info',
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 10 * 3_600_000,
      loginMaxFailures: 5,
      loginLockMs: 15 * 60_000,
      loginRatePerMinute: 20,
      bodyLimitBytes: 1_048_576,
      secureCookies: 'auto',
      trustProxy: false,
    });
    expect(c.webDir).toBe(path.resolve(import.meta.dirname, '../../dist/web'));
  });

  it('reads every variable and converts minutes and hours to milliseconds', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      HELHED_DATA_DIR: '/var/lib/helhed',
      DATABASE_URL: 'postgresql://helhed@db:5432/helhed',
      HELHED_LOG_LEVEL: 'warn',
      HELHED_SESSION_IDLE_MINUTES: '45',
      HELHED_SESSION_ABSOLUTE_HOURS: '8',
      HELHED_LOGIN_MAX_FAILURES: '3',
      HELHED_LOGIN_LOCK_MINUTES: '60',
      HELHED_LOGIN_RATE_PER_MINUTE: '100',
      HELHED_BODY_LIMIT_BYTES: '65536',
      HELHED_DB_POOL_SIZE: '20',
      HELHED_SECURE_COOKIES: 'always',
      HELHED_TRUST_PROXY: 'true',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/helhed',
      databaseUrl: 'postgresql://helhed@db:5432/helhed',
      dbPoolSize: 20,
      logLevel: 'warn',
      sessionIdleMs: 45 * 60_000,
      sessionAbsoluteMs: 8 * 3_600_000,
      loginMaxFailures: 3,
      loginLockMs: 60 * 60_000,
      loginRatePerMinute: 100,
      bodyLimitBytes: 65_536,
      secureCookies: 'always',
      trustProxy: true,
    });
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadConfig({ HELHED_DATA_DIR: 'var/pglite' }).dataDir).toBe(path.join(process.cwd(), 'var/pglite'));
  });

  it('accepts a postgres:// URL as well as postgresql://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/d' }).databaseUrl).toBe('postgres://u@h/d');
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', HELHED_UNKNOWN: 'x' }).port).toBe(3000);
  });

  it('returns a frozen object', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('throws a ConfigError that lists both problems for PORT=abc and DATABASE_URL=mysql://x', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('must start with postgres:// or postgresql://');
  });

  it('puts every problem in the error message, in Danish and English', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      expect(message).toMatch(/^Ugyldig konfiguration \/ invalid configuration:\n/);
      expect(message).toContain('  - PORT:');
      expect(message).toContain('  - DATABASE_URL: must start with postgres:// or postgresql://');
    }
  });

  it('lists one problem for every bad variable', () => {
    const problems = problemsOf({
      PORT: '70000',
      HOST: '',
      HELHED_DATA_DIR: '',
      DATABASE_URL: 'mysql://x',
      HELHED_LOG_LEVEL: 'verbose',
      HELHED_SESSION_IDLE_MINUTES: '0',
      HELHED_SESSION_ABSOLUTE_HOURS: '73',
      HELHED_LOGIN_MAX_FAILURES: '1.5',
      HELHED_LOGIN_LOCK_MINUTES: 'ten',
      HELHED_LOGIN_RATE_PER_MINUTE: '0',
      HELHED_BODY_LIMIT_BYTES: '1023',
      HELHED_DB_POOL_SIZE: '0',
      HELHED_SECURE_COOKIES: 'yes',
      HELHED_TRUST_PROXY: '1',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'PORT',
        'HOST',
        'HELHED_DATA_DIR',
        'DATABASE_URL',
        'HELHED_LOG_LEVEL',
        'HELHED_SESSION_IDLE_MINUTES',
        'HELHED_SESSION_ABSOLUTE_HOURS',
        'HELHED_LOGIN_MAX_FAILURES',
        'HELHED_LOGIN_LOCK_MINUTES',
        'HELHED_LOGIN_RATE_PER_MINUTE',
        'HELHED_BODY_LIMIT_BYTES',
        'HELHED_DB_POOL_SIZE',
        'HELHED_SECURE_COOKIES',
        'HELHED_TRUST_PROXY',
      ].sort(),
    );
  });
});

describe('testConfig', () => {
  it('starts from the defaults with logging silenced', () => {
    const c = testConfig();
    expect(c.logLevel).toBe('silent');
    expect(c.port).toBe(3000);
  });

  it('applies overrides field by field and returns a frozen object', () => {
    const c = testConfig({ port: 0, loginMaxFailures: 2 });
    expect(c.port).toBe(0);
    expect(c.loginMaxFailures).toBe(2);
    expect(c.sessionIdleMs).toBe(30 * 60_000);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('treats an empty variable as unset rather than as 0', () => {
    expect(loadConfig({ PORT: '', HELHED_SESSION_IDLE_MINUTES: '' })).toMatchObject({ port: 3000, sessionIdleMs: 30 * 60_000 });
  });
});
