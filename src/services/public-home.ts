import { desc } from 'drizzle-orm';
import type { PublicHome } from '../contract/public.js';
import { ruleProfiles } from '../db/schema/index.js';
import type { ServiceContext } from './context.js';
import { findOpenEdition } from './editions.js';
import { homeNoticesAndWinners } from './publication/results.js';

/** What anyone may read without logging in: the current call, notices and winners. */
export async function publicHome(ctx: ServiceContext): Promise<PublicHome> {
  const open = await findOpenEdition(ctx.db);
  const [latestProfile] = open
    ? [open.profile]
    : await ctx.db.select().from(ruleProfiles).orderBy(desc(ruleProfiles.validFrom)).limit(1);
  return {
    awardName: latestProfile?.rules.awardName ?? '市长质量奖',
    currentCall: open
      ? {
          editionId: open.edition.id,
          editionName: open.edition.name,
          number: open.edition.number,
          year: open.edition.year,
          callText: open.edition.callText ?? '',
          callPublishedAt: open.edition.callPublishedAt?.toISOString() ?? null,
          applicationDeadline: open.edition.schedule?.applicationDeadline ?? null,
        }
      : null,
    // The current public notices (公示) and the latest published winners, revoked ones marked.
    ...(await homeNoticesAndWinners(ctx.db)),
  };
}
