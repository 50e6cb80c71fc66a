/**
 * The six scoring bands of the GB/Z 19579-2012 scoring guide (SPEC §5). An expert gives each item
 * a percentage in steps of 5; the band the percentage falls in says what the evidence must show.
 * Process items are judged on 方法-展开-学习-整合, result items on 水平-趋势-对比-整合. The wording
 * follows the guide, shortened to what fits beside a score field.
 */

export type ItemKind = 'process' | 'result';

export interface ScoringBand {
  /** Lowest and highest percentage of the band, both allowed. */
  min: number;
  max: number;
  /** e.g. "0%–5%" */
  label: string;
  /** 方法、展开、学习、整合, in that order. */
  process: readonly [string, string, string, string];
  /** 水平、趋势、对比、整合, in that order. */
  result: readonly [string, string, string, string];
}

export const PROCESS_DIMENSIONS = ['方法', '展开', '学习', '整合'] as const;
export const RESULT_DIMENSIONS = ['水平', '趋势', '对比', '整合'] as const;

export const SCORING_BANDS: readonly ScoringBand[] = [
  {
    min: 0,
    max: 5,
    label: '0%–5%',
    process: [
      '没有系统的方法，信息是零散、孤立的',
      '方法没有展开或略有展开',
      '不能证实具有改进导向，已有的改进仅仅是“对问题作出反应”',
      '没有整合，各个方面或部门的运作相互独立',
    ],
    result: [
      '没有描述结果，或结果很差',
      '没有显示趋势的数据，或显示了总体不良的趋势',
      '没有对比性信息',
      '在对组织关键经营要求重要的任何方面，均没有描述结果',
    ],
  },
  {
    min: 10,
    max: 25,
    label: '10%–25%',
    process: [
      '开始有针对该评分项基本要求的系统的方法',
      '在大多数部门处于方法展开的初级阶段',
      '处于从“对问题作出反应”到“改进导向”转变的初级阶段',
      '主要通过联合解决问题，使方法与其他评分项或部门达到一致',
    ],
    result: [
      '结果很少，在少数方面有一些改进和（或）处于初期的良好绩效水平',
      '显示趋势的数据很少，或许多趋势是不良的',
      '没有或只有很少的对比性信息',
      '在少数对组织关键经营要求重要的方面，描述了结果',
    ],
  },
  {
    min: 30,
    max: 45,
    label: '30%–45%',
    process: [
      '有针对该评分项基本要求的、系统有效的方法',
      '尽管在某些部门还处于展开的初级阶段，但方法已经展开',
      '开始对关键过程进行系统的评价和改进',
      '方法处于与其他评分项中识别的组织基本需求协调一致的初级阶段',
    ],
    result: [
      '在该评分项要求的多数方面有改进和（或）良好绩效水平',
      '处于取得良好趋势的初期',
      '处于获得对比性信息的初期',
      '在多数对组织关键经营要求重要的方面，描述了结果',
    ],
  },
  {
    min: 50,
    max: 65,
    label: '50%–65%',
    process: [
      '有针对该评分项总体要求的、系统有效的方法',
      '尽管在某些区域或部门的展开有所不同，但方法得到了很好的展开',
      '有了基于事实且系统的评价和改进过程，以及一些组织学习',
      '方法与其他评分项中识别的组织需求协调一致',
    ],
    result: [
      '在该评分项要求的大多数方面有改进趋势和（或）良好绩效水平',
      '在对组织关键经营要求重要的方面，没有不良趋势和不良绩效水平',
      '与竞争对手和（或）标杆对比，一些趋势和（或）当前绩效显示了良好到优秀的水平',
      '经营结果达到了大多数关键顾客、市场和过程的要求',
    ],
  },
  {
    min: 70,
    max: 85,
    label: '70%–85%',
    process: [
      '有针对该评分项详细要求的、系统有效的方法',
      '方法得到了很好的展开，无显著的差距',
      '基于事实且系统的评价和改进以及组织学习成为关键的管理工具，有证据表明组织级的分析和共享带来了改进和创新',
      '方法与其他评分项中识别的组织需求达到整合',
    ],
    result: [
      '在对该评分项要求重要的大多数方面，当前绩效达到良好到优秀的水平',
      '大多数的改进趋势和（或）当前绩效水平可持续',
      '与竞争对手和（或）标杆对比，多数到大多数的趋势和（或）当前绩效显示了领先和优秀的水平',
      '经营结果达到了大多数关键顾客、市场、过程和战略实施计划的要求',
    ],
  },
  {
    min: 90,
    max: 100,
    label: '90%–100%',
    process: [
      '有针对该评分项详细要求的、系统有效的方法',
      '方法得到了充分的展开，在任何区域或部门均无显著的弱项或差距',
      '基于事实且系统的评价和改进以及组织学习是组织关键的管理工具，整个组织的分析和共享带来了精确、创新的结果',
      '方法与其他评分项中识别的组织需求实现了很好的整合',
    ],
    result: [
      '在对该评分项要求重要的大多数方面，当前绩效达到优秀水平',
      '大多数的改进趋势和（或）当前绩效水平可持续',
      '在多数方面处于行业领先地位和标杆水准',
      '经营结果充分地达到了关键顾客、市场、过程和战略实施计划的要求',
    ],
  },
];

/** True for 0, 5, 10, …, 100: the only percentages an expert may give. */
export function isValidPercent(percent: number): boolean {
  return Number.isInteger(percent) && percent >= 0 && percent <= 100 && percent % 5 === 0;
}

/** The band a valid percentage falls in; a percentage that is not 0–100 in steps of 5 is a programming error. */
export function bandOf(percent: number): ScoringBand {
  if (!isValidPercent(percent)) throw new RangeError(`percent must be 0..100 in steps of 5, got ${percent}`);
  // Every multiple of 5 in 0..100 lies in exactly one band: the bands leave no step uncovered.
  return SCORING_BANDS.find((b) => percent >= b.min && percent <= b.max)!;
}

/** The band's description for an item of that kind, one line per dimension (e.g. "方法：…"). */
export function bandDescription(percent: number, kind: ItemKind): string[] {
  const band = bandOf(percent);
  const dimensions = kind === 'process' ? PROCESS_DIMENSIONS : RESULT_DIMENSIONS;
  return band[kind].map((text, i) => `${dimensions[i]}：${text}`);
}
