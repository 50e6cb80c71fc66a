import { sql } from 'drizzle-orm';
import { DECISION_KINDS, type DecisionKind } from '../../domain/lifecycle/decisions.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { validateList, type ListCategory, type ListEntry } from '../../domain/quotas/index.js';
import { defineCheck, rowsOf, type Violation } from './types.js';

/**
 * Art. 2 quotas ("at most", per category and applicant kind, from the edition's profile) hold for
 * what was published — the awarded and nominated applications of an edition, revoked ones
 * counted in the category they were given — and for every list a decision made.
 */

type Entry = ListEntry & { editionId: string };

function breaches(entries: Entry[], quotas: Map<string, RuleProfile['quotas']>, groupOf: (e: Entry) => string) {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) groups.set(groupOf(e), [...(groups.get(groupOf(e)) ?? []), e]);
  return [...groups].flatMap(([group, list]) => {
    const q = quotas.get(list[0].editionId);
    return q ? validateList(list, q).breaches.map((b) => ({ group, editionId: list[0].editionId, message: b.message })) : [];
  });
}

async function editionQuotas(db: Parameters<typeof rowsOf>[0]): Promise<Map<string, RuleProfile['quotas']>> {
  const rows = await rowsOf<{ id: string; rules: RuleProfile }>(db, sql`SELECT e.id, p.rules FROM editions e JOIN rule_profiles p ON p.id = e.profile_id`);
  return new Map(rows.map((r) => [r.id, r.rules.quotas]));
}

export const publishedOverQuota = defineCheck('quotas.published', '每届获奖和提名的单位、个人数不得超过规则配置的名额', async ({ db }, found) => {
  const rows = await rowsOf<{ id: string; edition_id: string; kind: 'unit' | 'individual'; category: ListCategory | null }>(
    db,
    sql`SELECT a.id, a.edition_id, a.kind,
               CASE a.state WHEN 'awarded' THEN 'award' WHEN 'nominated' THEN 'nomination' ELSE w.category END AS category
        FROM applications a LEFT JOIN winners w ON w.application_id = a.id
        WHERE a.state IN ('awarded', 'nominated', 'revoked')`,
  );
  const entries = rows.filter((r) => r.category === 'award' || r.category === 'nomination').map((r): Entry => ({ applicationId: r.id, editionId: r.edition_id, kind: r.kind, category: r.category! }));
  return breaches(entries, await editionQuotas(db), (e) => e.editionId).map((b) => found('edition', { edition: b.editionId }, `本届公布的名单超出名额：${b.message}`));
});

/** The outcomes of each kind of decision that place an application on a list, and in which category. */
const LISTED: Partial<Record<DecisionKind, (outcome: string, category: string | null) => ListCategory | null>> = {
  committee_resolution: (o, c) => (o === 'proposed' ? (c as ListCategory) : null),
  leadership_approval: (o, c) => (o === 'approved' ? (c as ListCategory) : null),
  notice_confirmation: (o, c) => (o === 'confirmed' ? (c as ListCategory) : null),
  government_decision: (o) => (o === 'award' || o === 'nomination' ? o : null),
};

export const decisionOverQuota = defineCheck('quotas.decision-list', '每项决定形成的名单不得超过规则配置的名额', async ({ db }, found) => {
  const kinds = Object.keys(LISTED);
  const rows = await rowsOf<{ decision_id: string; decision_kind: DecisionKind; edition_id: string; application_id: string; kind: 'unit' | 'individual'; outcome: string; category: string | null }>(
    db,
    sql`SELECT d.id AS decision_id, d.kind AS decision_kind, d.edition_id, i.application_id, a.kind, i.outcome, i.category
        FROM decisions d JOIN decision_items i ON i.decision_id = d.id JOIN applications a ON a.id = i.application_id
        WHERE d.kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`,
  );
  const kindOf = new Map(rows.map((r) => [r.decision_id, r.decision_kind]));
  const entries = rows.flatMap((r): Array<Entry & { decisionId: string }> => {
    const category = LISTED[r.decision_kind]?.(r.outcome, r.category);
    return category === 'award' || category === 'nomination' ? [{ applicationId: r.application_id, editionId: r.edition_id, kind: r.kind, category, decisionId: r.decision_id }] : [];
  });
  const out: Violation[] = [];
  for (const b of breaches(entries, await editionQuotas(db), (e) => (e as Entry & { decisionId: string }).decisionId)) {
    out.push(found('decision', { decision: b.group, edition: b.editionId }, `“${DECISION_KINDS[kindOf.get(b.group)!].label}”决定的名单超出名额：${b.message}`));
  }
  return out;
});

export const QUOTA_CHECKS = [publishedOverQuota, decisionOverQuota];
