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

/** SHA-256 over the row's content and the previous row's hash. */
export function auditHash(f: HashedAuditFields): string {
  const payload = canonicalJson([
    f.municipalityId,
    f.seq,
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
    f.prevHash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}
