import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DecisionRequest } from '../../contract/actions.js';
import { applications, decisionItems, decisions, editions, ruleProfiles } from '../../db/schema/index.js';
import { LIST_OUTCOMES, type DecisionKind } from '../../domain/lifecycle/decisions.js';
import type { ApplicationState } from '../../domain/lifecycle/states.js';
import { decisionSettings, KIND_OF } from '../../domain/profile/decision-settings.js';
import type { ApplicantKind } from '../../domain/profile/schema.js';
import { validateList, type ListEntry } from '../../domain/quotas/index.js';
import type { TxContext } from '../context.js';
import { ServiceError, type FieldError } from '../errors.js';
import { lockEditionLists } from './quota-locks.js';

/** An item names a category exactly when its outcome places it on a list. */
export function categoryProblems(kind: DecisionKind, input: DecisionRequest): FieldError[] {
  const listing = LIST_OUTCOMES[kind] ?? [];
  return input.items.flatMap((item, i) => {
    const needs = listing.includes(item.outcome);
    if (needs && !item.category) return [{ field: `items.${i}.category`, message: '请选择列入的奖项类别（市长质量奖或提名奖）' }];
    if (!needs && item.category) return [{ field: `items.${i}.category`, message: '该结果不列入名单，不应填写奖项类别' }];
    return [];
  });
}

/** Where the applications a list decision already placed stand, per kind: they count with the new items. */
const STANDING: Partial<Record<DecisionKind, ApplicationState[]>> = {
  candidate_list: ['candidate', 'proposed', 'leadership_approved', 'public_notice', 'government_approved', 'awarded', 'nominated'],
  committee_resolution: ['proposed'],
  leadership_approval: ['leadership_approved', 'public_notice'],
  government_decision: ['government_approved', 'awarded', 'nominated'],
};

/**
 * Refuses a list decision whose list, with what stands already, breaks the profile's limits:
 * the candidate list's size per kind (profile.decision.candidateLimit), and for the committee,
 * the leadership and the government the quotas of Art. 2 ("at most"; places may stay empty).
 */
export async function checkListLimits(tctx: TxContext, editionId: string, kind: DecisionKind, input: DecisionRequest): Promise<void> {
  const standingStates = STANDING[kind];
  if (!standingStates && kind !== 'notice_confirmation') return;
  // Counted and filled under the edition's list lock: concurrent decisions cannot both take the last place.
  await lockEditionLists(tctx.tx, editionId);
  const [{ profile }] = await tctx.tx.select({ profile: ruleProfiles.rules }).from(editions).innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId)).where(eq(editions.id, editionId));
  const ids = input.items.map((i) => i.applicationId);
  const named = await tctx.tx.select({ id: applications.id, kind: applications.kind }).from(applications).where(and(eq(applications.editionId, editionId), inArray(applications.id, ids)));
  const kindOf = new Map(named.map((a) => [a.id, a.kind as ApplicantKind]));
  const standing = standingStates
    ? await tctx.tx
        .select({ id: applications.id, kind: applications.kind })
        .from(applications)
        .where(and(eq(applications.editionId, editionId), inArray(applications.state, standingStates), notInArray(applications.id, ids)))
    : [];

  if (kind === 'candidate_list') {
    const limit = decisionSettings(profile).candidateLimit;
    for (const k of ['unit', 'individual'] as const) {
      const total = standing.filter((a) => a.kind === k).length + input.items.filter((i) => i.outcome === 'candidate' && kindOf.get(i.applicationId) === k).length;
      if (total > limit[k]) throw new ServiceError('quota_exceeded', `建议候选名单的${KIND_OF[k]}至多 ${limit[k]} 个，名单中有 ${total} 个`, [{ field: 'items', message: `${KIND_OF[k]}超出 ${total - limit[k]} 个` }]);
    }
    return;
  }

  const entries: ListEntry[] = input.items.flatMap((i) => {
    const category = kind === 'government_decision' ? i.outcome : i.category;
    const k = kindOf.get(i.applicationId);
    return (category === 'award' || category === 'nomination') && k ? [{ applicationId: i.applicationId, kind: k, category }] : [];
  });
  for (const a of standing) {
    const category = await standingCategory(tctx, a.id, kind);
    if (category) entries.push({ applicationId: a.id, kind: a.kind as ApplicantKind, category });
  }
  const check = validateList(entries, profile.quotas);
  if (!check.ok) throw new ServiceError('quota_exceeded', check.breaches.map((b) => b.message).join('；') || '名单中有重复的申报', check.breaches.map((b) => ({ field: 'items', message: b.message })));
}

/** The category the newest decision of `kind` gave a standing application. */
async function standingCategory(tctx: TxContext, applicationId: string, kind: DecisionKind): Promise<'award' | 'nomination' | null> {
  const [row] = await tctx.tx
    .select({ outcome: decisionItems.outcome, category: decisionItems.category })
    .from(decisionItems)
    .innerJoin(decisions, eq(decisions.id, decisionItems.decisionId))
    .where(and(eq(decisionItems.applicationId, applicationId), eq(decisions.kind, kind)))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  const category = kind === 'government_decision' ? row?.outcome : row?.category;
  return category === 'award' || category === 'nomination' ? category : null;
}
