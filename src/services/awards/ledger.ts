import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { awardItemRecord, awardItemRecovery, EditionAwards, MyAwards, prizePaymentRecord, usageReportSubmit, WinnerAwards } from '../../contract/awards.js';
import { applications, awardItems, files, prizePayments, prizeUsageReports, ruleProfiles, editions, winners } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { decisionSettings, type AwardItemKind } from '../../domain/profile/decision-settings.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { conflict, invalid, isUniqueViolation, ServiceError } from '../errors.js';
import { loadEdition } from '../technical/actors.js';
import { loadWinnerFor, requireAwardReader, requireOffice, requireSignedIn } from './access.js';
import { feedbackApplications, releasedFeedbackOf } from './feedback.js';
import { itemsDue, presentWinners } from './winner-view.js';

type WinnerRow = typeof winners.$inferSelect;

async function presentOne(ctx: ServiceContext | TxContext, winner: WinnerRow): Promise<WinnerAwards> {
  const db = 'tx' in ctx ? ctx.tx : ctx.db;
  const { profile } = await loadEdition(db, winner.editionId!);
  const [view] = await presentWinners(db, [winner], () => profile, shanghaiToday(ctx.now()), ctx.config);
  return view;
}

/** The office's view of an edition's winners: certificates, items, money and usage (overdue flagged). */
export async function editionAwards(ctx: ServiceContext, editionId: string): Promise<EditionAwards> {
  requireAwardReader(ctx);
  const { edition, profile } = await loadEdition(ctx.db, editionId);
  const rows = await ctx.db.select().from(winners).where(eq(winners.editionId, editionId)).orderBy(winners.category, winners.kind, winners.createdAt);
  return {
    editionId,
    editionName: edition.name,
    usageReportMonths: decisionSettings(profile).usageReportMonths,
    feedbackReleasedAt: edition.feedbackReleasedAt?.toISOString() ?? null,
    winners: await presentWinners(ctx.db, rows, () => profile, shanghaiToday(ctx.now()), ctx.config),
    feedback: await feedbackApplications(ctx.db, editionId),
  };
}

/** The office records an item handed over (Art. 19); one record per winner and kind. */
export async function recordAwardItem(ctx: ServiceContext, winnerId: string, input: z.infer<typeof awardItemRecord>): Promise<WinnerAwards> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const { winner } = await loadWinnerFor(tctx, tctx.tx, winnerId);
    const { profile } = await loadEdition(tctx.tx, winner.editionId!);
    if (!itemsDue(profile, winner).includes(input.kind)) throw invalid([{ field: 'kind', message: '按规则该获奖者不颁发此项奖励' }]);
    if (winner.revokedAt) throw conflict('wrong_stage', '奖项已撤销，不能再颁发');
    try {
      await tctx.tx.insert(awardItems).values({ winnerId, kind: input.kind, issuedOn: input.issuedOn, receivedBy: input.receivedBy, note: input.note ?? null, recordedBy: tctx.actor!.userId, createdAt: tctx.now() });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('already_decided', '该项奖励已登记颁发');
      throw error;
    }
    await recordAudit(tctx, { action: 'award.item', entityType: 'winner', entityId: winnerId, after: { kind: input.kind, issuedOn: input.issuedOn, receivedBy: input.receivedBy } });
    return presentOne(tctx, winner);
  });
}

/** The office records an item taken back (Art. 28–29). */
export async function recoverAwardItem(ctx: ServiceContext, winnerId: string, kind: AwardItemKind, input: z.infer<typeof awardItemRecovery>): Promise<WinnerAwards> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const { winner } = await loadWinnerFor(tctx, tctx.tx, winnerId);
    const [item] = await tctx.tx.select().from(awardItems).where(and(eq(awardItems.winnerId, winnerId), eq(awardItems.kind, kind))).for('update');
    if (!item) throw conflict('wrong_stage', '该项奖励尚未颁发，无从收回');
    if (item.recoveredOn) throw conflict('already_decided', '该项奖励已登记收回');
    if (input.recoveredOn < item.issuedOn) throw invalid([{ field: 'recoveredOn', message: '收回日期不能早于颁发日期' }]);
    await tctx.tx.update(awardItems).set({ recoveredOn: input.recoveredOn }).where(eq(awardItems.id, item.id));
    await recordAudit(tctx, { action: 'award.item', entityType: 'winner', entityId: winnerId, before: { kind, recoveredOn: null }, after: { kind, recoveredOn: input.recoveredOn } });
    return presentOne(tctx, winner);
  });
}

