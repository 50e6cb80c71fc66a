import type { ReadStream } from 'node:fs';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { OBJECTION_MAX_FILES, objectionFields, type ObjectionList, type ObjectionReceipt, type ObjectionStatus, type ObjectionView, type RulingRequest } from '../../contract/notice.js';
import { findHostileText } from '../../contract/text.js';
import { applications, editions, fileReads, files, objections, publicNoticeItems, publicNotices } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/index.js';
import { nextObjectionSerial, objectionReference, withinNotice } from '../../domain/publication/objections.js';
import { applyDecision } from '../applications/decisions.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, notFound, ServiceError } from '../errors.js';
import { cleanFileName, emptyFile, fileTooLarge, placeOrDiscard } from '../files/files.js';
import { damagedFileError } from '../files/integrity.js';
import { MIME } from '../files/sniff.js';
import { DamagedFileError, EmptyFileError, fileStoreFor, FileTooLargeError, StoredContentError, UnsupportedFileTypeError, type PlacedFile, type ReceivedFile } from '../files/store.js';
import { lockPlacedContent, settlePlacement } from '../files/sweep.js';
import { hitRateLimit, type RateLimit } from '../rate-limit.js';
import { noticeOfEdition, requireOffice } from './notice.js';

/** Objections to the notice (Art. 17): filed by anyone during the period, investigated and ruled on by the office. */

/** Generous for a family or an office behind one address, tight enough to stop a flood. */
export const OBJECTIONS_PER_ADDRESS: RateLimit = { name: 'objection', max: 10, windowMs: 60 * 60_000, message: '提交异议过于频繁，请稍后再试' };
/** Any constant of this use: with the year, the advisory lock under which a reference's serial is taken. */
const OBJECTION_REFERENCE_LOCK = 726354017;
const EVIDENCE_TYPES: readonly string[] = [MIME.pdf, MIME.jpeg, MIME.png];
const unsupportedEvidence = () => new ServiceError('unsupported_file_type', '证明材料仅支持 PDF、JPEG、PNG 文件');

/** One part of the multipart form, as the route hands it over (a file's stream must be read before the next part). */
export type ObjectionPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; filename: string; stream: AsyncIterable<Buffer | string>; truncated: () => boolean };

function refuseOutsidePeriod(now: Date, notice: { startsOn: string; endsOn: string }): void {
  const when = withinNotice(shanghaiToday(now), notice);
  if (when === 'before') throw new ServiceError('deadline_passed', `公示期自 ${notice.startsOn} 开始，开始前不受理异议`);
  if (when === 'after') throw new ServiceError('deadline_passed', `公示期已于 ${notice.endsOn} 结束，不再受理异议`);
}

/**
 * Files an objection. Cheap refusals first (rate limit, period), then the evidence is received
 * into temp files (type by content, size limit) and placed under their hash (durable), then in
 * one transaction of SQL alone the candidate is checked and the file rows and the objection
 * inserted with a fresh reference. Whatever the refusal, no temp file or orphan content stays.
 */
