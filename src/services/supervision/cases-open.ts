import type { ReadStream } from 'node:fs';
import { and, eq, isNull, like, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { addEvidenceRequest, CaseDetail, OpenCaseRequest } from '../../contract/supervision.js';
import { applications, editions, fileReads, files, panelAssignments, supervisionCases, winners } from '../../db/schema/index.js';
import { revocationGround } from '../../domain/profile/supervision-settings.js';
import { mayOpenCase } from '../../domain/supervision/steps.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { invalid, notFound, ServiceError, type FieldError } from '../errors.js';
import { cleanFileName, emptyFile, fileTooLarge, placeOrDiscard } from '../files/files.js';
import { damagedFileError } from '../files/integrity.js';
import { MIME } from '../files/sniff.js';
import { DamagedFileError, EmptyFileError, fileStoreFor, FileTooLargeError, StoredContentError, UnsupportedFileTypeError, type ReceivedFile } from '../files/store.js';
import { lockPlacedContent, settlePlacement } from '../files/sweep.js';
import { loadEdition } from '../technical/actors.js';
import { caseFactsOf, isInProcedure, isWinnerState, loadCase, presentCase, requireCaseReader, requireStep } from './cases-read.js';

/** Opening a case (Art. 25–29), its evidence files: uploaded first (purpose case_evidence, no application), then named. */

export const CASE_EVIDENCE = 'case_evidence';
const EVIDENCE_TYPES: readonly string[] = [MIME.pdf, MIME.jpeg, MIME.png];
const unsupportedEvidence = () => new ServiceError('unsupported_file_type', '证据材料仅支持 PDF、JPEG、PNG 文件');
/** Any constant of this use: with the year, the advisory lock under which a case reference's serial is taken. */
const CASE_REFERENCE_LOCK = 726354113;

function requireOpener(ctx: Pick<ServiceContext, 'actor'>, kind: OpenCaseRequest['kind']): string {
  const verdict = mayOpenCase(ctx.actor, kind);
  if (!verdict.allowed) throw new ServiceError(verdict.code, verdict.reason);
  return ctx.actor!.userId;
}

/** Stores one evidence file for a case to come; only the office and the committee report. */
export async function uploadCaseFile(ctx: ServiceContext, input: { filename: string; stream: AsyncIterable<Buffer | string>; truncated?: () => boolean }): Promise<{ id: string; name: string; size: number; uploadedAt: string }> {
  const userId = requireOpener(ctx, 'applicant');
  const store = fileStoreFor(ctx.config.dataDir);
  const maxBytes = ctx.config.limits.fileBytes;
  let received: ReceivedFile;
  try {
    received = await store.receive(input.stream, { maxBytes, truncated: input.truncated });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw fileTooLarge(maxBytes);
    if (error instanceof EmptyFileError) throw emptyFile();
    if (error instanceof DamagedFileError) throw new ServiceError('file_damaged', 'PDF 文件不完整或已损坏，请重新选择');
    if (error instanceof UnsupportedFileTypeError) throw unsupportedEvidence();
    throw error;
  }
  if (!EVIDENCE_TYPES.includes(received.mimeType)) {
    await store.discard(received);
    throw unsupportedEvidence();
  }
  // Placed before the transaction, which then holds the database for its SQL alone (files.ts).
  const placed = await placeOrDiscard(store, received);
  let committed = false;
  try {
    const row = await inTransaction(ctx, async (tctx) => {
      await lockPlacedContent(tctx.tx, store, placed);
      const [row] = await tctx.tx
        .insert(files)
        .values({ sha256: placed.sha256, size: placed.size, mimeType: placed.mimeType, originalName: cleanFileName(input.filename), purpose: CASE_EVIDENCE, applicationId: null, uploadedBy: userId, createdAt: tctx.now() })
        .returning();
      await recordAudit(tctx, { action: 'file.upload', entityType: 'file', entityId: row.id, after: { purpose: CASE_EVIDENCE, originalName: row.originalName, size: row.size, mimeType: row.mimeType, sha256: row.sha256 } });
      return row;
    });
    committed = true;
    return { id: row.id, name: row.originalName, size: row.size, uploadedAt: row.createdAt.toISOString() };
  } finally {
    await settlePlacement(ctx.db, store, placed, committed);
  }
}

/**
 * The files a case may name: case evidence the caller uploaded, not yet named by any case
 * (another's upload or another case's evidence would leak through it).
 */
async function checkEvidence(tctx: TxContext, fileIds: readonly string[], field: string): Promise<string[]> {
  const ids = [...new Set(fileIds)];
  const problems: FieldError[] = [];
  for (const [i, id] of ids.entries()) {
    const [row] = await tctx.tx
      .select({ id: files.id })
      .from(files)
      .where(and(eq(files.id, id), eq(files.purpose, CASE_EVIDENCE), eq(files.uploadedBy, tctx.actor!.userId), isNull(files.deletedAt)));
    const [named] = row ? await tctx.tx.select({ id: supervisionCases.id }).from(supervisionCases).where(sql`${id}::uuid = ANY(${supervisionCases.fileIds})`).limit(1) : [undefined];
    if (!row) problems.push({ field: `${field}.${i}`, message: '文件不存在，或不是本人上传的案件证据材料' });
    else if (named) problems.push({ field: `${field}.${i}`, message: '该文件已作为其他案件的证据' });
  }
  if (problems.length) throw invalid(problems);
  return ids;
}

async function nextReference(tctx: TxContext, year: number): Promise<string> {
  // References are numbered per year across editions: openings of one year take turns here.
  await tctx.tx.execute(sql`SELECT pg_advisory_xact_lock(${CASE_REFERENCE_LOCK}::int, ${year}::int)`);
  const taken = await tctx.tx.select({ reference: supervisionCases.reference }).from(supervisionCases).where(like(supervisionCases.reference, `JD-${year}-%`));
  const serial = taken.reduce((max, t) => Math.max(max, Number(t.reference.split('-')[2]) || 0), 0) + 1;
  return `JD-${year}-${String(serial).padStart(4, '0')}`;
}

/** What the case names, checked against the edition: the application (and its winner), the expert, or the staff member. */
async function subjectOf(tctx: TxContext, input: OpenCaseRequest) {
  const { profile } = await loadEdition(tctx.tx, input.editionId);
  const subject = { applicationId: null as string | null, winnerId: null as string | null, expertId: null as string | null, groundCode: null as string | null, groundArticle: null as string | null };
  if (input.kind === 'revocation' || input.kind === 'applicant') {
    const [app] = await tctx.tx.select().from(applications).where(and(eq(applications.id, input.applicationId!), eq(applications.editionId, input.editionId))).for('update');
    if (!app) throw invalid([{ field: 'applicationId', message: '本届次中没有该申报' }]);
    const [winner] = await tctx.tx.select().from(winners).where(and(eq(winners.applicationId, app.id), isNull(winners.revokedAt)));
    const standing = isWinnerState(app.state) && winner !== undefined;
    if (input.kind === 'revocation' && !standing) throw invalid([{ field: 'applicationId', message: '只能对已获奖（或获提名奖）且未被撤销的申报立案撤销' }]);
    if (input.kind === 'applicant' && !standing && !isInProcedure(app.state)) throw invalid([{ field: 'applicationId', message: '该申报不在评审程序中，也未获奖' }]);
    if (input.groundCode !== undefined) {
      const ground = revocationGround(profile, app.kind, input.groundCode);
      if (!ground) throw invalid([{ field: 'groundCode', message: `撤销情形不在${app.kind === 'unit' ? '单位' : '个人'}的撤销情形清单中` }]);
      Object.assign(subject, { groundCode: ground.code, groundArticle: ground.article });
    }
    Object.assign(subject, { applicationId: app.id, winnerId: standing ? winner.id : null });
    if (input.kind === 'revocation') {
      const [open] = await tctx.tx
        .select({ reference: supervisionCases.reference })
        .from(supervisionCases)
        .where(and(eq(supervisionCases.winnerId, winner.id), eq(supervisionCases.kind, 'revocation'), ne(supervisionCases.status, 'closed')));
      if (open) throw new ServiceError('already_decided', `该获奖者已有未结的撤销案件（${open.reference}）`, [{ field: 'applicationId', message: '已有未结的撤销案件' }]);
    }
  }
  if (input.kind === 'expert') {
    const [assigned] = await tctx.tx.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.editionId, input.editionId), eq(panelAssignments.expertId, input.expertId!))).limit(1);
    if (!assigned) throw invalid([{ field: 'expertId', message: '该专家未参加本届次评审' }]);
    subject.expertId = input.expertId!;
  }
  return subject;
}

