import * as echarts from 'echarts/core';
import { describe, expect, it } from 'vitest';
import { categoryPercent } from '../../src/domain/category-percent.js';
import '../../src/web/technical/RadarChart.js'; // registers the radar, its components and the SVG renderer
import { APPLICANT_SERIES, COHORT_SERIES, radarOption } from '../../src/web/technical/radarOption.js';
import { buildTechnicalReport } from './support/technical-report-fixture.js';

const section = buildTechnicalReport(6, 0).sections[0];
const row = section.rows[2];

describe('categoryPercent', () => {
  it('is the share of the points, clamped to 0–100, 0 when missing', () => {
    expect(categoryPercent(45, 90)).toBe(50);
    expect(categoryPercent(120, 100)).toBe(100);
    expect(categoryPercent(-3, 100)).toBe(0);
    expect(categoryPercent(undefined, 100)).toBe(0);
    expect(categoryPercent(10, 0)).toBe(0);
  });
});

describe('radarOption', () => {
  it('has one 0–100 axis per category and both polygons as shares of the points', () => {
    const option = radarOption(section, row);
    const radar = option.radar as { indicator: { name: string; max: number }[] };
    expect(radar.indicator.map((i) => i.name)).toEqual(section.categories.map((c) => `${c.name}（${c.points}分）`));
    expect(radar.indicator.every((i) => i.max === 100)).toBe(true);
    const [series] = option.series as { data: { name: string; value: number[] }[] }[];
    const [applicant, cohort] = series.data;
    expect(applicant.name).toBe(APPLICANT_SERIES);
    expect(cohort.name).toBe(COHORT_SERIES);
    section.categories.forEach((c, i) => {
      expect(applicant.value[i]).toBeCloseTo((row.categoryScores[c.code] / c.points) * 100, 1);
      expect(cohort.value[i]).toBeCloseTo((section.cohort.categoryMeans[c.code] / c.points) * 100, 1);
    });
  });

  it('renders with the registered components (server-side SVG)', () => {
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 480, height: 360 });
    chart.setOption(radarOption(section, row));
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect(svg).toContain('结果（400分）');
    expect(svg).toContain(COHORT_SERIES);
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(section.categories.length);
  });
});
