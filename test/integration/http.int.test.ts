import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { testConfig } from '../../src/server/config.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`the HTTP surface (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    const m = await buildMunicipality(database.db, { code: '601' });
    app = await buildTestApp(database, { bodyLimitBytes: 4096 });
    admin = await loginAs(app, database.db, m.admin);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('reports a reachable, fully migrated database on /api/health', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { kind: dbKind, reachable: true }, migrations: { pending: 0 } });
    expect(res.json().migrations.applied).toBe(res.json().migrations.known);
  });

  it('publishes an OpenAPI 3 document and a browsable /api/docs', async () => {
    const spec = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json().openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/auth/login', '/api/v1/admin/users', '/api/v1/audit']));
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('sends the security headers: CSP without inline scripts, no framing, nosniff, referrer policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers malformed JSON with a 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/departments', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"code": "x",' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_json');
  });

  it('answers an oversize body with a 400 and writes nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/v1/admin/departments', headers: admin.headers })).json().departments.length;
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/departments', headers: admin.headers, payload: { code: 'big', name: 'x'.repeat(10_000) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('body_too_large');
    const after = (await app.inject({ method: 'GET', url: '/api/v1/admin/departments', headers: admin.headers })).json().departments.length;
    expect(after).toBe(before);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers 401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'not_authenticated', message: 'Du skal logge ind.' });
  });

  it('answers a server error with an error id, never a stack trace or SQL, and logs no request data', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const boom = await buildApp({ config: testConfig({ logLevel: 'info' }), database, logStream: stream });
    boom.get('/api/v1/test-boom', async () => {
      throw new Error('select * from person where cpr = 0101701234');
    });
    await boom.ready();
    const res = await boom.inject({ method: 'GET', url: '/api/v1/test-boom?cpr=0101701234', headers: { cookie: 'helhed_session=secret-token' } });
    await boom.close();
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toMatch(/select|cpr|0101701234|at .*\.ts/);
    const log = lines.join('');
    expect(log).toContain(body.error.errorId);
    expect(log).not.toContain('0101701234');
    expect(log).not.toContain('secret-token');
  });
});
