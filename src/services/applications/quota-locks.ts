import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';

/**
 * A quota is counted before it is filled: two requests that each count "one place left" and
 * each fill it would overrun it (READ COMMITTED shows neither the other's uncommitted row).
 * Whoever counts a quota for a step it will commit holds this lock until commit, so the next
 * counter waits and then counts the first one's place. Nothing else takes these locks, and
 * they are taken after the request's own row locks, so they cannot close a wait cycle.
 */
const QUOTA_LOCK_NAMESPACE = 726354004;

/** A 32-bit key (FNV-1a) of a quota's name; two quotas sharing a key only wait for each other. */
function quotaKey(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}

async function lockQuota(tx: DbOrTx, name: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_NAMESPACE}::int4, ${quotaKey(name)}::int4)`);
}

/** The lists of an edition (candidate limit, Art. 2 quotas): one list decision at a time counts them. */
export const lockEditionLists = (tx: DbOrTx, editionId: string) => lockQuota(tx, `lists:${editionId}`);

/** A county's recommendations in an edition (profile.countyCap, Art. 14). */
export const lockCountyRecommendations = (tx: DbOrTx, editionId: string, countyId: string) => lockQuota(tx, `county:${editionId}:${countyId}`);
