import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';

/** `helhed import` and `helhed export` as an operator runs them, against an empty database. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'test/fixtures/exchange/example.json');

describe.skipIf(!!dbSkipReason)(`helhed import/export CLI on ${dbKind}`, { timeout: 120_000 }, () => {
  let dir: string;
  let shared: TestDatabase | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-exchange-cli-'));
    if (dbKind === 'postgres') shared = await createTestDatabase();
  });
  afterAll(async () => {
    await shared?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function helhed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, HELHED_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.HELHED_DATA_DIR;
    if (shared) env.DATABASE_URL = shared.url;
    else env.HELHED_DATA_DIR = path.join(dir, 'data');
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

  it('imports example.json into an empty database, then again without changes; a bad file exits 1 with every pointer', async () => {
    const first = await helhed(['import', EXAMPLE]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('999 Eksempel Kommune (kommunen er oprettet)');
    expect(first.stdout).toContain('familier: 8 oprettet');
    expect(first.stderr).toContain('Importerer: 8/8 familier');

    const second = await helhed(['import', EXAMPLE]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('familier: 0 oprettet, 8 uændret');

    const bad = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { families: { status: string; members: { birthDate: string }[] }[] };
    bad.families[0]!.status = 'unknown';
    bad.families[1]!.members[0]!.birthDate = '2099-13-01';
    const badFile = path.join(dir, 'bad.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const refused = await helhed(['import', badFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('intet er gemt');
    expect(refused.stderr).toContain('/families/0/status');
    expect(refused.stderr).toContain('/families/1/members/0/birthDate');

    const missing = await helhed(['import', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);

    const out = path.join(dir, 'p.json');
    const exported = await helhed(['export', '--pseudonymise', '--out', out]);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as { pseudonymised: boolean; families: unknown[] };
    expect(doc.pseudonymised).toBe(true);
    expect(doc.families).toHaveLength(8);
    expect(fs.readFileSync(out, 'utf8')).not.toContain('1710920284');
  });
});
