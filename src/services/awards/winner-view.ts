import { asc, eq, inArray } from 'drizzle-orm';
import type { WinnerAwards } from '../../contract/awards.js';
import type { DbOrTx } from '../../db/connection.js';
import { awardItems, certificates, prizePayments, prizeUsageReports, winners } from '../../db/schema/index.js';
import { prizeLabelOf } from '../../domain/awards/labels.js';
import { usageSummary, yuanToFen } from '../../domain/awards/prize-money.js';
import { AWARD_ITEM_LABELS, decisionSettings, type AwardItemKind } from '../../domain/profile/decision-settings.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import type { AppConfig } from '../../config.js';
import { verifyPathOf } from './certificates.js';

type WinnerRow = typeof winners.$inferSelect;

/** The items this winner receives under the profile (Art. 19), by category and applicant kind. */
export function itemsDue(profile: RuleProfile, winner: Pick<WinnerRow, 'category' | 'kind'>): AwardItemKind[] {
  const perCategory = decisionSettings(profile).awardItems[winner.category === 'nomination' ? 'nomination' : 'award'];
  return perCategory[winner.kind === 'individual' ? 'individual' : 'unit'];
}

/** The prize money due to this winner, in fen (0 when the profile sets none for its type). */
export function moneyDueFen(profile: RuleProfile, winner: Pick<WinnerRow, 'prizeType'>): number {
  const yuan = winner.prizeType ? decisionSettings(profile).prizeMoney[winner.prizeType] : undefined;
  return yuan ? yuanToFen(yuan) : 0;
}

/** Winners with their certificate, items, payments and usage reports, in the contract's shape. */
export async function presentWinners(db: DbOrTx, rows: WinnerRow[], profileOf: (winner: WinnerRow) => RuleProfile, today: string, config: Pick<AppConfig, 'publicBaseUrl'>): Promise<WinnerAwards[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((w) => w.id);
  // One after the other: `db` may be a transaction, whose one PostgreSQL client must not be
  // handed a query while another is running (pg warns, and a later pg refuses it).
  const certs = await db.select().from(certificates).where(inArray(certificates.winnerId, ids));
  const items = await db.select().from(awardItems).where(inArray(awardItems.winnerId, ids));
  const payments = await db.select().from(prizePayments).where(inArray(prizePayments.winnerId, ids)).orderBy(asc(prizePayments.paidOn), asc(prizePayments.createdAt));
  const reports = await db.select().from(prizeUsageReports).where(inArray(prizeUsageReports.winnerId, ids)).orderBy(asc(prizeUsageReports.reportedAt));
  return rows.map((winner) => {
    const profile = profileOf(winner);
    const cert = certs.find((c) => c.winnerId === winner.id);
    const mine = items.filter((i) => i.winnerId === winner.id);
    const due = itemsDue(profile, winner);
    const kinds = [...due, ...mine.map((i) => i.kind as AwardItemKind).filter((k) => !due.includes(k))];
    const paid = payments.filter((p) => p.winnerId === winner.id);
    const reported = reports.filter((r) => r.winnerId === winner.id);
    const reportedFen = reported.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.amountFen, 0), 0);
    const summary = usageSummary({ payments: paid, reportedFen, usageReportMonths: decisionSettings(profile).usageReportMonths, today });
    return {
      winnerId: winner.id,
      applicationId: winner.applicationId,
      name: winner.name,
      kind: winner.kind,
      category: winner.category,
      awardLabel: prizeLabelOf(profile, winner.prizeType, winner.category),
      revokedAt: winner.revokedAt?.toISOString() ?? null,
      certificate: cert ? { serial: cert.serial, issuedOn: cert.issuedOn, verifyPath: verifyPathOf(cert.serial), verifyUrl: `${config.publicBaseUrl}${verifyPathOf(cert.serial)}` } : null,
      items: kinds.map((kind) => {
        const row = mine.find((i) => i.kind === kind);
        return { kind, label: AWARD_ITEM_LABELS[kind], issuedOn: row?.issuedOn ?? null, receivedBy: row?.receivedBy ?? null, recoveredOn: row?.recoveredOn ?? null };
      }),
      money: { dueFen: moneyDueFen(profile, winner), ...summary },
      payments: paid.map((p) => ({ id: p.id, amountFen: p.amountFen, paidOn: p.paidOn, reference: p.reference })),
      reports: reported.map((r) => ({ id: r.id, reportedAt: r.reportedAt.toISOString(), lines: r.lines, fileIds: r.fileIds })),
    };
  });
}

export async function winnerById(db: DbOrTx, winnerId: string): Promise<WinnerRow | undefined> {
  const [row] = await db.select().from(winners).where(eq(winners.id, winnerId));
  return row;
}
