import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditDigest, auditHash, canonicalJson, chainHash, laneHash, type HashedAuditFields } from './hash.js';

describe('canonicalJson', () => {
  it('sorts object keys', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts keys at every level, including objects inside arrays', () => {
    expect(canonicalJson({ z: { y: 1, x: [{ b: 1, a: 2 }] }, a: null })).toBe('{"a":null,"z":{"x":[{"a":2,"b":1}],"y":1}}');
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ before: { name: 'A', roles: ['admin'] }, after: { roles: ['admin'], name: 'B' } })).toBe(
      canonicalJson({ after: { name: 'B', roles: ['admin'] }, before: { roles: ['admin'], name: 'A' } }),
    );
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('drops object keys whose value is undefined, as JSON (and so jsonb) does', () => {
    const value = { a: 1, gone: undefined, nested: { also: undefined, kept: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":1,"nested":{"kept":"x"}}');
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('writes undefined as null, at the top and inside arrays', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });

  it('writes strings and numbers as JSON does', () => {
    expect(canonicalJson({ s: 'Æble "ø"\n', n: 1.5, t: true })).toBe('{"n":1.5,"s":"Æble \\"ø\\"\\n","t":true}');
  });

  it('writes a Date as the ISO string jsonb stores for it', () => {
    const at = new Date('2025-03-03T08:00:00.123Z');
    expect(canonicalJson({ at })).toBe('{"at":"2025-03-03T08:00:00.123Z"}');
    expect(canonicalJson({ at })).toBe(canonicalJson(JSON.parse(JSON.stringify({ at }))));
  });
});

const BASE: HashedAuditFields = {
  municipalityId: '0b8f6a52-1c3e-4e7a-9d2f-5a6b7c8d9e0f',
  seq: 41,
  occurredAt: new Date('2025-03-03T08:00:00.123Z'),
  actorUserId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  actorRole: 'coordinator',
  action: 'family.read',
  targetType: 'family',
  targetId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  personIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
  purpose: 'case_work',
  outcome: 'success',
  details: { reason: 'meeting', nested: { a: 1, b: [1, 2] } },
  requestId: 'req-1',
  prevHash: 'a'.repeat(64),
};

/** One different value for every field the hash covers. */
const CHANGES: { [K in keyof HashedAuditFields]: HashedAuditFields[K] } = {
  municipalityId: '0b8f6a52-1c3e-4e7a-9d2f-5a6b7c8d9e10',
  seq: 42,
  occurredAt: new Date('2025-03-03T08:00:00.124Z'),
  actorUserId: null,
  actorRole: 'coordinator,manager',
  action: 'family.update',
  targetType: 'person',
  targetId: null,
  personIds: ['11111111-1111-4111-8111-111111111111'],
  purpose: null,
  outcome: 'denied',
  details: { reason: 'meeting', nested: { a: 2, b: [1, 2] } },
  requestId: null,
  prevHash: 'b'.repeat(64),
};

describe('auditHash', () => {
  it('is a SHA-256 in hex and the same for the same fields', () => {
    expect(auditHash(BASE)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...BASE, details: structuredClone(BASE.details), personIds: [...BASE.personIds] })).toBe(auditHash(BASE));
  });

  it.each(Object.keys(CHANGES) as (keyof HashedAuditFields)[])('changes when %s changes', (field) => {
    expect(CHANGES[field]).not.toEqual(BASE[field]);
    expect(auditHash({ ...BASE, [field]: CHANGES[field] })).not.toBe(auditHash(BASE));
  });

  it('covers every field of HashedAuditFields in the table above', () => {
    expect(Object.keys(CHANGES).sort()).toEqual(Object.keys(BASE).sort());
  });

  it('changes when an array element inside details changes', () => {
    expect(auditHash({ ...BASE, details: { reason: 'meeting', nested: { a: 1, b: [2, 1] } } })).not.toBe(auditHash(BASE));
  });

  it('does not depend on the key order of details', () => {
    expect(auditHash({ ...BASE, details: { nested: { b: [1, 2], a: 1 }, reason: 'meeting' } })).toBe(auditHash(BASE));
  });

  it('does not depend on the order of personIds', () => {
    expect(auditHash({ ...BASE, personIds: [...BASE.personIds].reverse() })).toBe(auditHash(BASE));
  });

  it('leaves the caller’s personIds array in its order', () => {
    const personIds = ['b', 'a'];
    auditHash({ ...BASE, personIds });
    expect(personIds).toEqual(['b', 'a']);
  });

  it('treats a null field and an empty string as different', () => {
    expect(auditHash({ ...BASE, purpose: '' })).not.toBe(auditHash({ ...BASE, purpose: null }));
  });
});

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('auditDigest (hash version 2: the content Node hashes)', () => {
  const contentFields = (Object.keys(CHANGES) as (keyof HashedAuditFields)[]).filter((k) => k !== 'seq' && k !== 'prevHash');

  it('is 64 hex digits and the same for the same content, whatever the key order, person order, seq or previous hash', () => {
    expect(auditDigest(BASE)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditDigest({ ...BASE, details: { nested: { b: [1, 2], a: 1 }, reason: 'meeting' }, personIds: [...BASE.personIds].reverse() })).toBe(auditDigest(BASE));
    // The place in the chain is the database's: the digest leaves it out, the chain hash covers it.
    const elsewhereInTheChain: HashedAuditFields = { ...BASE, seq: 999, prevHash: 'c'.repeat(64) };
    expect(auditDigest(elsewhereInTheChain)).toBe(auditDigest(BASE));
  });

  it.each(contentFields)('changes when %s changes', (field) => {
    expect(auditDigest({ ...BASE, [field]: CHANGES[field] })).not.toBe(auditDigest(BASE));
  });
});

describe('chainHash (hash version 2: what the database trigger stores)', () => {
  const digest = auditDigest(BASE);

  it('is SHA-256 of the exact text the trigger builds: [2,seq,"prev","digest"]', () => {
    const text = `[2,41,"${'a'.repeat(64)}","${digest}"]`;
    expect(chainHash(41, 'a'.repeat(64), digest)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('changes with the seq, the previous hash and the digest', () => {
    const h = chainHash(41, GENESIS_HASH, digest);
    expect(chainHash(42, GENESIS_HASH, digest)).not.toBe(h);
    expect(chainHash(41, 'a'.repeat(64), digest)).not.toBe(h);
    expect(chainHash(41, GENESIS_HASH, auditDigest({ ...BASE, action: 'family.update' }))).not.toBe(h);
  });
});

describe('laneHash (hash version 3: what the database trigger stores from migration 0016 on)', () => {
  const digest = auditDigest(BASE);

  it('is SHA-256 of the exact text the trigger builds: [3,lane,pos,seq,"prev","digest"]', () => {
    const text = `[3,5,17,4242,"${'a'.repeat(64)}","${digest}"]`;
    expect(laneHash(5, 17, 4242, 'a'.repeat(64), digest)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('changes with the lane, the place in it, the seq, the previous hash and the digest', () => {
    const h = laneHash(1, 1, 41, GENESIS_HASH, digest);
    expect(laneHash(2, 1, 41, GENESIS_HASH, digest)).not.toBe(h);
    expect(laneHash(1, 2, 41, GENESIS_HASH, digest)).not.toBe(h);
    expect(laneHash(1, 1, 42, GENESIS_HASH, digest)).not.toBe(h);
    expect(laneHash(1, 1, 41, 'a'.repeat(64), digest)).not.toBe(h);
    expect(laneHash(1, 1, 41, GENESIS_HASH, auditDigest({ ...BASE, action: 'family.update' }))).not.toBe(h);
  });
});
