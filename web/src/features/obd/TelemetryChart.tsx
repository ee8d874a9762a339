import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Bucket } from './api.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/** Min, average and max of a PID per bucket (ECharts on a canvas, with its ARIA description). */
export function TelemetryChart({ buckets, label, names, locale }: { buckets: Bucket[]; label: string; names: { min: string; avg: string; max: string }; locale: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    // Numbers and times in the user's language, at Paris time (ECharts' own French locale is not bundled).
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    const time = new Intl.DateTimeFormat(tag, { timeZone: 'Europe/Paris', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const chart = echarts.init(ref.current);
    const series = (name: string, pick: (b: Bucket) => number) => ({ name, type: 'line' as const, showSymbol: buckets.length < 60, data: buckets.map((b) => [b.t, pick(b)]) });
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? number.format(v) : String(v)) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'time', axisLabel: { formatter: (v: number) => time.format(v), hideOverlap: true } },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => number.format(v) } },
      series: [series(names.min, (b) => b.min), series(names.avg, (b) => b.avg), series(names.max, (b) => b.max)],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [buckets, label, names, locale]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
