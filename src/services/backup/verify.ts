import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { verifyAuditChain, type VerifyResult } from '../audit/verify.js';
import { verifyAgainstWitness, type WitnessVerifyResult } from '../audit/witness.js';
import { describeProblem, verifyFileStore, type StoreVerification } from '../files/integrity.js';
import type { ContentProblem } from '../files/store.js';
import { rowsOf } from './catalog.js';
import type { BackupManifest, BackupSite } from './manifest.js';

/** One table after the restore, against what the manifest promised. */
export interface TableCheck {
  name: string;
  expectedRows: number;
  insertedRows: number;
  /** The dump file still has the sha256 the manifest recorded. */
  dumpIntact: boolean;
  restoredRows: number;
  /** The restored rows read back give the manifest's sha256 (same rows, same values). */
  contentMatches: boolean;
}

export interface RestoreReport {
  ok: boolean;
  tables: TableCheck[];
  chain: VerifyResult;
  /** The restored audit head is the one the backup recorded. */
  headMatches: boolean;
  /** The restored chain agrees with the restored witness log (audit verify's second check). */
  witness: WitnessVerifyResult;
  /** Contents whose bytes in the backup did not match their sha256 (not placed in the store). */
  copyProblems: Array<{ sha256: string; problem: ContentProblem }>;
  store: StoreVerification;
  /** Contents already missing or damaged when the backup was taken. */
  backupFileProblems: BackupManifest['fileProblems'];
}

/** The restored system checked as a whole: every table, the audit chain and head, every stored file. */
export async function verifyRestoredSystem(
  db: Db,
  site: BackupSite,
  manifest: BackupManifest,
  tables: TableCheck[],
  copyProblems: RestoreReport['copyProblems'],
): Promise<RestoreReport> {
  const chain = await verifyAuditChain(db);
  const [head] = await rowsOf<{ seq: number | string; hash: string }>(db, sql`SELECT seq, hash FROM audit_head LIMIT 1`);
  const headMatches = manifest.auditHead === null ? !head : !!head && Number(head.seq) === manifest.auditHead.seq && head.hash === manifest.auditHead.hash;
  const store = await verifyFileStore(db, site.dataDir);
  const witness = await verifyAgainstWitness(db, site.witness);
  const tablesOk = tables.every((t) => t.dumpIntact && t.contentMatches && t.restoredRows === t.expectedRows);
  const ok = tablesOk && chain.ok && headMatches && witness.ok && copyProblems.length === 0 && store.problems.length === 0 && manifest.fileProblems.length === 0;
  return { ok, tables, chain, headMatches, witness, copyProblems, store, backupFileProblems: manifest.fileProblems };
}

/** The report as Chinese lines for the operator: one line per problem, then a summary. */
export function describeRestoreReport(report: RestoreReport): { problems: string[]; summary: string } {
  const problems: string[] = [];
  for (const t of report.tables) {
    if (!t.dumpIntact) problems.push(`数据表 ${t.name}：备份文件的 SHA-256 与清单不符（备份文件已被改动）`);
    if (t.restoredRows !== t.expectedRows) problems.push(`数据表 ${t.name}：恢复 ${t.restoredRows} 行，清单记录 ${t.expectedRows} 行`);
    else if (!t.contentMatches) problems.push(`数据表 ${t.name}：恢复后的内容与备份时的校验值不符`);
  }
  if (!report.chain.ok) problems.push(`审计链在第 ${report.chain.firstBroken?.seq} 条记录处断开：${report.chain.firstBroken?.problem}`);
  if (!report.headMatches) problems.push('审计链头与备份清单记录的不符');
  for (const p of report.witness.problems) problems.push(`审计见证：${p.problem}`);
  for (const p of report.backupFileProblems) problems.push(`文件 ${p.sha256}：备份时源存储中已${p.problem === 'missing' ? '缺失' : '损坏'}（${describeProblem(p.problem)}）`);
  for (const p of report.copyProblems) problems.push(`文件 ${p.sha256}：备份中的副本${p.problem === 'missing' ? '缺失' : '与其 SHA-256 不符（已被改动），未放入文件存储'}`);
  for (const p of report.store.problems) {
    const names = p.files.map((f) => `${f.originalName}（文件 ${f.id}）`).join('；');
    problems.push(`文件 ${p.sha256}：${describeProblem(p.problem)} — ${names}`);
  }
  const rows = report.tables.reduce((sum, t) => sum + t.restoredRows, 0);
  const summary = report.ok
    ? `恢复完成并校验通过：${report.tables.length} 张数据表共 ${rows} 行，审计链 ${report.chain.checked} 条记录完整，${report.store.checked} 个文件的 SHA-256 全部相符`
    : `恢复已完成（数据已写入），但校验发现 ${problems.length} 处问题，见上`;
  return { problems, summary };
}
