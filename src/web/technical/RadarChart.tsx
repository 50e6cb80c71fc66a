import { useEffect, useRef } from 'react';
import { RadarChart as EChartsRadar } from 'echarts/charts';
import { LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportRow, ReportSection } from '../../contract/technical-report';
import { radarOption } from './radarOption';

// Only what a radar needs, so the bundle carries no other chart type.
echarts.use([EChartsRadar, RadarComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** One applicant's category scores against its kind's cohort mean (technical results report). */
export function RadarChart({ section, row, height = 320 }: { section: ReportSection; row: ReportRow; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(radarOption(section, row), { notMerge: true });
  }, [section, row]);

  return <div ref={container} role="img" aria-label={`${row.applicantName}各类目得分与组别均值对比雷达图`} style={{ width: '100%', height }} />;
}
