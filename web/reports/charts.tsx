import type { Child } from 'hono/jsx';

/**
 * Server-rendered SVG charts (no script, no library): a column chart over months (stacked
 * series, with an optional line, e.g. last year) and a horizontal bar chart over categories.
 * Each chart is an image with a <title>, a <desc> and an aria-label; the numbers themselves are in
 * the table the page puts beside it (screen readers, copying into a spreadsheet). Colours are
 * SVG presentation attributes, so the strict CSP (no inline style) is kept.
 */

export interface ChartSeries {
  key: string;
  label: string;
  values: number[];
  color: string;
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 12, bottom: 44, left: 76 };

/** A round upper bound for the axis: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function ColumnChart(props: {
  id: string;
  title: string;
  desc: string;
  categories: { key: string; label: string }[];
  series: ChartSeries[];
  line?: ChartSeries;
  /** bars of a month side by side instead of stacked (series that do not add up, e.g. joins and exits) */
  grouped?: boolean;
  format: (n: number) => string;
}) {
  const { categories, series, line } = props;
  const stackTotals = categories.map((_, i) =>
    props.grouped ? Math.max(0, ...series.map((x) => x.values[i] ?? 0)) : series.reduce((s, x) => s + Math.max(0, x.values[i] ?? 0), 0),
  );
  const max = niceMax(Math.max(0, ...stackTotals, ...(line?.values ?? [])));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = categories.length ? plotW / categories.length : plotW;
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  // at most ~12 month labels: a long range labels every n-th month
  const every = Math.max(1, Math.ceil(categories.length / 12));
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg id={props.id} class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`} aria-label={props.title} preserveAspectRatio="xMidYMid meet">
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      {ticks.map((v) => (
        <g>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#d0d0d0" stroke-width="1" />
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" font-size="11" fill="#333">
            {props.format(v)}
          </text>
        </g>
      ))}
      {categories.map((cat, i) => {
        let base = 0;
        const x = PAD.left + i * slot + (slot - barW) / 2;
        return (
          <g>
            {series.map((s, k) => {
              const v = Math.max(0, s.values[i] ?? 0);
              const top = y(base + v);
              const h = y(base) - top;
              if (!props.grouped) base += v;
              const w = props.grouped ? barW / series.length : barW;
              const left = props.grouped ? x + k * w : x;
              return v > 0 ? (
                <rect x={left.toFixed(1)} y={top.toFixed(1)} width={w.toFixed(1)} height={Math.max(0.5, h).toFixed(1)} fill={s.color}>
                  <title>{`${cat.label} · ${s.label}: ${props.format(v)}`}</title>
                </rect>
              ) : null;
            })}
            {i % every === 0 && (
              <text x={(PAD.left + i * slot + slot / 2).toFixed(1)} y={HEIGHT - PAD.bottom + 16} text-anchor="middle" font-size="11" fill="#333">
                {cat.label}
              </text>
            )}
          </g>
        );
      })}
      {line && categories.length > 0 && (
        <g>
          <polyline
            fill="none"
            stroke={line.color}
            stroke-width="2"
            stroke-dasharray="6 4"
            points={categories.map((_, i) => `${(PAD.left + i * slot + slot / 2).toFixed(1)},${y(line.values[i] ?? 0).toFixed(1)}`).join(' ')}
          />
          {categories.map((cat, i) => (
            <circle cx={(PAD.left + i * slot + slot / 2).toFixed(1)} cy={y(line.values[i] ?? 0).toFixed(1)} r="3" fill={line.color}>
              <title>{`${cat.label} · ${line.label}: ${props.format(line.values[i] ?? 0)}`}</title>
            </circle>
          ))}
        </g>
      )}
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#555" stroke-width="1" />
      <Legend items={[...series, ...(line ? [{ ...line, dashed: true }] : [])]} y={HEIGHT - 12} />
    </svg>
  );
}

function Legend(props: { items: (ChartSeries & { dashed?: boolean })[]; y: number }) {
  let x = 8;
  return (
    <g aria-hidden="true">
      {props.items.map((item) => {
        const at = x;
        x += 20 + item.label.length * 5.9 + 16;
        return (
          <g>
            {item.dashed ? (
              <line x1={at} x2={at + 16} y1={props.y - 4} y2={props.y - 4} stroke={item.color} stroke-width="2" stroke-dasharray="4 3" />
            ) : (
              <rect x={at} y={props.y - 10} width="12" height="12" fill={item.color} />
            )}
            <text x={at + 20} y={props.y} font-size="11" fill="#333">
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Categories as horizontal bars, longest label on the left; one value each. */
export function BarChart(props: { id: string; title: string; desc: string; bars: { key: string; label: string; value: number }[]; color: string; format: (n: number) => string }) {
  const rowH = 26;
  const labelW = 170;
  const valueW = 96;
  const height = Math.max(1, props.bars.length) * rowH + 12;
  const max = Math.max(0, ...props.bars.map((b) => b.value));
  const plotW = WIDTH - labelW - valueW - 8;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg id={props.id} class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`} aria-label={props.title} preserveAspectRatio="xMidYMid meet">
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      {props.bars.map((b, i) => {
        const w = max > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / max) * plotW) : 0;
        const top = 6 + i * rowH;
        return (
          <g>
            <text x={labelW - 8} y={top + 16} text-anchor="end" font-size="12" fill="#222">
              {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
            </text>
            <rect x={labelW} y={top + 4} width={w.toFixed(1)} height={rowH - 10} fill={props.color}>
              <title>{`${b.label}: ${props.format(b.value)}`}</title>
            </rect>
            <text x={labelW + w + 6} y={top + 16} font-size="12" fill="#222">
              {props.format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A chart and the table of its numbers side by side (stacked on a phone). */
export function ChartWithTable(props: { chart: Child; table: Child }) {
  return (
    <div class="chart-block">
      <figure class="chart-figure">{props.chart}</figure>
      <div class="table-wrap">{props.table}</div>
    </div>
  );
}

const compactEuro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
const compactNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

/** An axis label of cents: "1.234 €", "12.345 €", "1,2 Mio. €". */
export function axisEuro(cents: number): string {
  const euros = cents / 100;
  return Math.abs(euros) < 100_000 ? `${compactNumber.format(Math.round(euros))} €` : compactEuro.format(euros);
}

export function axisCount(n: number): string {
  return compactNumber.format(n);
}
