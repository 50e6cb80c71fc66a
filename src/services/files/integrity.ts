import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { files, notifications } from '../../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { notify, usersWithRole } from '../notify.js';
import { fileStoreFor, type ContentProblem } from './store.js';

/**
 * Stored files that no longer match what was uploaded (a flipped byte, a cut-off or deleted
 * file) are never served: the download stops with a clear error and the office hears of it.
 */
const PROBLEM_WORDS: Record<ContentProblem, string> = {
  missing: '存储中找不到该文件',
  size: '文件大小与上传时不符（可能被截断）',
  changed: '文件内容与上传时的校验值（SHA-256）不符',
};

export function damagedFileError(problem: ContentProblem): ServiceError {
  return problem === 'missing'
    ? new ServiceError('stored_file_damaged', '文件已丢失（存储中找不到），暂时无法下载；已通知市质量奖办公室处理')
    : new ServiceError('stored_file_damaged', '文件校验失败（存储的文件已损坏），暂时无法下载；已通知市质量奖办公室处理');
}

export const NOTIFICATION_KIND = 'file.damaged';

interface DamagedRow {
  id: string;
  applicationId: string | null;
  originalName: string;
  sha256: string;
  size: number;
}

/**
 * Records the mismatch in the audit chain and tells every office user through the inbox (and
 * e-mail outbox), once per file while the notice is unread. A failure to record (the database
 * down too) never hides the original error from the caller.
 */
export async function reportDamagedFile(ctx: ServiceContext, row: DamagedRow, problem: ContentProblem): Promise<void> {
  const link = row.applicationId ? `/applications/${row.applicationId}` : undefined;
  await inTransaction(ctx, async (tctx) => {
    await recordAudit(tctx, {
      action: 'file.integrity',
      entityType: 'file',
      entityId: row.id,
      after: { problem, sha256: row.sha256, size: row.size, applicationId: row.applicationId, originalName: row.originalName },
    });
    const body = `文件“${row.originalName}”（编号 ${row.id}）${PROBLEM_WORDS[problem]}，下载已被拒绝。请从备份恢复该文件，或请申报单位重新上传。`;
    const [already] = await tctx.tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.kind, NOTIFICATION_KIND), eq(notifications.body, body), isNull(notifications.readAt)))
      .limit(1);
    if (already) return;
    await notify(tctx, await usersWithRole(tctx, 'office'), { kind: NOTIFICATION_KIND, title: '存储的申报材料已损坏或丢失', body, link });
  });
}

export interface StoreProblem {
  sha256: string;
  problem: ContentProblem;
  /** The rows that refer to this content (deleted rows too: their bytes are kept). */
  files: Array<{ id: string; applicationId: string | null; originalName: string }>;
}

export interface StoreVerification {
  checked: number;
  problems: StoreProblem[];
}

/** Checks every content file any row refers to against its hash and size (`files verify`). */
export async function verifyFileStore(db: Db, dataDir: string): Promise<StoreVerification> {
  const store = fileStoreFor(dataDir);
  const rows = await db
    .select({ id: files.id, sha256: files.sha256, size: files.size, applicationId: files.applicationId, originalName: files.originalName })
    .from(files)
    .orderBy(asc(files.sha256), asc(files.createdAt));
  const bySha = new Map<string, typeof rows>();
  for (const row of rows) bySha.set(row.sha256, [...(bySha.get(row.sha256) ?? []), row]);
  const problems: StoreProblem[] = [];
  for (const [sha256, group] of bySha) {
    const problem = await store.checkContent(sha256, group[0].size);
    if (problem) problems.push({ sha256, problem, files: group.map(({ id, applicationId, originalName }) => ({ id, applicationId, originalName })) });
  }
  return { checked: bySha.size, problems };
}

export const describeProblem = (problem: ContentProblem): string => PROBLEM_WORDS[problem];
