import { useId } from 'react';
import type { ChartView } from '../emulator';
import { barGeometry, chartKind, pointsAttribute, radarGeometry, seriesColor, type SeriesInput } from './chart-svg';
import { fill, type PlaygroundStrings } from './strings';

const box = {
  border: '1px solid #d1d1d1',
  borderRadius: 4,
  padding: 8,
  background: '#fff',
  display: 'inline-block',
  verticalAlign: 'top',
  margin: '0 12px 12px 0',
} as const;

export function ChartSvg({ chart, strings }: { chart: ChartView; strings: PlaygroundStrings }) {
  const kind = chartKind(chart.type);
  const series: SeriesInput[] = chart.series.map((s) => ({ name: s.name, values: s.values }));
  const categories = chart.series[0]?.categories ?? [];
  const title = chart.title || chart.name;
  // The drawing (role="img") is named by the caption; the values are in the sheet's cells.
  const captionId = useId();
  return (
    <figure style={box} data-chart={chart.name} aria-label={title}>
      <figcaption id={captionId} style={{ fontWeight: 600, textAlign: 'center', marginBottom: 4 }}>
        {title}
      </figcaption>
      {kind === 'radar' ? <Radar categories={categories} series={series} labelledBy={captionId} /> : null}
      {kind === 'bar' || kind === 'column' ? (
        <Bars orientation={kind === 'bar' ? 'horizontal' : 'vertical'} categories={categories} series={series} labelledBy={captionId} />
      ) : null}
      {kind === 'unsupported' ? <div style={{ padding: 16 }}>{fill(strings.unsupportedChart, { type: chart.type })}</div> : null}
      <ul style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 12, padding: 0, margin: '4px 0 0', justifyContent: 'center' }}>
        {chart.series.map((s, i) => (
          <li key={i} style={{ display: 'flex', alignItems: 'center', gap: 4, fontSize: 12 }}>
            <span style={{ width: 10, height: 10, background: seriesColor(i), display: 'inline-block' }} />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Radar({ categories, series, labelledBy }: { categories: unknown[]; series: SeriesInput[]; labelledBy: string }) {
  const g = radarGeometry(categories, series);
  return (
    <svg width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={labelledBy}>
      {g.rings.map((ring) => (
        <polygon key={ring.value} points={pointsAttribute(ring.points)} fill="none" stroke="#e0e0e0" />
      ))}
      {g.axes.map((axis, i) => (
        <g key={i}>
          <line x1={g.center.x} y1={g.center.y} x2={axis.end.x} y2={axis.end.y} stroke="#e0e0e0" />
          <text x={axis.label.x} y={axis.label.y} textAnchor={axis.anchor} dominantBaseline="middle" fontSize={11}>
            {axis.category}
          </text>
        </g>
      ))}
      {g.series.map((s, i) => (
        <polygon key={i} points={pointsAttribute(s.points)} fill={seriesColor(i)} fillOpacity={0.15} stroke={seriesColor(i)} strokeWidth={2}>
          <title>{s.name}</title>
        </polygon>
      ))}
    </svg>
  );
}

function Bars({
  orientation,
  categories,
  series,
  labelledBy,
}: {
  orientation: 'horizontal' | 'vertical';
  categories: unknown[];
  series: SeriesInput[];
  labelledBy: string;
}) {
  const g = barGeometry(orientation, categories, series);
  const horizontal = orientation === 'horizontal';
  return (
    <svg width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={labelledBy}>
      <rect x={g.plot.x} y={g.plot.y} width={g.plot.width} height={g.plot.height} fill="none" stroke="#e0e0e0" />
      {g.ticks.map((t, i) => (
        <text key={i} x={t.at.x} y={t.at.y} fontSize={10} textAnchor={horizontal ? 'middle' : 'end'} dominantBaseline="middle">
          {t.value}
        </text>
      ))}
      {g.categories.map((c, i) => (
        <text key={i} x={c.at.x} y={c.at.y} fontSize={11} textAnchor={horizontal ? 'end' : 'middle'} dominantBaseline="middle">
          {c.label}
        </text>
      ))}
      {g.bars.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} fill={seriesColor(b.series)}>
          <title>{`${series[b.series]?.name ?? ''}: ${b.value}`}</title>
        </rect>
      ))}
    </svg>
  );
}
