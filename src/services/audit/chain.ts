import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** The hash of a record covers every field and the previous record's hash. */
export function auditHash(record: ChainedFields): string {
  return createHash('sha256').update(hashedText(record)).digest('hex');
}

function hashedText(record: ChainedFields): string {
  return canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    actorId: record.actorId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before ?? null,
    after: record.after ?? null,
    requestId: record.requestId,
    prevHash: record.prevHash,
  });
}

/** A record's hashed text with holes for what only the chain's end knows: head + prevHash + mid + seq + tail. */
export interface HashedTextParts {
  head: string;
  mid: string;
  tail: string;
}

/**
 * Splits the text auditHash hashes around the previous hash and the sequence number, so the
 * database can chain the record at commit (migration 0012) with exactly the hash that
 * verify.ts recomputes. The holes are found through a random mark that no content contains.
 */
export function hashedTextParts(fields: Omit<ChainedFields, 'seq' | 'prevHash'>): HashedTextParts {
  const mark = randomBytes(16).toString('hex');
  const prevMark = `"p${mark}"`;
  const seqMark = `"s${mark}"`;
  // seq is a number in the real text: its mark replaces the quotes too. prevHash is a
  // string: the text keeps its quotes around the hole.
  const text = hashedText({ ...fields, prevHash: `p${mark}`, seq: `s${mark}` as unknown as number });
  const prevAt = text.indexOf(prevMark);
  const seqAt = text.indexOf(seqMark);
  if (prevAt < 0 || seqAt < prevAt || text.indexOf(mark, seqAt + seqMark.length) >= 0) throw new Error('audit hash text: holes not found in order');
  return {
    head: text.slice(0, prevAt + 1),
    mid: text.slice(prevAt + prevMark.length - 1, seqAt),
    tail: text.slice(seqAt + seqMark.length),
  };
}
