import type { RadarSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, RadarComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ReportRow, ReportSection } from '../../contract/technical-report';
import { categoryPercent } from '../../domain/category-percent';

export type RadarOption = ComposeOption<RadarSeriesOption | RadarComponentOption | LegendComponentOption | TooltipComponentOption>;

export const APPLICANT_SERIES = '本申报者';
export const COHORT_SERIES = '组别均值';

/**
 * The ECharts option of one applicant's radar: one axis per category of its kind's template,
 * each as a share of the category's points (so a 400-point category and a 90-point one are
 * comparable), the applicant's polygon against the cohort mean's. Same scale as the PDF's chart.
 */
export function radarOption(section: ReportSection, row: ReportRow): RadarOption {
  const percentOf = (scores: Record<string, number>) => section.categories.map((c) => Number(categoryPercent(scores[c.code], c.points).toFixed(1)));
  return {
    tooltip: { trigger: 'item', valueFormatter: (value) => `${value}%` },
    legend: { bottom: 0, data: [APPLICANT_SERIES, COHORT_SERIES] },
    radar: {
      indicator: section.categories.map((c) => ({ name: `${c.name}（${c.points}分）`, min: 0, max: 100 })),
      radius: '62%',
      splitNumber: 5,
      axisName: { color: '#333', fontSize: 12 },
    },
    series: [
      {
        type: 'radar',
        name: `${row.applicantName}技术评审类目得分`,
        data: [
          { name: APPLICANT_SERIES, value: percentOf(row.categoryScores), areaStyle: { opacity: 0.2 }, itemStyle: { color: '#1677ff' } },
          { name: COHORT_SERIES, value: percentOf(section.cohort.categoryMeans), lineStyle: { type: 'dashed' }, itemStyle: { color: '#fa8c16' } },
        ],
      },
    ],
  };
}
