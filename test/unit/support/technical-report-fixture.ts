import type { ReportCategory, ReportRow, ReportSection, TechnicalReport } from '../../../src/contract/technical-report.js';

/** A deterministic technical report for the renderer tests: Chinese names, two kinds, ranks by raw total. */
const SURNAMES = ['临沂', '沂蒙', '兰山', '罗庄', '河东', '郯城', '兰陵', '沂水', '莒南', '费县', '平邑', '蒙阴', '临沭'];
const TRADES = ['精工机械', '新材料科技', '食品', '医药', '电子信息', '纺织', '物流', '建材', '木业', '化工'];
const PEOPLE = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '孙立新'];

export const UNIT_CATEGORIES: ReportCategory[] = [
  { code: 'leadership', name: '领导', points: 110 },
  { code: 'strategy', name: '战略', points: 90 },
  { code: 'customers', name: '顾客与市场', points: 90 },
  { code: 'resources', name: '资源', points: 130 },
  { code: 'process', name: '过程管理', points: 100 },
  { code: 'measurement', name: '测量、分析与改进', points: 80 },
  { code: 'results', name: '结果', points: 400 },
];

export const INDIVIDUAL_CATEGORIES: ReportCategory[] = [
  { code: 'ethics', name: '品德与作风', points: 200 },
  { code: 'contribution', name: '质量贡献', points: 500 },
  { code: 'innovation', name: '创新', points: 300 },
];

/** A small linear-congruential generator, so every run builds the same report. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function section(kind: ReportSection['kind'], names: string[], categories: ReportCategory[], random: () => number): ReportSection {
  const unranked = names.map((applicantName, i) => {
    const categoryScores = Object.fromEntries(categories.map((c) => [c.code, Math.round(c.points * (0.4 + 0.55 * random()) * 10) / 10]));
    const raw = Math.round(Object.values(categoryScores).reduce((a, b) => a + b, 0) * 10) / 10;
    const calibrated = i % 7 === 3 ? null : Math.round((raw + (random() - 0.5) * 20) * 10) / 10;
    return {
      applicationId: `${kind}-${i + 1}`,
      applicantName,
      rank: 0,
      raw,
      calibrated,
      stageScores: {
        material: { raw, calibrated, experts: 5 },
        onsite: i % 5 === 4 ? null : { raw: Math.round(raw * 0.98 * 10) / 10, calibrated: null, experts: 3 },
        defence: null,
      },
      categoryScores,
      disagreement: i % 6 === 2,
    } satisfies ReportRow;
  });
  const rows = [...unranked].sort((a, b) => b.raw - a.raw).map((row, i) => ({ ...row, rank: i + 1 }));
  const categoryMeans = Object.fromEntries(categories.map((c) => [c.code, rows.reduce((sum, r) => sum + r.categoryScores[c.code], 0) / rows.length]));
  return { kind, categories, rows, cohort: { categoryMeans } };
}

/** `units` unit applicants (company names) and `individuals` people. */
export function buildTechnicalReport(units = 25, individuals = 4): TechnicalReport {
  const random = seeded(20261201);
  const unitNames = Array.from({ length: units }, (_, i) => `${SURNAMES[i % SURNAMES.length]}${TRADES[(i * 3) % TRADES.length]}有限公司${i >= SURNAMES.length ? `第${i + 1}分厂` : ''}`);
  const personNames = Array.from({ length: individuals }, (_, i) => PEOPLE[i % PEOPLE.length]);
  return {
    edition: { id: 'edition-9', name: '第九届临沂市市长质量奖', year: 2026 },
    generatedAt: '2026-12-01T06:30:00.000Z',
    agencyName: '临沂市质量技术评审中心',
    stages: ['material', 'onsite', 'defence'],
    sections: [section('unit', unitNames, UNIT_CATEGORIES, random), ...(individuals > 0 ? [section('individual', personNames, INDIVIDUAL_CATEGORIES, random)] : [])],
    notes: ['技术总分为各评审阶段按规则版本权重加权后的得分；校准分采用加性最小二乘（含收缩）消除专家宽严差异。', '标记“分歧”的申报者，其某一条目或总分的专家评分极差超过规则版本规定的阈值，已由评审组长复核。'],
  };
}
