import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { NOTICE_CATEGORY_LABELS, type PublicArchive, type PublicEditionWinners } from '../../contract/notice.js';
import type { PublicNotice, PublicWinner } from '../../contract/public.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, editions, publicNotices, winners } from '../../db/schema/index.js';
import type { ServiceContext } from '../context.js';
import { notFound } from '../errors.js';

/** The public results (Art. 18–19, 28): winners of editions whose results are published, revoked awards shown as revoked. */

type EditionRow = typeof editions.$inferSelect;

/** An award is revoked when its winner row says so or the procedure revoked the application. */
async function winnersOf(db: DbOrTx, published: EditionRow[]): Promise<Map<string, PublicWinner[]>> {
  const byEdition = new Map<string, PublicWinner[]>(published.map((e) => [e.id, []]));
  if (!published.length) return byEdition;
  const rows = await db
    .select({ winner: winners, appState: applications.state })
    .from(winners)
    .leftJoin(applications, eq(applications.id, winners.applicationId))
    .where(inArray(winners.editionId, published.map((e) => e.id)))
    .orderBy(asc(winners.category), asc(winners.name), asc(winners.id));
  const names = new Map(published.map((e) => [e.id, e.name]));
  for (const { winner, appState } of rows) {
    byEdition.get(winner.editionId!)!.push({
      id: winner.id,
      name: winner.name,
      category: NOTICE_CATEGORY_LABELS[winner.category as keyof typeof NOTICE_CATEGORY_LABELS] ?? winner.category,
      editionName: names.get(winner.editionId!) ?? '',
      revoked: winner.revokedAt !== null || appState === 'revoked',
    });
  }
  return byEdition;
}

const present = (e: EditionRow, list: PublicWinner[]): PublicEditionWinners => ({
  editionId: e.id,
  editionName: e.name,
  number: e.number,
  year: e.year,
  resultsPublishedAt: e.resultsPublishedAt!.toISOString(),
  winners: list,
});

export async function publicEditionWinners(ctx: ServiceContext, editionId: string): Promise<PublicEditionWinners> {
  const [edition] = await ctx.db.select().from(editions).where(and(eq(editions.id, editionId), isNotNull(editions.resultsPublishedAt)));
  if (!edition) throw notFound('获奖名单');
  return present(edition, (await winnersOf(ctx.db, [edition])).get(edition.id)!);
}

/** Every edition with published results, newest first, with its winners. */
export async function publicArchive(ctx: ServiceContext): Promise<PublicArchive> {
  const published = await ctx.db.select().from(editions).where(isNotNull(editions.resultsPublishedAt)).orderBy(desc(editions.year), desc(editions.number), desc(editions.resultsPublishedAt));
  const byEdition = await winnersOf(ctx.db, published);
  return { editions: published.map((e) => present(e, byEdition.get(e.id)!)) };
}

/** For the public home: notices of editions whose results are not yet published (newest first), and the latest winners. */
export async function homeNoticesAndWinners(db: DbOrTx): Promise<{ notices: PublicNotice[]; winners: PublicWinner[] }> {
  const notices = await db
    .select({ id: publicNotices.id, title: publicNotices.title, startsOn: publicNotices.startsOn, endsOn: publicNotices.endsOn })
    .from(publicNotices)
    .innerJoin(editions, eq(editions.id, publicNotices.editionId))
    .where(isNull(editions.resultsPublishedAt))
    .orderBy(desc(publicNotices.startsOn))
    .limit(5);
  const [latest] = await db.select().from(editions).where(isNotNull(editions.resultsPublishedAt)).orderBy(desc(editions.year), desc(editions.number)).limit(1);
  const list = latest ? (await winnersOf(db, [latest])).get(latest.id)! : [];
  return { notices, winners: list };
}
