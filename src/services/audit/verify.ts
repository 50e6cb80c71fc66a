import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { auditHead, auditLog } from '../../db/schema/index.js';
import { auditHash, GENESIS_HASH } from './chain.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** `at`: the broken record's time (ISO), null when the record itself is missing. */
  firstBroken: null | { seq: number; at: string | null; problem: string };
}

/**
 * Walks the whole chain in pages. Reports the first record whose hash does not match its
 * content, whose link does not match its predecessor, or whose sequence has a gap (a deleted row).
 */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let lastAt: string | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, firstBroken: { seq: expectedSeq, at: null, problem: `记录 ${expectedSeq} 缺失（已被删除）` } };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, at: row.at.toISOString(), problem: '与上一条记录的链接不符' } };
      }
      if (auditHash(row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, at: row.at.toISOString(), problem: '记录内容与其哈希不符（已被篡改）' } };
      }
      prevHash = row.hash;
      lastAt = row.at.toISOString();
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) return checkHead(db, checked, prevHash, lastAt);
  }
}

/** The last record must be the one the head names; otherwise the newest records were removed. */
async function checkHead(db: Db, checked: number, lastHash: string, lastAt: string | null): Promise<VerifyResult> {
  const [head] = await db.select().from(auditHead);
  if (!head) return checked === 0 ? { ok: true, checked, firstBroken: null } : { ok: false, checked, firstBroken: { seq: checked, at: null, problem: '审计链头记录缺失' } };
  if (head.seq !== checked) {
    return { ok: false, checked, firstBroken: { seq: checked + 1, at: null, problem: `记录 ${checked + 1} 至 ${head.seq} 缺失（末尾记录已被删除）` } };
  }
  if (head.hash !== lastHash) return { ok: false, checked, firstBroken: { seq: head.seq, at: lastAt, problem: '末条记录与审计链头不符' } };
  return { ok: true, checked, firstBroken: null };
}
