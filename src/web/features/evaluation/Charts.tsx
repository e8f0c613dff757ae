import type { ReactNode } from 'react';
import { TableRegion } from '../../components/TableRegion';
import { niceMax } from './figures';

export interface BarSeries {
  name: string;
  /** One value per category; null draws no bar (no value, or a hidden count). */
  values: Array<number | null>;
  /** What each value reads as, e.g. "12,5 %" or "<5". */
  shown: string[];
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 56;
const BOTTOM = 48;
const TOP = 24;
const SERIES_CLASSES = ['chart-series-0', 'chart-series-1', 'chart-series-2'];

/** A category name cut to fit under its bars; the whole name is in the chart's label and the table. */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** "Title. Category: series value, series value. …" — what the chart shows, for a screen reader. */
function describe(title: string, categories: string[], series: BarSeries[]): string {
  const parts = categories.map((c, i) => `${c}: ${series.map((s) => `${s.name} ${s.shown[i]}`).join(', ')}`);
  return `${title}. ${parts.join('. ')}.`;
}

function Legend({ series }: { series: Array<{ name: string }> }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.name}>
          <span className={`chart-swatch ${SERIES_CLASSES[i % SERIES_CLASSES.length]}`} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Grouped vertical bars as inline SVG, named for screen readers by what it shows (role="img"). */
export function BarChart({ title, categories, series, max }: { title: string; categories: string[]; series: BarSeries[]; max?: number }) {
  const top = max ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const groupWidth = (WIDTH - LEFT - 8) / Math.max(1, categories.length);
  const barWidth = Math.min(48, (groupWidth * 0.8) / Math.max(1, series.length));
  const y = (v: number) => TOP + plotHeight - (Math.min(v, top) / top) * plotHeight;
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={describe(title, categories, series)} className="chart-svg">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={LEFT} x2={WIDTH - 8} y1={y(top * f)} y2={y(top * f)} className="chart-grid" />
            <text x={LEFT - 6} y={y(top * f) + 4} textAnchor="end" className="chart-axis-label">
              {Number((top * f).toPrecision(3)).toLocaleString('da-DK')}
            </text>
          </g>
        ))}
        {categories.map((c, ci) => {
          const x0 = LEFT + ci * groupWidth + (groupWidth - barWidth * series.length) / 2;
          return (
            <g key={c}>
              {series.map((s, si) => {
                const v = s.values[ci] ?? null;
                const x = x0 + si * barWidth;
                return (
                  <g key={s.name}>
                    {v !== null && <rect x={x + 2} width={barWidth - 4} y={y(v)} height={Math.max(0, y(0) - y(v))} className={SERIES_CLASSES[si % SERIES_CLASSES.length]} />}
                    <text x={x + barWidth / 2} y={(v === null ? y(0) : y(v)) - 4} textAnchor="middle" className="chart-value-label">
                      {s.shown[ci]}
                    </text>
                  </g>
                );
              })}
              <text x={LEFT + ci * groupWidth + groupWidth / 2} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="chart-axis-label">
                {shorten(c, Math.floor(groupWidth / 7.5))}
              </text>
            </g>
          );
        })}
        <line x1={LEFT} x2={WIDTH - 8} y1={y(0)} y2={y(0)} className="chart-axis" />
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </div>
  );
}

/** A line over points in order (quarters), as inline SVG with role="img"; a missing value breaks the line. */
export function LineChart({ title, labels, values, shown, max }: { title: string; labels: string[]; values: Array<number | null>; shown: string[]; max: number }) {
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = labels.length > 1 ? (WIDTH - LEFT - 72) / (labels.length - 1) : 0;
  const x = (i: number) => LEFT + 32 + i * step;
  const y = (v: number) => TOP + plotHeight - (Math.min(v, max) / max) * plotHeight;
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
    } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const label = `${title}. ${labels.map((l, i) => `${l}: ${shown[i]}`).join('. ')}.`;
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="chart-svg">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={LEFT} x2={WIDTH - 8} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
            <text x={LEFT - 6} y={y(max * f) + 4} textAnchor="end" className="chart-axis-label">
              {max * f}
            </text>
          </g>
        ))}
        {segments.map((d) => (
          <path key={d} d={d} className="chart-line" />
        ))}
        {values.map((v, i) =>
          v === null ? null : <circle key={labels[i]} cx={x(i)} cy={y(v)} r={4} className="chart-point" />,
        )}
        {labels.map((l, i) =>
          i % every === 0 ? (
            <text key={l} x={x(i)} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="chart-axis-label">
              {l}
            </text>
          ) : null,
        )}
      </svg>
    </div>
  );
}

/** A chart and the table with the same numbers side by side, under one heading. */
export function ChartWithTable({ id, heading, intro, chart, caption, children }: { id: string; heading: string; intro?: ReactNode; chart: ReactNode; caption: string; children: ReactNode }) {
  return (
    <section className="section section-bordered" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {intro}
      <div className="chart-pair">
        {chart}
        <TableRegion id={`${id}-caption`} caption={caption}>
          {children}
        </TableRegion>
      </div>
    </section>
  );
}
