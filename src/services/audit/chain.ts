import { createHash } from 'node:crypto';
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
  const content = canonicalJson({
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
  return createHash('sha256').update(content).digest('hex');
}
