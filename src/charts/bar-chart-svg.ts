/**
 * A horizontal grouped bar chart as a standalone SVG document (no library: a few rectangles and
 * labels). Each group is a row of bars; groups share one scale, or each has its own (`scale:
 * 'per-group'`) when their units differ. A group may carry a marker line (a target).
 */

export type Tone = 'measured' | 'baseline' | 'reference' | 'muted';

export interface Bar {
  label: string;
  value: number;
  /** The text printed after the bar (the value with its unit). */
  display: string;
  tone: Tone;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
  marker?: { value: number; label: string };
  /** A word after the group label: met, missed. */
  verdict?: string;
}

export interface BarChart {
  title: string;
  subtitle?: string;
  groups: BarGroup[];
  scale: 'shared' | 'per-group';
  legend: { tone: Tone; label: string }[];
}

const COLOURS: Record<Tone, string> = { measured: '#1f6feb', baseline: '#8b949e', reference: '#d29922', muted: '#c9d1d9' };
const WIDTH = 820;
const LABEL_WIDTH = 260;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const GROUP_GAP = 16;

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const text = (x: number, y: number, s: string, attrs = '') => `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;

/** The chart as SVG text. */
export function renderBarChart(chart: BarChart): string {
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const finite = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const maxOf = (g: BarGroup) => Math.max(...g.bars.map((b) => finite(b.value)), finite(g.marker?.value ?? 0));
  const shared = Math.max(0, ...chart.groups.map(maxOf));
  const top = chart.subtitle ? 58 : 40;
  const parts: string[] = [];
  let y = top;
  for (const group of chart.groups) {
    const max = chart.scale === 'shared' ? shared : maxOf(group);
    const x = (v: number) => LABEL_WIDTH + (max > 0 ? (finite(v) / max) * plot : 0);
    // The group's name on a line of its own, its bars below with their names on the left.
    parts.push(text(16, y + 11, group.label, 'font-weight="600"'));
    if (group.verdict) parts.push(text(WIDTH - 16, y + 11, group.verdict, `text-anchor="end" font-weight="600" fill="${group.verdict === 'missed' ? '#cf222e' : '#1a7f37'}"`));
    y += 18;
    const height = group.bars.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
    group.bars.forEach((bar, i) => {
      const by = y + i * (BAR_HEIGHT + BAR_GAP);
      parts.push(text(LABEL_WIDTH - 8, by + 11, bar.label, 'text-anchor="end" fill="#57606a"'));
      parts.push(`<rect x="${LABEL_WIDTH}" y="${by}" width="${(x(bar.value) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOURS[bar.tone]}"><title>${escapeXml(`${bar.label}: ${bar.display}`)}</title></rect>`);
      parts.push(text(x(bar.value) + 4, by + 11, bar.display, 'fill="#24292f"'));
    });
    if (group.marker) {
      const mx = x(group.marker.value).toFixed(1);
      parts.push(`<line x1="${mx}" y1="${y - 3}" x2="${mx}" y2="${y + height + 3}" stroke="#cf222e" stroke-width="2" stroke-dasharray="4 2"><title>${escapeXml(group.marker.label)}</title></line>`);
    }
    y += height + GROUP_GAP;
  }
  const legendY = y + 4;
  let lx = LABEL_WIDTH;
  for (const item of chart.legend) {
    parts.push(`<rect x="${lx}" y="${legendY}" width="12" height="12" fill="${COLOURS[item.tone]}"/>`);
    parts.push(text(lx + 16, legendY + 10, item.label));
    lx += 36 + item.label.length * 7;
  }
  if (chart.groups.some((g) => g.marker)) {
    parts.push(`<line x1="${lx}" y1="${legendY}" x2="${lx}" y2="${legendY + 12}" stroke="#cf222e" stroke-width="2" stroke-dasharray="4 2"/>`);
    parts.push(text(lx + 6, legendY + 10, 'target'));
  }
  const height = legendY + 28;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, chart.title, 'font-size="16" font-weight="600"'),
    ...(chart.subtitle ? [text(16, 42, chart.subtitle, 'fill="#57606a"')] : []),
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
