import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runHelhed } from '../support/cli.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

/**
 * The acceptance test: example.json in, example.kpis.json out as of 2019-12-31, to the last decimal —
 * through the CLI (helhed import, helhed kpis --json) and through the API (POST /exchange/import, GET /evaluation/kpis).
 */
const EXAMPLE = path.join(ROOT, 'test/fixtures/exchange/example.json');
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.kpis.json'), 'utf8')) as unknown;

describe.skipIf(!!dbSkipReason)(`example.json to example.kpis.json (${dbKind})`, { timeout: 180_000 }, () => {
  let dir: string;
  const opened: TestDatabase[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-kpis-e2e-'));
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('through the CLI: helhed import then helhed kpis --as-of 2019-12-31 --json, with no other step', async () => {
    let where: { databaseUrl?: string; dataDir?: string };
    if (dbKind === 'postgres') {
      const d = await createTestDatabase();
      opened.push(d);
      where = { databaseUrl: d.url };
    } else where = { dataDir: path.join(dir, 'data') };
    const imported = await runHelhed(['import', EXAMPLE], where);
    expect(imported.code, imported.stderr).toBe(0);
    const kpis = await runHelhed(['kpis', '--as-of', '2019-12-31', '--json'], where);
    expect(kpis.code, kpis.stderr).toBe(0);
    expect(JSON.parse(kpis.stdout)).toStrictEqual(expected);

    const table = await runHelhed(['kpis', '--as-of', '2019-12-31'], where);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("KPI'er for 999 Eksempel Kommune pr. 2019-12-31");
    expect(table.stdout).toContain('Aktive: 4');
    const bad = await runHelhed(['kpis', '--as-of', '31-12-2019'], where);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as-of skal være en dato som ÅÅÅÅ-MM-DD');
    const unknown = await runHelhed(['kpis', '--municipality', '123'], where);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Kommunen 123 findes ikke');
  });

  it('through the API: an administrator imports the file, an analyst reads the KPIs', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const app = await buildTestApp(database);
    try {
      const m = await buildMunicipality(database.db, { code: '999', name: 'Eksempel Kommune' });
      const admin = await loginAs(app, database.db, m.admin);
      const analyst = await loginAs(app, database.db, await buildUser(database.db, m.municipality, { roles: ['analyst'], mfa: true }));
      const posted = await app.inject({
        method: 'POST',
        url: '/api/v1/exchange/import',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: fs.readFileSync(EXAMPLE, 'utf8'),
      });
      expect(posted.statusCode, posted.body).toBe(202);
      const jobId = posted.json<{ jobId: string }>().jobId;
      let status = '';
      for (let i = 0; i < 1200 && status !== 'succeeded' && status !== 'failed'; i++) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/exchange/import/${jobId}`, headers: admin.headers });
        status = res.json<{ status: string }>().status;
        if (status !== 'succeeded' && status !== 'failed') await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe('succeeded');
      const res = await app.inject({ method: 'GET', url: '/api/v1/evaluation/kpis?asOf=2019-12-31', headers: analyst.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toStrictEqual(expected);
    } finally {
      await app.close();
    }
  });
});
