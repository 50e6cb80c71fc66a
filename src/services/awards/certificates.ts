import { and, count, desc, eq } from 'drizzle-orm';
import type { CertificateVerification } from '../../contract/awards.js';
import type { DbOrTx } from '../../db/connection.js';
import { applicationHistory, applications, certificates, editions, ruleProfiles, winners } from '../../db/schema/index.js';
import { issuingBodyOf, prizeLabelOf } from '../../domain/awards/labels.js';
import { signSerial, verifySerial, type CertificateCategory } from '../../domain/awards/serial.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { certificatePrefixOf } from '../../domain/profile/decision-settings.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { recordAudit } from '../audit/record.js';
import type { ServiceContext, TxContext } from '../context.js';
import { notFound } from '../errors.js';
import { renderCertificatePdf } from '../reports/certificate-pdf.js';
import { loadWinnerFor } from './access.js';
import { certificateKey } from './certificate-key.js';

export type CertificateRow = typeof certificates.$inferSelect;
type WinnerRow = typeof winners.$inferSelect;

/** The public verification page of a serial (server-rendered, outside /api). */
export const verifyPathOf = (serial: string) => `/verify/${encodeURIComponent(serial)}`;

/**
 * Issues the winner's certificate in the caller's transaction (the one that records the
 * winner). The edition row is locked so two winners published at once never take the same
 * number. Idempotent per winner.
 */
export async function issueCertificate(tctx: TxContext, winner: WinnerRow): Promise<CertificateRow> {
  const [existing] = await tctx.tx.select().from(certificates).where(eq(certificates.winnerId, winner.id));
  if (existing) return existing;
  if (!winner.editionId) throw new Error('winner without an edition cannot receive a certificate');
  const [edition] = await tctx.tx.select({ year: editions.year, profileId: editions.profileId }).from(editions).where(eq(editions.id, winner.editionId)).for('update');
  const [profile] = await tctx.tx.select({ rules: ruleProfiles.rules }).from(ruleProfiles).where(eq(ruleProfiles.id, edition.profileId));
  const [{ issued }] = await tctx.tx
    .select({ issued: count() })
    .from(certificates)
    .innerJoin(winners, eq(winners.id, certificates.winnerId))
    .where(and(eq(winners.editionId, winner.editionId), eq(winners.category, winner.category)));
  const serial = signSerial(certificateKey(tctx.config), { prefix: certificatePrefixOf(profile.rules as RuleProfile), year: edition.year, category: winner.category as CertificateCategory, sequence: Number(issued) + 1 });
  const [row] = await tctx.tx.insert(certificates).values({ winnerId: winner.id, serial, issuedOn: shanghaiToday(tctx.now()), createdAt: tctx.now() }).returning();
  await recordAudit(tctx, { action: 'certificate.issue', entityType: 'winner', entityId: winner.id, after: { serial, issuedOn: row.issuedOn } });
  return row;
}

/** The winner's certificate serial and the path of its public verification page (for the demo). */
export async function certificateFor(db: DbOrTx, winnerId: string): Promise<{ serial: string; verifyPath: string } | null> {
  const [row] = await db.select({ serial: certificates.serial }).from(certificates).where(eq(certificates.winnerId, winnerId));
  return row ? { serial: row.serial, verifyPath: verifyPathOf(row.serial) } : null;
}

export interface CertificateFacts {
  certificate: CertificateRow;
  winner: WinnerRow;
  editionName: string;
  /** The prize type's label of the profile (e.g. 临沂市市长质量奖). */
  awardLabel: string;
  issuingBody: string;
  applicantUserId: string | null;
  /** The award was revoked: winners.revokedAt is set, or the application stepped to 'revoked'. */
  revoked: boolean;
  /** When (winners.revokedAt, else the application's step to 'revoked'); null if unknown. */
  revokedAt: Date | null;
}

/** Everything the page, the JSON answer and the PDF say about one certificate. */
export async function certificateFacts(db: DbOrTx, where: { serial: string } | { winnerId: string }): Promise<CertificateFacts | null> {
  const [row] = await db
    .select({ certificate: certificates, winner: winners, editionName: editions.name, profile: ruleProfiles.rules, applicantUserId: applications.applicantUserId, state: applications.state })
    .from(certificates)
    .innerJoin(winners, eq(winners.id, certificates.winnerId))
    .innerJoin(editions, eq(editions.id, winners.editionId))
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .leftJoin(applications, eq(applications.id, winners.applicationId))
    .where('serial' in where ? eq(certificates.serial, where.serial) : eq(certificates.winnerId, where.winnerId));
  if (!row) return null;
  let revokedAt = row.winner.revokedAt;
  if (!revokedAt && row.state === 'revoked' && row.winner.applicationId) {
    const [step] = await db
      .select({ at: applicationHistory.at })
      .from(applicationHistory)
      .where(and(eq(applicationHistory.applicationId, row.winner.applicationId), eq(applicationHistory.toState, 'revoked')))
      .orderBy(desc(applicationHistory.at))
      .limit(1);
    revokedAt = step?.at ?? null;
  }
  return {
    certificate: row.certificate,
    winner: row.winner,
    editionName: row.editionName,
    awardLabel: prizeLabelOf(row.profile, row.winner.prizeType, row.winner.category),
    issuingBody: issuingBodyOf(row.profile),
    applicantUserId: row.applicantUserId,
    revoked: revokedAt !== null || row.state === 'revoked',
    revokedAt,
  };
}

/**
 * Looks a serial up for the public. The signature is checked first, in constant time: a
 * made-up or altered serial never reaches the database, so probing it teaches nothing.
 */
export async function findCertificateBySerial(ctx: Pick<ServiceContext, 'db' | 'config'>, serial: string): Promise<CertificateFacts | null> {
  if (!verifySerial(certificateKey(ctx.config), serial)) return null;
  return certificateFacts(ctx.db, { serial });
}

/** The public verdict on a serial: only what the certificate itself shows, or nothing at all. */
export async function verifyCertificate(ctx: Pick<ServiceContext, 'db' | 'config'>, serial: string): Promise<CertificateVerification> {
  const facts = await findCertificateBySerial(ctx, serial);
  if (!facts) return { status: 'not_found', awardLabel: null, editionName: null, winnerName: null, issuedOn: null, revokedOn: null };
  return {
    status: facts.revoked ? 'revoked' : 'valid',
    awardLabel: facts.awardLabel,
    editionName: facts.editionName,
    winnerName: facts.winner.name,
    issuedOn: facts.certificate.issuedOn,
    revokedOn: facts.revokedAt ? shanghaiToday(facts.revokedAt) : null,
  };
}

/** The certificate's PDF for the winner itself or the office, leadership and government. */
export async function certificatePdf(ctx: ServiceContext, winnerId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  await loadWinnerFor(ctx, ctx.db, winnerId);
  const facts = await certificateFacts(ctx.db, { winnerId });
  if (!facts) throw notFound('证书');
  const { serial, issuedOn } = facts.certificate;
  const bytes = await renderCertificatePdf({
    awardLabel: facts.awardLabel,
    editionName: facts.editionName,
    winnerName: facts.winner.name,
    serial,
    issuedOn,
    issuingBody: facts.issuingBody,
    verifyUrl: `${ctx.config.publicBaseUrl}${verifyPathOf(serial)}`,
  });
  return { filename: `${facts.winner.name}${facts.awardLabel}证书.pdf`, bytes };
}
