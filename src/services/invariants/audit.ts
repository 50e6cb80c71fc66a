import type { Db } from '../../db/connection.js';
import { verifyAuditChain } from '../audit/verify.js';
import { defineCheck } from './types.js';

/** The audit hash chain and its head (services/audit/verify.ts, the same walk `audit verify` does). */
export const auditChainBroken = defineCheck('audit.chain', '审计链完整：每条记录的哈希、链接和序号都对，末条与链头一致', async ({ db }, found) => {
  // verifyAuditChain only selects: a transaction handle answers the same.
  const result = await verifyAuditChain(db as Db);
  if (result.ok || !result.firstBroken) return [];
  const { seq, problem } = result.firstBroken;
  return [found('audit_record', { seq: String(seq) }, `审计链在第 ${seq} 条记录处断开：${problem}（此前 ${result.checked} 条完好）`)];
});

export const AUDIT_CHECKS = [auditChainBroken];
