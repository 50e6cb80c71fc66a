import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, hashedTextParts, type ChainedFields } from '../../src/services/audit/chain.js';

/** What the database computes at commit (migration 0012): sha256 of head + prevHash + mid + seq + tail. */
const chainedInDatabase = (fields: Omit<ChainedFields, 'seq' | 'prevHash'>, prevHash: string, seq: number) => {
  const parts = hashedTextParts(fields);
  return createHash('sha256').update(`${parts.head}${prevHash}${parts.mid}${seq}${parts.tail}`, 'utf8').digest('hex');
};

const base = {
  at: new Date('2026-12-02T03:04:05.678Z'),
  actorId: null,
  action: 'application.submit',
  entityType: 'application',
  entityId: 'b3c1a9e0-0000-4000-8000-000000000001',
  before: null,
  after: null,
  requestId: 'req-1',
};

describe('an audit record hashed in two halves', () => {
  it('gives the hash verify.ts recomputes, whatever the record holds', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(
        fc.record({ before: json, after: json, entityId: fc.string(), requestId: fc.option(fc.string()), actorId: fc.option(fc.uuid()) }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (varied, seq, prevHash) => {
          const fields = { ...base, ...varied };
          expect(chainedInDatabase(fields, prevHash, seq)).toBe(auditHash({ ...fields, seq, prevHash }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not fooled by content that looks like the fields it leaves open', () => {
    const fields = { ...base, before: { prevHash: 'x', seq: 7, '"seq":': '"prevHash":"' }, after: ['"seq"', 1], entityId: '","seq":1}' };
    expect(chainedInDatabase(fields, GENESIS_HASH, 1)).toBe(auditHash({ ...fields, seq: 1, prevHash: GENESIS_HASH }));
    // Neither hole may be filled with something else and still give the same hash.
    expect(chainedInDatabase(fields, GENESIS_HASH, 2)).not.toBe(auditHash({ ...fields, seq: 1, prevHash: GENESIS_HASH }));
    expect(chainedInDatabase(fields, 'f'.repeat(64), 1)).not.toBe(auditHash({ ...fields, seq: 1, prevHash: GENESIS_HASH }));
  });
});
