import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * One value per day as bars (ECharts on a canvas, described for screen readers by `label`):
 * counts, or cents shown as money when `currency` is given, in the language of `tag`.
 */
export function DailyChart({ label, days, values, tag, currency, color }: { label: string; days: string[]; values: number[]; tag: string; currency?: string; color: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const money = currency ? new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 0 }) : undefined;
    const count = new Intl.NumberFormat(tag);
    const valueLabel = (v: number) => (money ? money.format(v / 100) : count.format(v));
    const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const chart = echarts.init(ref.current);
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      color: [color],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? valueLabel(v) : String(v)) },
      grid: { left: 56, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => day.format(new Date(`${d}T00:00:00Z`))), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => valueLabel(v) } },
      series: [{ type: 'bar', data: values, barMaxWidth: 24 }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [label, days, values, tag, currency, color]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 220 }} />;
}
