import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { asSystem } from '../db/tenant.js';
import { municipality } from '../db/municipality.table.js';
import { auditEvent } from './audit.table.js';
import { GENESIS_HASH, auditDigest, auditHash, chainHash } from './hash.js';

export interface ChainReport {
  municipalityCode: string;
  rows: number;
  /** The first row that does not verify, or null when the chain is whole. */
  firstBroken: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' } | null;
}

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

async function verifyChain(db: Db, municipalityId: string, code: string): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let afterSeq = -1;
  let rows = 0;
  for (;;) {
    const batch = await asSystem(db, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.municipalityId, municipalityId), gt(auditEvent.seq, afterSeq)))
        .orderBy(asc(auditEvent.seq))
        .limit(BATCH),
    );
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prev) {
        return { municipalityCode: code, rows, firstBroken: { seq: row.seq, reason: 'prev_hash_mismatch' } };
      }
      if (!rowHashVerifies(row)) {
        return { municipalityCode: code, rows, firstBroken: { seq: row.seq, reason: 'hash_mismatch' } };
      }
      prev = row.hash;
      afterSeq = row.seq;
    }
    if (batch.length < BATCH) break;
  }
  return { municipalityCode: code, rows, firstBroken: null };
}

/**
 * Whether a row's stored hash is the one its content and place in the chain give: version 1 (no digest, rows
 * before migration 0014) hashes everything in Node; version 2 recomputes the digest from the content, which must
 * be the stored one, and the chain hash over seq, the previous hash and that digest.
 */
export function rowHashVerifies(row: typeof auditEvent.$inferSelect): boolean {
  if (row.digest === null) return auditHash(row) === row.hash;
  const digest = auditDigest(row);
  return digest === row.digest && chainHash(row.seq, row.prevHash, digest) === row.hash;
}