/** The office records a disbursement (or, negative, money recovered). */
export async function recordPayment(ctx: ServiceContext, winnerId: string, input: z.infer<typeof prizePaymentRecord>): Promise<WinnerAwards> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const { winner } = await loadWinnerFor(tctx, tctx.tx, winnerId);
    if (input.amountFen > 0 && winner.revokedAt) throw conflict('wrong_stage', '奖项已撤销，不能再拨付奖金');
    const [row] = await tctx.tx.insert(prizePayments).values({ winnerId, amountFen: input.amountFen, paidOn: input.paidOn, reference: input.reference, recordedBy: tctx.actor!.userId, createdAt: tctx.now() }).returning();
    await recordAudit(tctx, { action: 'prize.payment', entityType: 'winner', entityId: winnerId, after: { payment: row.id, amountFen: row.amountFen, paidOn: row.paidOn, reference: row.reference } });
    return presentOne(tctx, winner);
  });
}

/** The winner reports how the money was used (Art. 21); files are ones already in the store for its application. */
export async function submitUsageReport(ctx: ServiceContext, winnerId: string, input: z.infer<typeof usageReportSubmit>): Promise<WinnerAwards> {
  requireSignedIn(ctx);
  return inTransaction(ctx, async (tctx) => {
    const { winner, isOwner } = await loadWinnerFor(tctx, tctx.tx, winnerId);
    if (!isOwner) throw new ServiceError('not_owner', '只有获奖者本人可以报告奖金使用情况');
    const fileIds = [...new Set(input.fileIds)];
    if (fileIds.length > 0) {
      const found = await tctx.tx.select({ id: files.id }).from(files).where(and(inArray(files.id, fileIds), eq(files.applicationId, winner.applicationId!), isNull(files.deletedAt)));
      const missing = fileIds.findIndex((id) => !found.some((f) => f.id === id));
      if (missing >= 0) throw invalid([{ field: `fileIds.${missing}`, message: '附件不存在或不属于本申报' }]);
    }
    const [row] = await tctx.tx.insert(prizeUsageReports).values({ winnerId, lines: input.lines, fileIds, reportedBy: tctx.actor!.userId, reportedAt: tctx.now() }).returning();
    const totalFen = input.lines.reduce((sum, l) => sum + l.amountFen, 0);
    await recordAudit(tctx, { action: 'prize.usage', entityType: 'winner', entityId: winnerId, after: { report: row.id, lines: input.lines.length, totalFen } });
    return presentOne(tctx, winner);
  });
}

/** The applicant's own winners and the feedback reports released to it. */
export async function myAwards(ctx: ServiceContext): Promise<MyAwards> {
  const actor = requireSignedIn(ctx);
  const mine = await ctx.db
    .select({ winner: winners, profile: ruleProfiles.rules })
    .from(winners)
    .innerJoin(applications, eq(applications.id, winners.applicationId))
    .innerJoin(editions, eq(editions.id, winners.editionId))
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(applications.applicantUserId, actor.userId));
  const profiles = new Map<string, RuleProfile>(mine.map((r) => [r.winner.id, r.profile]));
  const views = await presentWinners(ctx.db, mine.map((r) => r.winner), (w) => profiles.get(w.id)!, shanghaiToday(ctx.now()), ctx.config);
  return { winners: views, feedback: await releasedFeedbackOf(ctx.db, actor.userId) };
}
