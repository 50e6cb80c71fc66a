import type { ScoringTemplate } from '../profile/schema.js';
import { itemScore, itemsOf, scorebookTotals, type ScorebookItems } from './scorebook.js';

/**
 * A panel's scorebooks for one application, brought together (SPEC §5): per item the mean, min,
 * max and spread of the experts' percentages, the totals, the aggregate by the profile's method,
 * and disagreement flags. The raw mean is always reported beside the aggregate, never replaced.
 */

export type AggregationMethod = 'mean' | 'trimmed_mean' | 'leader_consensus';

export interface ExpertScorebook {
  expertId: string;
  items: ScorebookItems;
  /** The scorebook's total as submitted (scorebookTotals(template, items).total). */
  total: number;
}

export interface ConsensusScorebook {
  items: ScorebookItems;
  total: number;
}

export interface DisagreementThresholds {
  /** An item is flagged when max − min of its percentages exceeds this many percentage points. */
  itemSpreadPercent: number;
  /** The application is flagged when max − min of the totals exceeds this many points. */
  totalSpreadPoints: number;
}

export interface AggregateOptions {
  method: AggregationMethod;
  thresholds: DisagreementThresholds;
  /** Scores dropped at each end by the trimmed mean (default 1). */
  trim?: number;
  consensus?: ConsensusScorebook | null;
}

export interface Spread {
  /** How many experts gave a score (unscored items are left out). */
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max − min; 0 with fewer than two scores. */
  spread: number;
}

export interface ItemAggregate extends Spread {
  code: string;
  categoryCode: string;
  points: number;
  /** Mean of the item scores in points (points × mean percent / 100). */
  meanScore: number | null;
  /** The item's percentage in the leader's consensus scorebook, when there is one. */
  consensusPercent: number | null;
  flagged: boolean;
}

export interface PanelAggregate {
  /** The method the profile asked for. */
  method: AggregationMethod;
  /** What was actually computed: a trimmed mean on too few scores falls back to the mean. */
  appliedMethod: AggregationMethod;
  /** Why appliedMethod differs, or why there is no aggregate yet (Chinese, for the screen); null otherwise. */
  note: string | null;
  items: ItemAggregate[];
  /** Statistics of the experts' totals. */
  total: Spread & { flagged: boolean };
  /** Mean of the experts' category scores, for the per-category table and the radar chart. */
  byCategory: Record<string, number | null>;
  /** The plain mean of the experts' totals, always reported. */
  rawMean: number | null;
  /** The score by the method; null for leader_consensus until the consensus exists, or with no scorebooks. */
  aggregate: number | null;
  /** Experts whose totals the trimmed mean left out (lowest first, then highest). */
  dropped: { low: string[]; high: string[] };
  /** True when any item or the total is flagged. */
  disagreement: boolean;
}

function spreadOf(values: number[]): Spread {
  if (values.length === 0) return { count: 0, mean: null, min: null, max: null, spread: 0 };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { count: values.length, mean: mean(values), min, max, spread: max - min };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function aggregatePanel(template: ScoringTemplate, scorebooks: readonly ExpertScorebook[], options: AggregateOptions): PanelAggregate {
  const trim = options.trim ?? 1;
  if (!Number.isInteger(trim) || trim < 0) throw new RangeError(`trim must be a non-negative integer, got ${trim}`);
  const { itemSpreadPercent, totalSpreadPoints } = options.thresholds;
  const consensus = options.consensus ?? null;

  const items: ItemAggregate[] = itemsOf(template).map((item) => {
    const percents = scorebooks.map((b) => b.items[item.code]?.percent).filter((p): p is number => typeof p === 'number');
    const stats = spreadOf(percents);
    return {
      code: item.code,
      categoryCode: item.categoryCode,
      points: item.points,
      ...stats,
      meanScore: stats.mean === null ? null : itemScore(item.points, stats.mean),
      consensusPercent: consensus?.items[item.code]?.percent ?? null,
      flagged: stats.spread > itemSpreadPercent,
    };
  });

  const totalStats = spreadOf(scorebooks.map((b) => b.total));
  const total = { ...totalStats, flagged: totalStats.spread > totalSpreadPoints };

  const categoryScores = scorebooks.map((b) => scorebookTotals(template, b.items).byCategory);
  const byCategory: Record<string, number | null> = {};
  for (const c of template.categories) {
    byCategory[c.code] = categoryScores.length ? mean(categoryScores.map((s) => s[c.code] ?? 0)) : null;
  }

  const rawMean = totalStats.mean;
  let appliedMethod = options.method;
  let note: string | null = null;
  let aggregate: number | null = rawMean;
  const dropped = { low: [] as string[], high: [] as string[] };

  if (options.method === 'trimmed_mean') {
    if (scorebooks.length >= 2 * trim + 1) {
      // Sort by total, ties by expert id, so which scorebook is dropped does not depend on input order.
      const sorted = [...scorebooks].sort((a, b) => a.total - b.total || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
      const kept = sorted.slice(trim, sorted.length - trim);
      dropped.low = sorted.slice(0, trim).map((b) => b.expertId);
      dropped.high = sorted.slice(sorted.length - trim).map((b) => b.expertId);
      aggregate = mean(kept.map((b) => b.total));
    } else {
      appliedMethod = 'mean';
      note = `评分份数（${scorebooks.length}）少于 ${2 * trim + 1} 份，无法去掉最高分和最低分，按算术平均计算`;
    }
  } else if (options.method === 'leader_consensus') {
    aggregate = consensus ? consensus.total : null;
    if (!consensus) note = '组长尚未形成合议评分';
  }
  if (scorebooks.length === 0 && options.method !== 'leader_consensus') note = '尚无专家评分';

  return {
    method: options.method,
    appliedMethod,
    note,
    items,
    total,
    byCategory,
    rawMean,
    aggregate,
    dropped,
    disagreement: total.flagged || items.some((i) => i.flagged),
  };
}
