import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/server/audit/audit.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { person } from '../../src/server/modules/families/families.table.js';
import { verifyAuditChains } from '../../src/server/audit/verify.js';
import { CHAIN_LANES, GENESIS_HASH, auditDigest, auditHash, chainHash, laneHash } from '../../src/server/audit/hash.js';
import type { Ctx } from '../../src/server/context.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`the audit trail (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let admin: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '501' });
    app = await buildTestApp(database);
    admin = await loginAs(app, database.db, m.admin);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const ctxFor = (tx: Ctx['tx']): Ctx => ({ tx, municipalityId: m.municipality.id, actor: null, requestId: 'test', lang: 'da', now: new Date() });
  const count = async (action: string) =>
    (await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))))).length;

  it('writes the event in the same transaction as the work: a rollback leaves no event', async () => {
    await expect(
      inTenant(database.db, m.municipality.id, async (tx) => {
        await audit(ctxFor(tx), { action: 'test.rolled_back' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await count('test.rolled_back')).toBe(0);
  });

  it('records who, what, which persons, purpose and outcome', async () => {
    const personId = '11111111-1111-4111-8111-111111111111';
    await inTenant(database.db, m.municipality.id, (tx) =>
      audit(
        { ...ctxFor(tx), actor: { userId: m.admin.id, name: 'Ada', roles: ['admin'], departmentId: null } },
        { action: 'test.read', targetType: 'family', targetId: 'f1', personIds: [personId], purpose: 'opfølgning', details: { n: 1 } },
      ),
    );
    const [row] = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.action, 'test.read')));
    expect(row).toMatchObject({ actorUserId: m.admin.id, actorRole: 'admin', targetType: 'family', personIds: [personId], purpose: 'opfølgning', outcome: 'success' });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the hash chain whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.concurrent', details: { i } }))),
    );
    const [report] = await verifyAuditChains(database.db, '501');
    expect(report!.firstBroken).toBeNull();
    expect(report!.rows).toBeGreaterThanOrEqual(12);
  });

  it('names the first row whose content was changed behind its back', async () => {
    const other = await buildMunicipality(database.db, { code: '502' });
    const rows = await asSystem(database.db, (tx) =>
      tx.select({ seq: auditEvent.seq }).from(auditEvent).where(eq(auditEvent.municipalityId, other.municipality.id)).orderBy(auditEvent.seq),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The owner (not the app role) can still change rows; the chain shows it.
    await asSystem(database.db, (tx) => tx.execute(sql`update audit_event set action = 'forged' where seq = ${rows[1]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '502');
    expect(report!.firstBroken).toEqual({ seq: rows[1]!.seq, reason: 'hash_mismatch' });
  });

  /** Three events written by one transaction (one connection, so one lane, three links in a row), as the owner reads them. */
  const threeInOneTransaction = async (code: string) => {
    const other = await buildMunicipality(database.db, { code });
    await inTenant(database.db, other.municipality.id, async (tx) => {
      for (let i = 0; i < 3; i++) await audit({ ...ctxFor(tx), municipalityId: other.municipality.id }, { action: 'test.x', details: { i } });
    });
    const rows = await asSystem(database.db, (tx) =>
      tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, other.municipality.id), eq(auditEvent.action, 'test.x'))).orderBy(auditEvent.seq),
    );
    expect(rows.map((r) => r.chainLane)).toEqual([rows[0]!.chainLane, rows[0]!.chainLane, rows[0]!.chainLane]);
    expect(rows.map((r) => r.chainPos! - rows[0]!.chainPos!)).toEqual([0, 1, 2]);
    return rows;
  };

  it('names the row after one that was deleted', async () => {
    const rows = await threeInOneTransaction('503');
    expect((await verifyAuditChains(database.db, '503'))[0]!.firstBroken).toBeNull();
    await asSystem(database.db, (tx) => tx.execute(sql`delete from audit_event where seq = ${rows[1]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '503');
    expect(report!.firstBroken).toEqual({ seq: rows[2]!.seq, reason: 'chain_gap' });
  });

  it("notices that a lane's last rows were deleted, by the lane's head", async () => {
    const rows = await threeInOneTransaction('505');
    await asSystem(database.db, (tx) => tx.execute(sql`delete from audit_event where seq = ${rows[2]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '505');
    expect(report!.firstBroken).toEqual({ seq: rows[1]!.seq, reason: 'tail_missing' });
  });

  it('names a row that two links claim the same place of', async () => {
    const rows = await threeInOneTransaction('506');
    await asSystem(database.db, (tx) => tx.execute(sql`update audit_event set chain_pos = ${rows[1]!.chainPos} where seq = ${rows[2]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '506');
    expect(report!.firstBroken).toEqual({ seq: rows[2]!.seq, reason: 'prev_hash_mismatch' });
  });

  it('leaves the app role no rights on the heads of the chain', async () => {
    expect(await dbErrorOf(inTenant(database.db, m.municipality.id, (tx) => tx.execute(sql`select * from audit_chain_head`)))).toMatch(/permission denied/);
    expect(await dbErrorOf(inTenant(database.db, m.municipality.id, (tx) => tx.execute(sql`update audit_chain_head set pos = 0`)))).toMatch(/permission denied/);
  });

  describe('the chain the database keeps (hash version 3, migration 0016)', () => {
    const lastRow = async (municipalityId: string) =>
      (await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.municipalityId, municipalityId)).orderBy(desc(auditEvent.seq)).limit(1)))[0]!;
    /** The hash a link must name: the link before it in its lane, or for a lane's first link the last row of the versions before 3 (or genesis). */
    const linkBefore = async (row: typeof auditEvent.$inferSelect) => {
      if (row.chainPos! > 1) {
        const [before] = await asSystem(database.db, (tx) =>
          tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, row.municipalityId), eq(auditEvent.chainLane, row.chainLane!), eq(auditEvent.chainPos, row.chainPos! - 1))),
        );
        return before!.hash;
      }
      const [old] = await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, row.municipalityId), isNull(auditEvent.chainPos))).orderBy(desc(auditEvent.seq)).limit(1),
      );
      return old?.hash ?? GENESIS_HASH;
    };

    it("numbers and chains each row itself: the writer's seq, previous hash and hash are replaced", async () => {
      const before = await lastRow(m.municipality.id);
      await inTenant(database.db, m.municipality.id, (tx) =>
        tx.insert(auditEvent).values({
          municipalityId: m.municipality.id, seq: 1, occurredAt: new Date('2026-01-01T00:00:00.000Z'), actorUserId: null, actorRole: null,
          action: 'test.forged_chain', targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {},
          requestId: 'test', prevHash: 'f'.repeat(64), hash: 'f'.repeat(64), chainLane: 0, chainPos: 1,
          digest: auditDigest({ municipalityId: m.municipality.id, occurredAt: new Date('2026-01-01T00:00:00.000Z'), actorUserId: null, actorRole: null, action: 'test.forged_chain', targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {}, requestId: 'test' }),
        }),
      );
      const row = await lastRow(m.municipality.id);
      expect(row.action).toBe('test.forged_chain');
      expect(row.seq).toBeGreaterThan(before.seq);
      expect(row.chainLane).toBeGreaterThanOrEqual(0);
      expect(row.chainLane).toBeLessThan(CHAIN_LANES);
      expect(row.prevHash).toBe(await linkBefore(row));
      expect(row.hash).toBe(laneHash(row.chainLane!, row.chainPos!, row.seq, row.prevHash, row.digest!));
      const [head] = await asSystem(database.db, (tx) =>
        tx.execute<{ pos: string; hash: string }>(sql`select pos::text, hash from audit_chain_head where municipality_id = ${m.municipality.id} and lane = ${row.chainLane}`),
      ).then((r) => r.rows);
      expect(head).toEqual({ pos: String(row.chainPos), hash: row.hash });
      expect((await verifyAuditChains(database.db, '501'))[0]!.firstBroken).toBeNull();
    });

    it('chains concurrent writers in their lanes, each link naming the one before it', async () => {
      await Promise.all(
        Array.from({ length: 16 }, (_, i) => inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.lanes', details: { i } }))),
      );
      const rows = await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, 'test.lanes'))),
      );
      expect(rows).toHaveLength(16);
      for (const row of rows) {
        expect(row.prevHash).toBe(await linkBefore(row));
        expect(row.hash).toBe(laneHash(row.chainLane!, row.chainPos!, row.seq, row.prevHash, row.digest!));
      }
      expect((await verifyAuditChains(database.db, '501'))[0]!.firstBroken).toBeNull();
    });

    it('refuses a row without the digest of its content and stores nothing', async () => {
      const before = await count('test.no_digest');
      await expect(
        inTenant(database.db, m.municipality.id, (tx) =>
          tx.insert(auditEvent).values({
            municipalityId: m.municipality.id, seq: 0, occurredAt: new Date(), actorUserId: null, actorRole: null, action: 'test.no_digest',
            targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {}, requestId: 'test', prevHash: '', hash: '',
          }),
        ),
      ).rejects.toThrow();
      expect(await count('test.no_digest')).toBe(before);
    });

    it('verifies a chain that began in hash version 1, went on in version 2 and goes on in the lanes of version 3', async () => {
      // A municipality whose trail began before migration 0014: made by the owner with no events of its own, then a
      // version-1 row (all hashed in Node, no digest) and a version-2 row (digest; seq and hash as the trigger of
      // migration 0014 gave them), written with the audit triggers off, in one transaction, as such a database has them.
      const id = await asSystem(database.db, async (tx) => {
        const [row] = (await tx.execute<{ id: string }>(sql`insert into municipality (code, name, settings) values ('504', 'Gammel Kommune', '{}') returning id`)).rows;
        await tx.execute(sql`alter table audit_event disable trigger user`);
        const nextSeq = async () => Number((await tx.execute<{ seq: string }>(sql`select nextval('audit_event_seq_seq')::text as seq`)).rows[0]!.seq);
        const content = { municipalityId: row!.id, occurredAt: new Date('2026-01-02T03:04:05.678Z'), actorUserId: null, actorRole: null, targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success' as const, details: { old: true }, requestId: 'test' };
        const v1 = { ...content, action: 'test.v1', seq: await nextSeq(), prevHash: GENESIS_HASH };
        const v1Hash = auditHash(v1);
        await tx.insert(auditEvent).values({ ...v1, hash: v1Hash });
        const v2 = { ...content, action: 'test.v2', seq: await nextSeq(), prevHash: v1Hash };
        const digest = auditDigest(v2);
        await tx.insert(auditEvent).values({ ...v2, digest, hash: chainHash(v2.seq, v1Hash, digest) });
        await tx.execute(sql`alter table audit_event enable trigger user`);
        return row!.id;
      });
      const ctx504 = (tx: Ctx['tx']) => ({ ...ctxFor(tx), municipalityId: id });
      await Promise.all(Array.from({ length: 6 }, (_, i) => inTenant(database.db, id, (tx) => audit(ctx504(tx), { action: 'test.v3', details: { i } }))));
      const rows = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.municipalityId, id)).orderBy(auditEvent.seq));
      expect(rows.map((r) => r.action)).toEqual(['test.v1', 'test.v2', ...Array(6).fill('test.v3')]);
      const v2Row = rows[1]!;
      // Every lane's first link names the last row of version 2.
      for (const row of rows.slice(2).filter((r) => r.chainPos === 1)) expect(row.prevHash).toBe(v2Row.hash);
      expect((await verifyAuditChains(database.db, '504'))[0]).toEqual({ municipalityCode: '504', rows: 8, firstBroken: null });
      // Changing only the stored digest of the version-2 row is noticed.
      await asSystem(database.db, (tx) => tx.execute(sql`update audit_event set digest = ${'0'.repeat(64)} where municipality_id = ${id} and seq = ${v2Row.seq}`));
      expect((await verifyAuditChains(database.db, '504'))[0]!.firstBroken).toEqual({ seq: v2Row.seq, reason: 'hash_mismatch' });
    });
  });

  describe('the audit log page', () => {
    it('lets a manager filter by user, action, outcome and time, and audits the reading', async () => {
      const manager = await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true });
      const victim = await buildUser(database.db, m.municipality, { roles: ['coordinator'] });
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-csrf-token': 'a' }, payload: { email: victim.email, password: 'a wrong password here', municipalityCode: '501' } });
      const s = await loginAs(app, database.db, manager, '501');
      const res = await app.inject({ method: 'GET', url: `/api/v1/audit?action=auth.login_failed&outcome=failure&limit=10`, headers: s.headers });
      expect(res.statusCode).toBe(200);
      const events = res.json().events as Array<{ action: string; targetId: string; outcome: string }>;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.action === 'auth.login_failed' && e.outcome === 'failure')).toBe(true);
      expect(events.some((e) => e.targetId === victim.id)).toBe(true);
      const mine = await app.inject({ method: 'GET', url: `/api/v1/audit?actorUserId=${manager.id}`, headers: s.headers });
      expect(mine.json().events.every((e: { actorUserId: string }) => e.actorUserId === manager.id)).toBe(true);
      const future = await app.inject({ method: 'GET', url: `/api/v1/audit?from=2999-01-01`, headers: s.headers });
      expect(future.json().events).toEqual([]);
      const reads = await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'audit.read'), eq(auditEvent.actorUserId, manager.id))),
      );
      expect(reads.length).toBe(3);
      expect(reads.map((r) => r.details.criteria)).toContainEqual({ action: 'auth.login_failed', outcome: 'failure' });
    });

    it('filters by person', async () => {
      const personId = '22222222-2222-4222-8222-222222222222';
      await inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.person', personIds: [personId] }));
      const res = await app.inject({ method: 'GET', url: `/api/v1/audit?personId=${personId}`, headers: admin.headers });
      const events = res.json().events as Array<{ action: string; personIds: string[] }>;
      expect(events.map((e) => e.action)).toContain('test.person');
      expect(events.every((e) => e.personIds.includes(personId))).toBe(true);
    });

    it('finds the person a CPR number belongs to, for the person filter, auditing a keyed hash and never the number', async () => {
      const cpr = '1705851234';
      const [p] = await asSystem(database.db, (tx) =>
        tx.insert(person).values({ municipalityId: m.municipality.id, cpr, givenName: 'Lise', familyName: 'Opslag', birthDate: '1985-05-17', sex: 'female' }).returning({ id: person.id }),
      );
      await inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.cpr_person', personIds: [p!.id] }));
      const manager = await loginAs(app, database.db, await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true }), '501');
      const lookup = (s: Session, payload: object) => app.inject({ method: 'POST', url: '/api/v1/audit/person-lookup', headers: s.headers, payload });
      const found = await lookup(manager, { cpr: '170585-1234' });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toEqual({ personId: p!.id });
      const events = (await app.inject({ method: 'GET', url: `/api/v1/audit?personId=${p!.id}`, headers: manager.headers })).json().events as Array<{ action: string }>;
      expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['test.cpr_person', 'audit.person_lookup']));
      const [row] = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.action, 'audit.person_lookup')).orderBy(desc(auditEvent.seq)).limit(1));
      expect(row!.details).toEqual({ cprHash: expect.stringMatching(/^[0-9a-f]{64}$/), found: true });
      expect(row!.personIds).toEqual([p!.id]);
      expect(JSON.stringify(row)).not.toContain(cpr);
      expect(JSON.stringify(row)).not.toContain('170585-1234');
      // Not in the municipality: no person, and said so; a malformed number is refused at the field.
      expect((await lookup(manager, { cpr: '0101901234' })).json()).toEqual({ personId: null });
      const bad = await lookup(manager, { cpr: '3213901234' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.problems[0].path).toBe('cpr');
      // Only the log's readers may look up.
      const coordinator = await loginAs(app, database.db, await buildUser(database.db, m.municipality, { roles: ['coordinator'], mfa: true }), '501');
      expect((await lookup(coordinator, { cpr })).statusCode).toBe(403);
    });

    it('pages with nextBefore until the end', async () => {
      const first = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=3', headers: admin.headers });
      const page1 = first.json();
      expect(page1.events).toHaveLength(3);
      expect(page1.nextBefore).toBe(page1.events[2].seq);
      const second = await app.inject({ method: 'GET', url: `/api/v1/audit?limit=3&before=${page1.nextBefore}`, headers: admin.headers });
      expect(second.json().events[0].seq).toBeLessThan(page1.nextBefore);
    });

    it('refuses coordinators, professionals and analysts with an audited denial', async () => {
      for (const role of ['coordinator', 'professional', 'analyst'] as const) {
        const user = await buildUser(database.db, m.municipality, { roles: [role], mfa: true });
        const s = await loginAs(app, database.db, user, '501');
        const res = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: s.headers });
        expect(res.statusCode, role).toBe(403);
      }
    });

    it('refuses a malformed filter with a 400 naming the field', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/audit?actorUserId=nope&limit=9999&bogus=1', headers: admin.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['actorUserId', 'bogus', 'limit']);
    });
  });
});
