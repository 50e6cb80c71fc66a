import type { Db } from '../../db/connection.js';
import { describeProblem, verifyFileStore } from '../files/integrity.js';
import { defineCheck, type Violation } from './types.js';

/**
 * Every file row's bytes are in the store and hash to its sha256 (services/files/store.ts puts
 * them in place before the row commits). Reuses `files verify`; needs the data folder.
 */
export const fileMissingOrChanged = defineCheck('files.content', '每个文件记录在存储中都有文件，且其 SHA-256 与记录一致', async ({ db, dataDir }, found) => {
  if (!dataDir) return [];
  // verifyFileStore only selects: a transaction handle answers the same.
  const result = await verifyFileStore(db as Db, dataDir);
  const out: Violation[] = [];
  for (const p of result.problems) {
    for (const f of p.files) {
      const ids: Record<string, string> = { file: f.id, sha256: p.sha256 };
      if (f.applicationId) ids.application = f.applicationId;
      out.push(found('file', ids, `文件“${f.originalName}”${p.problem === 'missing' ? '缺失：' : '已改变：'}${describeProblem(p.problem)}`));
    }
  }
  return out;
});

export const FILE_CHECKS = [fileMissingOrChanged];
