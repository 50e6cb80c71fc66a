import type { ScoringTemplate, TechnicalStage } from '../../../domain/profile/schema.js';
import type { ScorebookItems } from '../../../domain/scoring/scorebook.js';
import { seededRandom as random } from '../../../domain/seeded-random.js';

/**
 * The demo experts' scorebooks: percentages in steps of 5 around the applicant's quality,
 * moved by the expert's leniency and by item-level noise, so the panels disagree a little,
 * calibration has offsets to find, and the ranking is not a straight line. Seeded: the same
 * demo gives the same scores.
 */


function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

const STRENGTHS = ['制度健全，职责明确，执行记录完整', '目标分解到部门和岗位，定期评审', '数据采集系统化，趋势向好', '与行业标杆对比，部分指标领先'];
const OPPORTUNITIES = ['改进措施的效果评估不够系统', '部分指标缺少三年以上趋势数据', '与竞争对手和标杆的对比不足', '方法在各部门的展开程度不一'];
const ONSITE_EVIDENCE = ['现场查阅了管理评审记录和改进项目台账', '抽查了生产现场和检验记录', '访谈了中层管理人员和一线员工'];

export interface ScoreInput {
  template: ScoringTemplate;
  stage: TechnicalStage;
  applicationKey: string;
  expertKey: string;
  /** The applicant's quality, 0–1. */
  quality: number;
  /** The expert's leniency in percentage points. */
  leniency: number;
}

export function demoScorebook(input: ScoreInput): ScorebookItems {
  const next = random(hash(`${input.stage}/${input.applicationKey}/${input.expertKey}`));
  const items: ScorebookItems = {};
  // On site and at the defence the picture sharpens: a little higher for the strong, lower for the weak.
  const drift = input.stage === 'material' ? 0 : (input.quality - 0.6) * 10;
  let n = 0;
  for (const category of input.template.categories) {
    for (const item of category.items) {
      const raw = input.quality * 100 + input.leniency + drift + (next() - 0.5) * 20;
      const percent = Math.max(10, Math.min(95, Math.round(raw / 5) * 5));
      const notes = n++ % 4 === 0;
      items[item.code] = {
        percent,
        ...(notes ? { strengths: STRENGTHS[Math.floor(next() * STRENGTHS.length)], opportunities: OPPORTUNITIES[Math.floor(next() * OPPORTUNITIES.length)] } : {}),
        ...(notes && input.stage === 'onsite' ? { evidence: ONSITE_EVIDENCE[Math.floor(next() * ONSITE_EVIDENCE.length)] } : {}),
      };
    }
  }
  return items;
}

/** The leader's consensus: per item the panel's mean percentage, rounded to a step of 5. */
export function consensusOf(books: ScorebookItems[]): ScorebookItems {
  const codes = Object.keys(books[0] ?? {});
  return Object.fromEntries(
    codes.map((code) => {
      const mean = books.reduce((s, b) => s + (b[code]?.percent ?? 0), 0) / books.length;
      return [code, { percent: Math.round(mean / 5) * 5, strengths: '组内讨论后形成一致意见' }];
    }),
  );
}
