import type { ApplicantKind, RuleProfile } from '../profile/schema.js';

/** The two outcome categories a list can place an application in. */
export type ListCategory = 'award' | 'nomination';

export interface ListEntry {
  applicationId: string;
  kind: ApplicantKind;
  category: ListCategory;
}

export type EditionQuotas = RuleProfile['quotas'];

export interface QuotaBreach {
  category: ListCategory;
  kind: ApplicantKind;
  limit: number;
  actual: number;
  message: string;
}

export interface DuplicateEntry {
  applicationId: string;
  count: number;
  message: string;
}

export interface ListValidation {
  ok: boolean;
  breaches: QuotaBreach[];
  duplicates: DuplicateEntry[];
}

const CATEGORY_LABELS: Record<ListCategory, string> = { award: '市长质量奖', nomination: '提名奖' };
const KIND_LABELS: Record<ApplicantKind, { noun: string; unit: string }> = {
  unit: { noun: '单位', unit: '家' },
  individual: { noun: '个人', unit: '名' },
};

/**
 * Art. 2 quotas with "at most" semantics (places may stay empty): returns every
 * category × kind over its limit, and every application listed more than once.
 * Applies to the candidate, proposed and final lists alike.
 */
export function validateList(list: readonly ListEntry[], quotas: EditionQuotas): ListValidation {
  const breaches: QuotaBreach[] = [];
  for (const category of ['award', 'nomination'] as const) {
    for (const kind of ['unit', 'individual'] as const) {
      const limit = quotas[category][kind];
      const actual = list.filter((e) => e.category === category && e.kind === kind).length;
      if (actual > limit) {
        const k = KIND_LABELS[kind];
        breaches.push({
          category,
          kind,
          limit,
          actual,
          message: `${CATEGORY_LABELS[category]}${k.noun}名额至多 ${limit} ${k.unit}，名单中有 ${actual} ${k.unit}，超出 ${actual - limit} ${k.unit}`,
        });
      }
    }
  }
  const counts = new Map<string, number>();
  for (const e of list) counts.set(e.applicationId, (counts.get(e.applicationId) ?? 0) + 1);
  const duplicates: DuplicateEntry[] = [...counts]
    .filter(([, count]) => count > 1)
    .map(([applicationId, count]) => ({
      applicationId,
      count,
      message: `申报 ${applicationId} 在名单中出现 ${count} 次，同一申报只能列入一次`,
    }));
  return { ok: breaches.length === 0 && duplicates.length === 0, breaches, duplicates };
}