/** Opens a case (立案) or files a report: the office any kind, the committee applicant, expert and staff (Art. 25–26). */
export async function openCase(ctx: ServiceContext, input: OpenCaseRequest): Promise<CaseDetail> {
  const userId = requireOpener(ctx, input.kind);
  const id = await inTransaction(ctx, async (tctx) => {
    const subject = await subjectOf(tctx, input);
    const fileIds = await checkEvidence(tctx, input.fileIds, 'fileIds');
    const [edition] = await tctx.tx.select({ year: editions.year }).from(editions).where(eq(editions.id, input.editionId));
    const [row] = await tctx.tx
      .insert(supervisionCases)
      .values({
        editionId: input.editionId,
        reference: await nextReference(tctx, edition.year),
        kind: input.kind,
        ...subject,
        staffName: input.kind === 'staff' ? input.staffName! : null,
        staffUnit: input.kind === 'staff' ? input.staffUnit! : null,
        facts: input.facts,
        fileIds,
        reportedBy: userId,
        openedAt: tctx.now(),
      })
      .returning();
    await recordAudit(tctx, { action: 'case.open', entityType: 'supervision_case', entityId: row.id, after: { reference: row.reference, kind: row.kind, ...subject, staffName: row.staffName, staffUnit: row.staffUnit, fileIds } });
    return row.id;
  });
  return presentCase(ctx, await loadCase(ctx.db, id));
}

