/**
 * Geometry of the playground's SVG charts, pure (no DOM, no React) so it can be tested:
 * radar (one polygon per series over the categories, 0-100 scale) and clustered bars
 * (horizontal for Excel's Bar* types, vertical for Column*).
 */

export type ChartKind = 'radar' | 'bar' | 'column' | 'unsupported';

export interface SeriesInput {
  name: string;
  values: unknown[];
}

export interface Point {
  x: number;
  y: number;
}

export interface RadarGeometry {
  width: number;
  height: number;
  center: Point;
  radius: number;
  /** One spoke per category, from the centre to the 100 ring, with where its label goes. */
  axes: { category: string; end: Point; label: Point; anchor: 'start' | 'middle' | 'end' }[];
  /** Rings at 20, 40, 60, 80, 100 as closed polygons. */
  rings: { value: number; points: Point[] }[];
  series: { name: string; points: Point[] }[];
}

export interface BarRect {
  series: number;
  category: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarGeometry {
  width: number;
  height: number;
  orientation: 'horizontal' | 'vertical';
  /** The value axis range, [min, max] (min ≤ 0 ≤ max). */
  domain: [number, number];
  /** Plot area. */
  plot: { x: number; y: number; width: number; height: number };
  /** Category labels: positions at the centre of each category band. */
  categories: { label: string; at: Point }[];
  ticks: { value: number; at: Point }[];
  bars: BarRect[];
}

/** Excel chart type (`Radar`, `RadarMarkers`, `BarClustered`, `ColumnClustered` …) to the drawing used. */
export function chartKind(type: string): ChartKind {
  if (/^radar/i.test(type)) return 'radar';
  if (/^bar/i.test(type)) return 'bar';
  if (/^column/i.test(type)) return 'column';
  return 'unsupported';
}

/** A cell value as a number for plotting: numbers as they are, numeric text parsed, anything else 0. */
export function plotValue(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(/%$/, ''));
    if (Number.isFinite(n)) return value.trim().endsWith('%') ? n / 100 : n;
  }
  return 0;
}

export function categoryLabel(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Radar on a 0-100 scale: values below 0 sit at the centre, above 100 at the outer ring. */
export function radarGeometry(categories: unknown[], series: SeriesInput[], width = 360, height = 300): RadarGeometry {
  const center = { x: width / 2, y: height / 2 };
  const radius = Math.max(10, Math.min(width, height) / 2 - 40);
  const n = Math.max(categories.length, ...series.map((s) => s.values.length), 0);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  const at = (i: number, r: number): Point => ({ x: round(center.x + r * Math.cos(angle(i))), y: round(center.y + r * Math.sin(angle(i))) });
  const scaled = (v: number) => (Math.min(100, Math.max(0, v)) / 100) * radius;
  const axes = Array.from({ length: n }, (_, i) => {
    const label = at(i, radius + 14);
    const dx = label.x - center.x;
    const anchor: 'start' | 'middle' | 'end' = Math.abs(dx) < 1 ? 'middle' : dx > 0 ? 'start' : 'end';
    return { category: categoryLabel(categories[i]), end: at(i, radius), label, anchor };
  });
  const rings = [20, 40, 60, 80, 100].map((value) => ({ value, points: Array.from({ length: n }, (_, i) => at(i, scaled(value))) }));
  return {
    width,
    height,
    center,
    radius,
    axes,
    rings,
    series: series.map((s) => ({ name: s.name, points: Array.from({ length: n }, (_, i) => at(i, scaled(plotValue(s.values[i])))) })),
  };
}

/** A "nice" upper bound: 1, 2, 2.5 or 5 times a power of ten, at least max. */
export function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max - 1e-9) return step * power;
  }
  return 10 * power;
}

/** Clustered bars: per category a band; within it one bar per series. */
export function barGeometry(orientation: 'horizontal' | 'vertical', categories: unknown[], series: SeriesInput[], width = 360, height = 260): BarGeometry {
  const n = Math.max(categories.length, ...series.map((s) => s.values.length), 0);
  const values = series.flatMap((s) => Array.from({ length: n }, (_, i) => plotValue(s.values[i])));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const domain: [number, number] = [min < 0 ? -niceCeil(-min) : 0, max > 0 || min === 0 ? niceCeil(max) : 0];
  const margin = orientation === 'horizontal' ? { left: 90, right: 16, top: 10, bottom: 24 } : { left: 40, right: 10, top: 10, bottom: 40 };
  const plot = {
    x: margin.left,
    y: margin.top,
    width: Math.max(1, width - margin.left - margin.right),
    height: Math.max(1, height - margin.top - margin.bottom),
  };
  const span = domain[1] - domain[0] || 1;
  const valueLength = orientation === 'horizontal' ? plot.width : plot.height;
  const toLength = (v: number) => ((v - domain[0]) / span) * valueLength;
  const band = (orientation === 'horizontal' ? plot.height : plot.width) / Math.max(n, 1);
  const inner = band * 0.8;
  const barThickness = inner / Math.max(series.length, 1);
  const zero = toLength(0);
  const bars: BarRect[] = [];
  series.forEach((s, si) => {
    for (let ci = 0; ci < n; ci++) {
      const value = plotValue(s.values[ci]);
      const from = Math.min(zero, toLength(value));
      const length = Math.abs(toLength(value) - zero);
      // Excel draws the first category of a bar chart at the bottom; columns go left to right.
      const bandStart = orientation === 'horizontal' ? plot.y + (n - 1 - ci) * band : plot.x + ci * band;
      const offset = bandStart + (band - inner) / 2 + si * barThickness;
      bars.push(
        orientation === 'horizontal'
          ? { series: si, category: ci, value, x: round(plot.x + from), y: round(offset), width: round(length), height: round(barThickness) }
          : {
              series: si,
              category: ci,
              value,
              x: round(offset),
              y: round(plot.y + plot.height - from - length),
              width: round(barThickness),
              height: round(length),
            },
      );
    }
  });
  const categoriesOut = Array.from({ length: n }, (_, ci) => ({
    label: categoryLabel(categories[ci]),
    at:
      orientation === 'horizontal'
        ? { x: plot.x - 6, y: round(plot.y + (n - 1 - ci) * band + band / 2) }
        : { x: round(plot.x + ci * band + band / 2), y: plot.y + plot.height + 14 },
  }));
  const ticks = Array.from({ length: 5 }, (_, i) => {
    const value = domain[0] + (span * i) / 4;
    const l = toLength(value);
    return {
      value: round(value),
      at: orientation === 'horizontal' ? { x: round(plot.x + l), y: plot.y + plot.height + 14 } : { x: plot.x - 4, y: round(plot.y + plot.height - l) },
    };
  });
  return { width, height, orientation, domain, plot, categories: categoriesOut, ticks, bars };
}

/** SVG `points` attribute of a polygon. */
export function pointsAttribute(points: Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

/** Series colours (Office theme accents). */
export const SERIES_COLORS = ['#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47', '#264478', '#9E480E'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
