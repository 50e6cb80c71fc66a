import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Edition, EditionList } from '../contract/editions.js';
import type { DbOrTx } from '../db/connection.js';
import { editions, ruleProfiles } from '../db/schema/index.js';
import { scheduleProblems, type Schedule } from '../domain/edition-schedule.js';
import { abilities } from '../domain/policies/decision.js';
import { editionCollectionPolicy, editionPolicy, type EditionFacts, type EditionStatus } from '../domain/policies/editions.js';
import { profileValidOn } from '../domain/profile/schema.js';
import { shanghaiToday as shanghaiDate } from '../domain/calendar/dates.js';
import { recordAudit } from './audit/record.js';
import { handleOf, inTransaction, type ServiceContext, type TxContext } from './context.js';
import { advanceEditionPhase, phaseView } from './edition-phases.js';
import { conflict, ensure, invalid, isUniqueViolation, notFound, ServiceError } from './errors.js';

type EditionRow = typeof editions.$inferSelect;
type ProfileRow = typeof ruleProfiles.$inferSelect;

const facts = (row: EditionRow): EditionFacts => ({ status: row.status as EditionStatus, hasSchedule: row.schedule !== null });

export async function presentEdition(ctx: ServiceContext | TxContext, row: EditionRow, profile: Pick<ProfileRow, 'name'>): Promise<Edition> {
  return {
    ...(await phaseView(ctx, row)),
    id: row.id,
    profileId: row.profileId,
    profileName: profile.name,
    number: row.number,
    year: row.year,
    name: row.name,
    status: row.status as EditionStatus,
    opensOn: row.opensOn,
    schedule: row.schedule,
    callText: row.callText,
    callPublishedAt: row.callPublishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    abilities: abilities(editionPolicy, ctx.actor, facts(row), ['update', 'setSchedule', 'publishCall', 'close']),
  };
}

const withProfile = (ctx: ServiceContext | TxContext) =>
  handleOf(ctx)
    .select({ edition: editions, profile: ruleProfiles })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId));

/** The edition currently open for applications, with its profile (at most one per award). */
export async function findOpenEdition(db: DbOrTx) {
  const [row] = await db
    .select({ edition: editions, profile: ruleProfiles })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(editions.status, 'open'))
    .orderBy(desc(editions.number))
    .limit(1);
  return row ?? null;
}

export async function listEditions(ctx: ServiceContext): Promise<EditionList> {
  const canSeeDrafts = editionPolicy.view(ctx.actor, { status: 'draft', hasSchedule: false }).ok;
  const rows = await withProfile(ctx)
    .where(canSeeDrafts ? undefined : ne(editions.status, 'draft'))
    .orderBy(desc(editions.number));
  return {
    items: await Promise.all(rows.map((r) => presentEdition(ctx, r.edition, r.profile))),
    abilities: { create: editionCollectionPolicy.create(ctx.actor, null).ok },
  };
}

async function loadVisible(ctx: ServiceContext | TxContext, id: string, forUpdate = false) {
  const query = withProfile(ctx).where(eq(editions.id, id));
  const [row] = forUpdate ? await query.for('update', { of: editions }) : await query;
  if (!row || !editionPolicy.view(ctx.actor, facts(row.edition)).ok) throw notFound('届次');
  return row;
}

export async function getEdition(ctx: ServiceContext, id: string): Promise<Edition> {
  const row = await loadVisible(ctx, id);
  return presentEdition(ctx, row.edition, row.profile);
}

export interface NewEdition {
  profileId: string;
  number: number;
  year: number;
  name: string;
  opensOn: string;
}

function profileNotValid(profile: ProfileRow, day: string, field: string) {
  return new ServiceError(
    'profile_not_valid',
    `规则版本《${profile.name}》的有效期为 ${profile.validFrom} 至 ${profile.validTo}，${day} 不在有效期内，不能据此开启届次`,
    [{ field, message: `${day} 不在所选规则版本的有效期内` }],
  );
}

const DEFAULT_AWARD = 'mayor-quality-award';

/**
 * 每两年1届 (Art. 2). Only editions that actually ran (open or closed) of the same award count:
 * a draft is the office's plan, so a never-opened draft for a far year blocks nothing. The rule is
 * checked when a draft is entered and again when its call is published (drafts may have been
 * entered in any order): its year keeps the cycle from the last edition that ran, and its number
 * follows that edition's. A draft entered by mistake is deleted (deleteEdition).
 */
async function cycleProblems(
  db: DbOrTx,
  award: string,
  profile: ProfileRow,
  edition: { number: number; year: number },
  moment: 'create' | 'publish',
): Promise<Array<{ field: string; message: string }>> {
  const [latest] = await db
    .select({ number: editions.number, year: editions.year })
    .from(editions)
    .where(and(eq(editions.award, award), inArray(editions.status, ['open', 'closed'])))
    .orderBy(desc(editions.number))
    .limit(1);
  if (!latest) return [];
  const cycle = profile.rules.cycleYears;
  const problems: Array<{ field: string; message: string }> = [];
  if (edition.year < latest.year + cycle) {
    problems.push({ field: 'year', message: `按规定每 ${cycle} 年评选一届，上一届（第 ${latest.number} 届）为 ${latest.year} 年，本届年度不得早于 ${latest.year + cycle} 年` });
  }
  const wrongNumber = moment === 'create' ? edition.number <= latest.number : edition.number !== latest.number + 1;
  if (wrongNumber) {
    problems.push({
      field: 'number',
      message: moment === 'create' ? `上一届为第 ${latest.number} 届，届次应大于 ${latest.number}` : `上一届为第 ${latest.number} 届，开启的届次应为第 ${latest.number + 1} 届`,
    });
  }
  return problems;
}