/** The office adds evidence while the case is open to it. */
export async function addEvidence(ctx: ServiceContext, caseId: string, input: z.infer<typeof addEvidenceRequest>): Promise<CaseDetail> {
  requireCaseReader(ctx);
  await inTransaction(ctx, async (tctx) => {
    const row = await loadCase(tctx.tx, caseId, true);
    requireStep(tctx, 'addEvidence', await caseFactsOf(tctx.tx, row));
    const added = (await checkEvidence(tctx, input.fileIds, 'fileIds')).filter((id) => !row.fileIds.includes(id));
    const fileIds = [...row.fileIds, ...added];
    if (fileIds.length > 50) throw invalid([{ field: 'fileIds', message: '一个案件的证据材料最多 50 个文件' }]);
    await tctx.tx.update(supervisionCases).set({ fileIds }).where(eq(supervisionCases.id, caseId));
    await recordAudit(tctx, { action: 'case.evidence', entityType: 'supervision_case', entityId: caseId, before: { fileIds: row.fileIds }, after: { fileIds, note: input.note ?? null } });
  });
  return presentCase(ctx, await loadCase(ctx.db, caseId));
}

/** One evidence file of a case for its readers; the read is logged before a byte is sent. */
export async function openCaseFile(ctx: ServiceContext, caseId: string, fileId: string): Promise<{ name: string; mimeType: string; size: number; stream: ReadStream }> {
  requireCaseReader(ctx);
  const row = await loadCase(ctx.db, caseId);
  if (!row.fileIds.includes(fileId)) throw notFound('文件');
  const [file] = await ctx.db.select().from(files).where(and(eq(files.id, fileId), eq(files.purpose, CASE_EVIDENCE)));
  if (!file) throw notFound('文件');
  const stream = await fileStoreFor(ctx.config.dataDir)
    .openVerified(file.sha256, file.size)
    .catch((error: unknown) => {
      if (error instanceof StoredContentError) throw damagedFileError(error.problem);
      throw error;
    });
  try {
    await ctx.db.insert(fileReads).values({ fileId: file.id, userId: ctx.actor!.userId, requestId: ctx.requestId, at: ctx.now() });
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { name: file.originalName, mimeType: file.mimeType, size: file.size, stream };
}
