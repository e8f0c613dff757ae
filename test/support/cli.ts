import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `helhed ARGS` as an operator would (bin/helhed.mjs in a child process), on PostgreSQL at `databaseUrl` or on
 * the embedded database in `dataDir` — found the way `npm start` finds it.
 */
export function runHelhed(args: string[], where: { databaseUrl?: string; dataDir?: string }, stdin = ''): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, HELHED_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.HELHED_DATA_DIR;
  if (where.databaseUrl) env.DATABASE_URL = where.databaseUrl;
  else if (where.dataDir) env.HELHED_DATA_DIR = where.dataDir;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/helhed.mjs'), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