export async function createEdition(ctx: ServiceContext, input: NewEdition): Promise<Edition> {
  ensure(editionCollectionPolicy.create(ctx.actor, null));
  const [profile] = await ctx.db.select().from(ruleProfiles).where(eq(ruleProfiles.id, input.profileId));
  if (!profile) throw invalid([{ field: 'profileId', message: '规则版本不存在' }]);
  if (!profileValidOn(profile, input.opensOn)) throw profileNotValid(profile, input.opensOn, 'opensOn');
  const problems = await cycleProblems(ctx.db, DEFAULT_AWARD, profile, input, 'create');
  if (problems.length) throw invalid(problems);
  try {
    return await inTransaction(ctx, async (tctx) => {
      const [row] = await tctx.tx
        .insert(editions)
        .values({ ...input, status: 'draft', createdBy: ctx.actor?.userId ?? null })
        .returning();
      await recordAudit(tctx, { action: 'edition.create', entityType: 'edition', entityId: row.id, after: row });
      return presentEdition(tctx, row, profile);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'editions_award_number_uq')) {
      throw conflict('edition_number_taken', `第 ${input.number} 届已存在`, [{ field: 'number', message: '该届次已存在' }]);
    }
    throw error;
  }
}

export async function setSchedule(ctx: ServiceContext, id: string, schedule: Schedule): Promise<Edition> {
  return inTransaction(ctx, async (tctx) => {
    const { edition, profile } = await loadVisible(tctx, id, true);
    ensure(editionPolicy.setSchedule(ctx.actor, facts(edition)));
    const problems = scheduleProblems(schedule, edition.opensOn);
    if (problems.length) throw invalid(problems);
    const [after] = await tctx.tx.update(editions).set({ schedule }).where(eq(editions.id, id)).returning();
    await recordAudit(tctx, { action: 'edition.schedule', entityType: 'edition', entityId: id, before: edition.schedule, after: schedule });
    return presentEdition(tctx, after, profile);
  });
}

export async function publishCall(ctx: ServiceContext, id: string, input: { callText: string }): Promise<Edition> {
  try {
    return await inTransaction(ctx, async (tctx) => {
      const { edition, profile } = await loadVisible(tctx, id, true);
      ensure(editionPolicy.publishCall(ctx.actor, facts(edition)));
      const today = shanghaiDate(ctx.now());
      if (!profileValidOn(profile, today)) throw profileNotValid(profile, today, 'callText');
      const problems = await cycleProblems(tctx.tx, edition.award, profile, edition, 'publish');
      if (problems.length) throw invalid(problems, '该届次与已开启的届次不衔接，请删除草稿后重新新建');
      if (edition.schedule && edition.schedule.applicationDeadline < today) {
        throw invalid([{ field: 'applicationDeadline', message: '申报截止日期已过，请先调整日程' }]);
      }
      const [after] = await tctx.tx
        .update(editions)
        .set({ status: 'open', phase: 'intake', callText: input.callText, callPublishedAt: ctx.now() })
        .where(and(eq(editions.id, id), eq(editions.status, 'draft')))
        .returning();
      await recordAudit(tctx, { action: 'edition.publishCall', entityType: 'edition', entityId: id, before: { status: edition.status }, after: { status: 'open', callText: input.callText } });
      return presentEdition(tctx, after, profile);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'editions_one_open_per_award_uq')) {
      throw conflict('edition_already_open', '已有正在进行的届次，同一奖项同时只能开启一届');
    }
    throw error;
  }
}

/** The office deletes a draft edition (never opened, so nothing hangs on it); audited with its content. */
export async function deleteEdition(ctx: ServiceContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tctx) => {
    const { edition } = await loadVisible(tctx, id, true);
    ensure(editionPolicy.update(ctx.actor, facts(edition)));
    await tctx.tx.delete(editions).where(and(eq(editions.id, id), eq(editions.status, 'draft')));
    await recordAudit(tctx, { action: 'edition.delete', entityType: 'edition', entityId: id, before: edition });
  });
}

export async function closeEdition(ctx: ServiceContext, id: string): Promise<Edition> {
  return inTransaction(ctx, async (tctx) => {
    const { edition, profile } = await loadVisible(tctx, id, true);
    ensure(editionPolicy.close(ctx.actor, facts(edition)));
    const [after] = await tctx.tx.update(editions).set({ status: 'closed', phase: 'closed', closedAt: ctx.now() }).where(eq(editions.id, id)).returning();
    await recordAudit(tctx, { action: 'edition.close', entityType: 'edition', entityId: id, before: { status: edition.status }, after: { status: 'closed' } });
    return presentEdition(tctx, after, profile);
  });
}

/** The office moves the edition on to its next phase (edition-phases.ts decides whether it may). */
export async function advancePhase(ctx: ServiceContext, id: string): Promise<Edition> {
  const after = await advanceEditionPhase(ctx, id, async (tctx) => (await loadVisible(tctx, id, true)).edition);
  const { profile } = await loadVisible(ctx, id);
  return presentEdition(ctx, after, profile);
}