export async function fileObjection(ctx: ServiceContext, noticeId: string, client: string, parts: AsyncIterable<ObjectionPart>): Promise<ObjectionReceipt> {
  await hitRateLimit(ctx.db, OBJECTIONS_PER_ADDRESS, client, ctx.now());
  const [notice] = await ctx.db.select().from(publicNotices).where(eq(publicNotices.id, noticeId));
  if (!notice) throw notFound('公示');
  refuseOutsidePeriod(ctx.now(), notice);

  const store = fileStoreFor(ctx.config.dataDir);
  const fields: Record<string, string> = {};
  const received: Array<{ file: ReceivedFile; name: string }> = [];
  const placed: Array<{ file: PlacedFile; name: string }> = [];
  let committed = false;
  try {
    for await (const part of parts) {
      if (part.kind === 'field') {
        fields[part.name] = part.value;
        continue;
      }
      if (received.length >= OBJECTION_MAX_FILES) throw new ServiceError('too_many_parts', `证明材料最多 ${OBJECTION_MAX_FILES} 个文件`);
      received.push({ file: await receiveEvidence(ctx, part), name: cleanFileName(part.filename) });
    }
    const hostile = findHostileText(fields, 'fields');
    if (hostile.length) throw invalid(hostile);
    const parsed = objectionFields.safeParse(fields);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const input = parsed.data;
    // Placed before the transaction, which then holds the database for its SQL alone (files.ts).
    while (received.length) {
      const { file, name } = received[0];
      placed.push({ file: await placeOrDiscard(store, file), name });
      received.shift();
    }

    const receipt = await inTransaction(ctx, async (tctx) => {
      // Serialises filings on the notice: the reference's serial is taken under this lock.
      const [locked] = await tctx.tx.select().from(publicNotices).where(eq(publicNotices.id, noticeId)).for('update');
      refuseOutsidePeriod(tctx.now(), locked);
      const [item] = await tctx.tx.select().from(publicNoticeItems).where(and(eq(publicNoticeItems.noticeId, noticeId), eq(publicNoticeItems.applicationId, input.applicationId)));
      if (!item || item.removedAt) throw invalid([{ field: 'applicationId', message: '异议对象不在本次公示名单中' }]);
      const [edition] = await tctx.tx.select({ year: editions.year }).from(editions).where(eq(editions.id, locked.editionId));
      // References are numbered per year, across editions: two notices of one year take turns here.
      await tctx.tx.execute(sql`SELECT pg_advisory_xact_lock(${OBJECTION_REFERENCE_LOCK}::int, ${edition.year}::int)`);
      const taken = await tctx.tx.select({ reference: objections.reference }).from(objections).where(like(objections.reference, `YY-${edition.year}-%`));
      const serial = nextObjectionSerial(edition.year, taken.map((t) => t.reference));

      const fileIds: string[] = [];
      for (const { file, name } of placed) {
        await lockPlacedContent(tctx.tx, store, file);
        const [row] = await tctx.tx
          .insert(files)
          .values({ sha256: file.sha256, size: file.size, mimeType: file.mimeType, originalName: name, purpose: 'objection_evidence', applicationId: input.applicationId, uploadedBy: null, createdAt: tctx.now() })
          .returning({ id: files.id });
        fileIds.push(row.id);
      }
      const filedAt = tctx.now();
      const [objection] = await tctx.tx
        .insert(objections)
        .values({
          noticeId,
          applicationId: input.applicationId,
          reference: objectionReference(edition.year, serial),
          filerName: input.name,
          filerPhone: input.phone,
          filerEmail: input.email || null,
          filerOrganisation: input.organisation || null,
          content: input.content,
          fileIds,
          filedAt,
        })
        .returning();
      // The filer's contact stays in the objection row only: the audit names the case, not the person.
      await recordAudit(tctx, { action: 'objection.file', entityType: 'objection', entityId: objection.id, after: { reference: objection.reference, noticeId, applicationId: input.applicationId, fileIds } });
      return { reference: objection.reference, filedAt: filedAt.toISOString() };
    });
    committed = true;
    return receipt;
  } finally {
    for (const { file } of received) await store.discard(file).catch(() => undefined);
    for (const { file } of placed) await settlePlacement(ctx.db, store, file, committed);
  }
}

async function receiveEvidence(ctx: ServiceContext, part: Extract<ObjectionPart, { kind: 'file' }>): Promise<ReceivedFile> {
  const store = fileStoreFor(ctx.config.dataDir);
  const maxBytes = ctx.config.limits.fileBytes;
  let file: ReceivedFile;
  try {
    file = await store.receive(part.stream, { maxBytes, truncated: part.truncated });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw fileTooLarge(maxBytes);
    if (error instanceof EmptyFileError) throw emptyFile();
    if (error instanceof DamagedFileError || error instanceof UnsupportedFileTypeError) throw error instanceof DamagedFileError ? new ServiceError('file_damaged', 'PDF 文件不完整或已损坏，请重新选择') : unsupportedEvidence();
    throw error;
  }
  if (!EVIDENCE_TYPES.includes(file.mimeType)) {
    await store.discard(file);
    throw unsupportedEvidence();
  }
  return file;
}

async function objectionsOfEdition(ctx: ServiceContext, editionId: string, objectionId?: string): Promise<ObjectionView[]> {
  const notice = await noticeOfEdition(ctx.db, editionId);
  if (!notice) return [];
  const rows = await ctx.db
    .select({ objection: objections, applicationName: applications.name })
    .from(objections)
    .innerJoin(applications, eq(applications.id, objections.applicationId))
    .where(and(eq(objections.noticeId, notice.id), objectionId ? eq(objections.id, objectionId) : undefined))
    .orderBy(asc(objections.filedAt), asc(objections.reference));
  const fileIds = rows.flatMap((r) => r.objection.fileIds);
  const evidence = fileIds.length ? await ctx.db.select().from(files).where(inArray(files.id, fileIds)) : [];
  return rows.map(({ objection: o, applicationName }) => ({
    id: o.id,
    reference: o.reference,
    applicationId: o.applicationId,
    applicationName,
    filerName: o.filerName,
    filerPhone: o.filerPhone,
    filerEmail: o.filerEmail,
    filerOrganisation: o.filerOrganisation,
    content: o.content,
    filedAt: o.filedAt.toISOString(),
    status: o.status as ObjectionStatus,
    investigation: o.investigation,
    ruling: o.ruling,
    ruledAt: o.ruledAt?.toISOString() ?? null,
    files: o.fileIds.flatMap((id) => evidence.filter((f) => f.id === id).map((f) => ({ id: f.id, originalName: f.originalName, size: f.size, mimeType: f.mimeType }))),
  }));
}

