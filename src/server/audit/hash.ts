import { createHash } from 'node:crypto';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers. */
export interface HashedAuditFields {
  municipalityId: string;
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  personIds: string[];
  purpose: string | null;
  outcome: string;
  details: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so jsonb's key order cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  // A Date (or anything with toJSON) is stored in jsonb as its JSON form; hash that form, or the row never verifies.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Version 1 (rows written before migration 0014): SHA-256 over the row's content, its seq and the previous row's
 * hash, all computed in Node. Kept to verify those rows.
 */
export function auditHash(f: HashedAuditFields): string {
  const [municipalityId, ...rest] = contentOf(f);
  return sha256(canonicalJson([municipalityId, f.seq, ...rest, f.prevHash]));
}

/** The content of an audit row: what its digest covers (everything but its place in the chain). */
export type DigestedAuditFields = Omit<HashedAuditFields, 'seq' | 'prevHash'>;

/**
 * Version 2, from migration 0014 on (decision 0019): Node computes the digest of the row's content (SHA-256 of its
 * canonical JSON, the same fields as version 1 without seq and the previous hash); at COMMIT the database's
 * deferred trigger takes the chain lock, gives the row its seq and the previous row's hash, and stores
 * `chainHash(seq, prevHash, digest)`.
 */
export function auditDigest(f: DigestedAuditFields): string {
  return sha256(canonicalJson(contentOf(f)));
}

/** The row's content in the order both hash versions cover it (version 1 puts seq after the municipality). */
function contentOf(f: DigestedAuditFields): unknown[] {
  return [
    f.municipalityId,
    f.occurredAt.toISOString(),
    f.actorUserId,
    f.actorRole,
    f.action,
    f.targetType,
    f.targetId,
    [...f.personIds].sort(),
    f.purpose,
    f.outcome,
    f.details,
    f.requestId,
  ];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The version-2 hash of a row (migrations 0014–0015): SHA-256 of the canonical JSON `[2, seq, prevHash, digest]`, exactly the text the
 * trigger function `helhed_audit_chain` (migration 0014) hashes. Only numbers and hex strings, so the SQL needs no escaping.
 */
export function chainHash(seq: number, prevHash: string, digest: string): string {
  return sha256(canonicalJson([2, seq, prevHash, digest]));
}

/**
 * The version-3 hash of a row, from migration 0016 on (decision 0020): SHA-256 of the canonical JSON
 * `[3, lane, pos, seq, prevHash, digest]`, exactly the text the trigger function `helhed_audit_chain` hashes when it
 * chains the row as link `pos` of lane `lane`.
 */
export function laneHash(lane: number, pos: number, seq: number, prevHash: string, digest: string): string {
  return sha256(canonicalJson([3, lane, pos, seq, prevHash, digest]));
}

/** How many lanes a municipality's chain has from version 3 on (the trigger's `pg_backend_pid() % 8`). */
export const CHAIN_LANES = 8;
