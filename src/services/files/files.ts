import type { ReadStream } from 'node:fs';
import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { FileView } from '../../contract/files.js';
import type { DbOrTx } from '../../db/connection.js';
import { fileReads, files } from '../../db/schema/index.js';
import type { ApplicationFacts } from '../../domain/policies/applications.js';
import { loadVisibleApplication } from '../applications/access.js';
import { recordAudit } from '../audit/record.js';
import { inReadTransaction, inTransaction, type ServiceContext } from '../context.js';
import { ensure, notFound, ServiceError } from '../errors.js';
import { filePolicy, type FilePurpose } from './policy.js';
import { damagedFileError, reportDamagedFile } from './integrity.js';
import { DamagedFileError, EmptyFileError, fileStoreFor, FileTooLargeError, StoredContentError, UnsupportedFileTypeError, type FileStore, type PlacedFile, type ReceivedFile } from './store.js';
import { lockPlacedContent, settlePlacement } from './sweep.js';

export type FileRow = typeof files.$inferSelect;

/** Evidence of an objection to the notice hangs on the candidate but is the office's alone (Art. 17): never the application's. */
export const OBJECTION_EVIDENCE = 'objection_evidence';
const applicationOwn = ne(files.purpose, OBJECTION_EVIDENCE);

const mb = (bytes: number) => {
  const value = bytes / (1024 * 1024);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
};

export const fileTooLarge = (limitBytes: number) =>
  new ServiceError('file_too_large', `文件过大，请压缩或拆分后再上传（上限 ${mb(limitBytes)} MB）`);
export const applicationFilesTooLarge = (limitBytes: number) =>
  new ServiceError('application_files_too_large', `该申报的材料总量超过限制，请删除不需要的文件后再上传（上限 ${mb(limitBytes)} MB）`);
export const emptyFile = () => new ServiceError('file_empty', '文件为空（0 字节），请检查后重新选择文件上传');
export const damagedFile = () => new ServiceError('file_damaged', '文件不完整或已损坏（无法作为 PDF 打开），请重新导出或扫描后再上传');
export const unsupportedFileType = () =>
  new ServiceError('unsupported_file_type', '仅支持 PDF、Word（DOCX）、Excel（XLSX）、JPEG、PNG 文件');

function requireActor(ctx: ServiceContext) {
  if (!ctx.actor) throw new ServiceError('unauthenticated', '请先登录');
  return ctx.actor;
}

export function presentFile(ctx: ServiceContext, row: FileRow, app: ApplicationFacts): FileView {
  return {
    id: row.id,
    applicationId: row.applicationId!,
    purpose: row.purpose as FilePurpose,
    itemCode: row.itemCode,
    originalName: row.originalName,
    size: row.size,
    mimeType: row.mimeType,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    // Whoever sees the list may see the application, and so may download (ARCHITECTURE habit 4).
    abilities: { download: true, delete: filePolicy.delete(ctx.actor, app, row).ok },
  };
}
export type { FileView };

/** Bytes of the application's files still attached (soft-deleted ones no longer count). */
async function usedBytes(db: DbOrTx, applicationId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | number | null>`sum(${files.size})` })
    .from(files)
    .where(and(eq(files.applicationId, applicationId), isNull(files.deletedAt), applicationOwn));
  return Number(row?.total ?? 0);
}

/** Keeps the name the user chose (Chinese included) minus what could confuse a file system or a header. */
export function cleanFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    .trim();
  const chars = [...cleaned];
  if (chars.length === 0) return '未命名文件';
  if (chars.length <= 200) return cleaned;
  // Too long: keep the extension, which tells the user what the file is.
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, 200 - [...ext].length).join('') + ext;
}

export interface UploadInput {
  applicationId: string;
  purpose: FilePurpose;
  itemCode?: string | null;
  filename: string;
  stream: AsyncIterable<Buffer | string>;
  /** Set by the multipart parser when it cut the file at its own size limit. */
  truncated?: () => boolean;
}

/**
 * Stores an uploaded file for an application. Order matters for crash safety and for the
 * database's time:
 * 1. check access and the policy before reading any bytes;
 * 2. receive into a temp file (hash, size limit, type by content, fsync);
 * 3. place the bytes under their hash (rename, directory fsyncs) — before any transaction;
 * 4. in one transaction of SQL alone: lock the application row (parallel uploads queue
 *    here), re-check the policy and the application's total, insert the row and its audit;
 * 5. settle: release the placement's claim, and when nothing committed remove the content
 *    unless another row or placement needs it. A crash between 3 and 4 leaves only an
 *    unreferenced file, which sweepFileStore removes once older than CONTENT_GRACE_MS.
 */