/** The office's list of objections with their evidence; the filers' contacts and the evidence are never public. */
export async function listObjections(ctx: ServiceContext, editionId: string): Promise<ObjectionList> {
  requireOffice(ctx);
  return { items: await objectionsOfEdition(ctx, editionId) };
}

async function oneObjection(ctx: ServiceContext, editionId: string, objectionId: string): Promise<ObjectionView> {
  const [view] = await objectionsOfEdition(ctx, editionId, objectionId);
  if (!view) throw notFound('异议');
  return view;
}

/** The office's notes of its investigation, kept until it rules. */
export async function recordInvestigation(ctx: ServiceContext, editionId: string, objectionId: string, investigation: string): Promise<ObjectionView> {
  requireOffice(ctx);
  const before = await oneObjection(ctx, editionId, objectionId);
  if (before.status !== 'open') throw new ServiceError('wrong_stage', '该异议已作出处理决定，调查记录不能再修改');
  await inTransaction(ctx, async (tctx) => {
    await tctx.tx.update(objections).set({ investigation }).where(and(eq(objections.id, objectionId), eq(objections.status, 'open')));
    await recordAudit(tctx, { action: 'objection.investigate', entityType: 'objection', entityId: objectionId, before: { investigation: before.investigation }, after: { investigation } });
  });
  return oneObjection(ctx, editionId, objectionId);
}

/**
 * Rules on an objection. Upheld: in the same transaction the candidate leaves the notice's list
 * and the procedure takes it off (decision objection_ruling, 'removed'); the government's
 * decision then waits until the leadership decides on the list again (guard listReconfirmed).
 */
export async function ruleObjection(ctx: ServiceContext, editionId: string, objectionId: string, input: RulingRequest): Promise<ObjectionView> {
  requireOffice(ctx);
  await oneObjection(ctx, editionId, objectionId);
  await inTransaction(ctx, async (tctx) => {
    const [objection] = await tctx.tx.select().from(objections).where(eq(objections.id, objectionId)).for('update');
    if (objection.status !== 'open') throw new ServiceError('wrong_stage', '该异议已作出处理决定');
    const now = tctx.now();
    await tctx.tx.update(objections).set({ status: input.outcome, ruling: input.reason, ruledBy: tctx.actor!.userId, ruledAt: now }).where(eq(objections.id, objectionId));
    if (input.outcome === 'upheld') {
      const removed = await tctx.tx
        .update(publicNoticeItems)
        .set({ removedAt: now, removedReason: input.reason })
        .where(and(eq(publicNoticeItems.noticeId, objection.noticeId), eq(publicNoticeItems.applicationId, objection.applicationId)))
        .returning({ removedAt: publicNoticeItems.removedAt });
      // A second upheld objection against a candidate already taken off changes nothing more.
      const [app] = await tctx.tx.select({ state: applications.state }).from(applications).where(eq(applications.id, objection.applicationId));
      if (removed.length && app.state === 'public_notice') {
        await applyDecision(tctx, editionId, { kind: 'objection_ruling', decidedOn: input.decidedOn ?? shanghaiToday(now), items: [{ applicationId: objection.applicationId, outcome: 'removed', reason: `公示异议成立（${objection.reference}）：${input.reason}` }] });
      }
    }
    await recordAudit(tctx, { action: 'objection.rule', entityType: 'objection', entityId: objectionId, before: { status: 'open' }, after: { status: input.outcome, reason: input.reason, applicationId: objection.applicationId } });
  });
  return oneObjection(ctx, editionId, objectionId);
}

/** Opens one evidence file of an objection for the office; the read is logged before a byte is sent. */
export async function openObjectionEvidence(ctx: ServiceContext, editionId: string, objectionId: string, fileId: string): Promise<{ name: string; mimeType: string; size: number; stream: ReadStream }> {
  requireOffice(ctx);
  const view = await oneObjection(ctx, editionId, objectionId);
  if (!view.files.some((f) => f.id === fileId)) throw notFound('文件');
  const [row] = await ctx.db.select().from(files).where(and(eq(files.id, fileId), eq(files.purpose, 'objection_evidence')));
  if (!row) throw notFound('文件');
  const stream = await fileStoreFor(ctx.config.dataDir)
    .openVerified(row.sha256, row.size)
    .catch((error: unknown) => {
      if (error instanceof StoredContentError) throw damagedFileError(error.problem);
      throw error;
    });
  try {
    await ctx.db.insert(fileReads).values({ fileId: row.id, userId: ctx.actor!.userId, requestId: ctx.requestId, at: ctx.now() });
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { name: row.originalName, mimeType: row.mimeType, size: row.size, stream };
}
