import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { asSystem } from '../db/tenant.js';
import { municipality } from '../db/municipality.table.js';
import { auditChainHead, auditEvent } from './audit.table.js';
import { CHAIN_LANES, GENESIS_HASH, auditDigest, auditHash, chainHash, laneHash } from './hash.js';

export interface ChainReport {
  municipalityCode: string;
  rows: number;
  /**
   * The first row that does not verify, or null when the chain is whole. `chain_gap`: a lane (hash version 3) lacks
   * a link before this row — a row was removed; `tail_missing`: a lane ends before the link its head names — its last
   * rows were removed (the row named is the last one left); `not_chained`: a row after the start of the lanes that
   * none holds.
   */
  firstBroken: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'chain_gap' | 'tail_missing' | 'not_chained' } | null;
}

type Row = typeof auditEvent.$inferSelect;
type Broken = NonNullable<ChainReport['firstBroken']>;

const BATCH = 2000;

/** Recomputes every municipality's chain (or one's) and names the first broken row. */
export async function verifyAuditChains(db: Db, onlyCode?: string): Promise<ChainReport[]> {
  const municipalities = await asSystem(db, (tx) =>
    tx.select({ id: municipality.id, code: municipality.code }).from(municipality).orderBy(asc(municipality.code)),
  );
  const reports: ChainReport[] = [];
  for (const m of municipalities) {
    if (onlyCode && m.code !== onlyCode) continue;
    reports.push(await verifyChain(db, m.id, m.code));
  }
  return reports;
}

/** A lane of version 3 while it is verified: the next link expected, the hash it must name, links read too early. */
interface Lane {
  expected: number;
  prev: string;
  lastSeq: number;
  early: Map<number, Row>;
}

/**
 * Reads the rows in seq order, in one snapshot (a repeatable-read transaction), so that rows committed meanwhile
 * cannot look like gaps. Versions 1 and 2 form one chain in that order. Version 3 rows are links of lanes, each in
 * its own commit order, which is seq order except for transactions that committed out of the order they inserted
 * in: a link that comes before its turn waits in its lane until the links before it have been read. Every lane must
 * reach the link its head (audit_chain_head) names, so removing a lane's last rows is noticed too.
 */
async function verifyChain(db: Db, municipalityId: string, code: string): Promise<ChainReport> {
  return db.transaction(
    async (tx) => {
      const heads = new Map(
        (await tx.select().from(auditChainHead).where(eq(auditChainHead.municipalityId, municipalityId))).map((h) => [h.lane, h]),
      );
      let prev = GENESIS_HASH;
      let afterSeq = -1;
      let rows = 0;
      /** The lanes, from the first version-3 row on; each starts from the last hash of the versions before. */
      let lanes: Map<number, Lane> | null = null;
      const broken = (seq: number, reason: Broken['reason']): ChainReport => ({ municipalityCode: code, rows, firstBroken: { seq, reason } });

      for (;;) {
        const batch = await tx
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.municipalityId, municipalityId), gt(auditEvent.seq, afterSeq)))
          .orderBy(asc(auditEvent.seq))
          .limit(BATCH);
        for (const row of batch) {
          rows++;
          afterSeq = row.seq;
          if (lanes === null && row.chainPos === null) {
            if (row.prevHash !== prev) return broken(row.seq, 'prev_hash_mismatch');
            if (!rowHashVerifies(row)) return broken(row.seq, 'hash_mismatch');
            prev = row.hash;
            continue;
          }
          if (row.chainPos === null || row.chainLane === null || row.chainLane < 0 || row.chainLane >= CHAIN_LANES) {
            return broken(row.seq, 'not_chained');
          }
          lanes ??= new Map();
          let lane = lanes.get(row.chainLane);
          if (!lane) lanes.set(row.chainLane, (lane = { expected: 1, prev, lastSeq: -1, early: new Map() }));
          // Two rows that claim one place in a lane: the later one cannot link to what the first one linked to.
          if (row.chainPos < lane.expected || lane.early.has(row.chainPos)) return broken(row.seq, 'prev_hash_mismatch');
          lane.early.set(row.chainPos, row);
          for (let next = lane.early.get(lane.expected); next; next = lane.early.get(lane.expected)) {
            lane.early.delete(lane.expected);
            if (next.prevHash !== lane.prev) return broken(next.seq, 'prev_hash_mismatch');
            if (!rowHashVerifies(next)) return broken(next.seq, 'hash_mismatch');
            lane.prev = next.hash;
            lane.lastSeq = next.seq;
            lane.expected++;
          }
        }
        if (batch.length < BATCH) break;
      }
      // Links still waiting: the one before them is missing.
      const waiting = [...(lanes?.values() ?? [])].flatMap((l) => [...l.early.values()]);
      if (waiting.length > 0) return broken(Math.min(...waiting.map((r) => r.seq)), 'chain_gap');
      for (const [laneNo, head] of heads) {
        const lane = lanes?.get(laneNo);
        const reached = lane ? lane.expected - 1 : 0;
        if (reached !== head.pos || (lane && lane.prev !== head.hash)) return broken(lane?.lastSeq ?? -1, 'tail_missing');
      }
      return { municipalityCode: code, rows, firstBroken: null };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Whether a row's stored hash is the one its content and place in the chain give: version 1 (no digest, rows
 * before migration 0014) hashes everything in Node; versions 2 and 3 recompute the digest from the content, which
 * must be the stored one, and the chain hash over the row's place (seq; from version 3 lane, position and seq), the
 * previous hash and that digest.
 */
export function rowHashVerifies(row: Row): boolean {
  if (row.digest === null) return auditHash(row) === row.hash;
  const digest = auditDigest(row);
  if (digest !== row.digest) return false;
  if (row.chainPos !== null && row.chainLane !== null) return laneHash(row.chainLane, row.chainPos, row.seq, row.prevHash, digest) === row.hash;
  return chainHash(row.seq, row.prevHash, digest) === row.hash;
}
