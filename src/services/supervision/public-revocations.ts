import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { PublicRevocation } from '../../contract/supervision.js';
import { decisions, editions, ruleProfiles, supervisionCases, winners } from '../../db/schema/index.js';
import { prizeLabelOf } from '../../domain/awards/labels.js';
import type { ServiceContext } from '../context.js';

/**
 * The public's list of revocations (向社会公告, Art. 28–29): only what was announced, and only
 * what the government decided — never the facts, the evidence or who reported.
 */
export async function publicRevocations(ctx: ServiceContext): Promise<{ items: PublicRevocation[] }> {
  const rows = await ctx.db
    .select({ c: supervisionCases, editionName: editions.name, winner: winners, profile: ruleProfiles.rules, documentNumber: decisions.documentNumber, decidedOn: decisions.decidedOn })
    .from(supervisionCases)
    .innerJoin(editions, eq(editions.id, supervisionCases.editionId))
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .innerJoin(winners, eq(winners.id, supervisionCases.winnerId))
    .leftJoin(decisions, eq(decisions.id, supervisionCases.decisionId))
    .where(and(eq(supervisionCases.outcome, 'revoked'), isNotNull(supervisionCases.announcedOn)))
    .orderBy(desc(supervisionCases.announcedOn), desc(supervisionCases.reference));
  return {
    items: rows.map((r) => ({
      reference: r.c.reference,
      editionName: r.editionName,
      winnerName: r.winner.name,
      awardLabel: prizeLabelOf(r.profile, r.winner.prizeType, r.winner.category),
      groundArticle: r.c.groundArticle,
      documentNumber: r.documentNumber,
      decidedOn: r.decidedOn,
      announcement: r.c.announcement ?? '',
      announcedOn: r.c.announcedOn!,
    })),
  };
}