export async function uploadApplicationFile(ctx: ServiceContext, input: UploadInput): Promise<FileView> {
  const actor = requireActor(ctx);
  const { fileBytes, applicationBytes } = ctx.config.limits;
  // One read transaction: on PostgreSQL one wait for a pooled connection, not one per query.
  const maxBytes = await inReadTransaction(ctx, async (tctx) => {
    const { facts } = await loadVisibleApplication(tctx, input.applicationId);
    ensure(filePolicy.upload(actor, facts, input.purpose));
    // Unlocked early estimate, only to stop reading sooner; the locked check below decides.
    const budget = applicationBytes - (await usedBytes(tctx.tx, input.applicationId));
    if (budget <= 0) throw applicationFilesTooLarge(applicationBytes);
    return Math.min(fileBytes, budget);
  });

  const store = fileStoreFor(ctx.config.dataDir);
  let received: ReceivedFile;
  try {
    received = await store.receive(input.stream, { maxBytes, truncated: input.truncated });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw maxBytes === fileBytes ? fileTooLarge(fileBytes) : applicationFilesTooLarge(applicationBytes);
    if (error instanceof EmptyFileError) throw emptyFile();
    if (error instanceof DamagedFileError) throw damagedFile();
    if (error instanceof UnsupportedFileTypeError) throw unsupportedFileType();
    throw error;
  }
  const placed = await placeOrDiscard(store, received);

  let committed = false;
  try {
    const { row, lockedFacts } = await inTransaction(ctx, async (tctx) => {
      const { facts: lockedFacts } = await loadVisibleApplication(tctx, input.applicationId, { forUpdate: true });
      ensure(filePolicy.upload(actor, lockedFacts, input.purpose));
      if ((await usedBytes(tctx.tx, input.applicationId)) + placed.size > applicationBytes) {
        throw applicationFilesTooLarge(applicationBytes);
      }
      await lockPlacedContent(tctx.tx, store, placed);
      const [row] = await tctx.tx
        .insert(files)
        .values({
          sha256: placed.sha256,
          size: placed.size,
          mimeType: placed.mimeType,
          originalName: cleanFileName(input.filename),
          purpose: input.purpose,
          itemCode: input.itemCode ?? null,
          applicationId: input.applicationId,
          uploadedBy: actor.userId,
          createdAt: ctx.now(),
        })
        .returning();
      await recordAudit(tctx, { action: 'file.upload', entityType: 'file', entityId: row.id, after: auditSummary(row) });
      return { row, lockedFacts };
    });
    committed = true;
    return presentFile(ctx, row, lockedFacts);
  } finally {
    await settlePlacement(ctx.db, store, placed, committed);
  }
}

/** Places received bytes under their hash; if that fails, the temp file goes too. */
export async function placeOrDiscard(store: FileStore, received: ReceivedFile): Promise<PlacedFile> {
  try {
    return await store.place(received);
  } catch (error) {
    await store.discard(received).catch(() => undefined);
    throw error;
  }
}

const auditSummary = (row: FileRow) => ({
  applicationId: row.applicationId,
  purpose: row.purpose,
  itemCode: row.itemCode,
  originalName: row.originalName,
  size: row.size,
  mimeType: row.mimeType,
  sha256: row.sha256,
});

export async function listApplicationFiles(ctx: ServiceContext, applicationId: string): Promise<{ items: FileView[] }> {
  requireActor(ctx);
  const { facts } = await loadVisibleApplication(ctx, applicationId);
  const rows = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.applicationId, applicationId), isNull(files.deletedAt), applicationOwn))
    .orderBy(asc(files.createdAt), asc(files.id));
  return { items: rows.map((row) => presentFile(ctx, row, facts)) };
}

/** An application one may not see hides its files: say "file not found", not "application". */
function asFileNotFound(error: unknown): never {
  if (error instanceof ServiceError && error.status === 404) throw notFound('文件');
  throw error;
}

/** A live (not deleted) application file, or a 404 that does not say which it was. */
async function loadAttachedFile(db: DbOrTx, fileId: string): Promise<FileRow & { applicationId: string }> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), isNull(files.deletedAt), isNotNull(files.applicationId), applicationOwn));
  if (!row) throw notFound('文件');
  return row as FileRow & { applicationId: string };
}

/**
 * Opens a file for download by someone who may view its application. The read is logged
 * (who, when, which request) and committed before any byte is sent; the content is opened
 * and checked against its sha256 first, so a log entry never records a read that could not
 * happen and damaged bytes are never sent.
 */
export async function openFileForRead(ctx: ServiceContext, fileId: string): Promise<{ file: FileView; stream: ReadStream }> {
  const actor = requireActor(ctx);
  const row = await loadAttachedFile(ctx.db, fileId);
  const { facts } = await loadVisibleApplication(ctx, row.applicationId).catch(asFileNotFound);
  const stream = await fileStoreFor(ctx.config.dataDir)
    .openVerified(row.sha256, row.size)
    .catch(async (error: unknown) => {
      if (!(error instanceof StoredContentError)) throw error;
      await reportDamagedFile(ctx, row, error.problem).catch(() => undefined);
      throw damagedFileError(error.problem);
    });
  try {
    await ctx.db.insert(fileReads).values({ fileId: row.id, userId: actor.userId, requestId: ctx.requestId, at: ctx.now() });
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { file: presentFile(ctx, row, facts), stream };
}

/** Withdraws a file from the application. The row and bytes stay: reads and audit refer to them. */
export async function deleteApplicationFile(ctx: ServiceContext, fileId: string): Promise<void> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tctx) => {
    const row = await loadAttachedFile(tctx.tx, fileId);
    // Lock the application like uploads do, so a submission cannot race the deletion.
    const { facts } = await loadVisibleApplication(tctx, row.applicationId, { forUpdate: true }).catch(asFileNotFound);
    ensure(filePolicy.delete(actor, facts, row));
    const deletedAt = ctx.now();
    const updated = await tctx.tx
      .update(files)
      .set({ deletedAt })
      .where(and(eq(files.id, fileId), isNull(files.deletedAt)))
      .returning({ id: files.id });
    if (updated.length === 0) throw notFound('文件');
    await recordAudit(tctx, { action: 'file.delete', entityType: 'file', entityId: fileId, before: auditSummary(row), after: { deletedAt } });
  });
}
