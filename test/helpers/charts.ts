/**
 * What charts a real .xlsx shows on a sheet, read from its parts as Excel reads them (sheet →
 * drawing → chart): for the tests of the charts the `score` command draws.
 */
import JSZip from 'jszip';
import { parseXml, type XmlElement } from './ooxml-check';

export interface SeriesInFile {
  name: { f: string; cache: string[] };
  categories: { f: string; cache: string[] };
  values: { f: string; cache: (number | null)[] };
  /** `<c:marker><c:symbol val>`, undefined without one. */
  marker?: string;
}

export interface ChartInFile {
  name: string;
  /** The drawing object's id. */
  id: string;
  /** `from` and `to` of the anchor, as 0-based [col, row]. */
  from: [number, number];
  to: [number, number];
  chartPath: string;
  /** radarChart, barChart … */
  plot: string;
  /** radarStyle, or barDir/grouping. */
  style: Record<string, string>;
  title: string;
  legend: boolean;
  series: SeriesInFile[];
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const kid = (e: XmlElement | undefined, name: string) => e?.children.find((c) => local(c.name) === name);
const kids = (e: XmlElement | undefined, name: string) => e?.children.filter((c) => local(c.name) === name) ?? [];
const val = (e: XmlElement | undefined) => e?.attrs.get('val');
const relId = (e: XmlElement) => [...e.attrs].find(([k]) => /:id$/.test(k))?.[1];

function resolve(base: string, target: string): string {
  const out: string[] = [];
  for (const part of (target.startsWith('/') ? target.slice(1) : base + target).split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

async function rels(zip: JSZip, part: string): Promise<Map<string, { type: string; target: string }>> {
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  const text = await zip.file(`${dir}_rels/${part.slice(dir.length)}.rels`)?.async('string');
  const out = new Map<string, { type: string; target: string }>();
  if (text === undefined) return out;
  for (const r of kids(parseXml(text), 'Relationship'))
    out.set(r.attrs.get('Id')!, { type: r.attrs.get('Type')!, target: resolve(dir, r.attrs.get('Target')!) });
  return out;
}

/** The worksheet part of the sheet named `sheet`, undefined when the workbook has none. */
export async function sheetPart(bytes: Uint8Array, sheet: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  const wb = parseXml(await zip.file('xl/workbook.xml')!.async('string'));
  const el = kids(kid(wb, 'sheets'), 'sheet').find((s) => s.attrs.get('name') === sheet);
  return el ? (await rels(zip, 'xl/workbook.xml')).get(relId(el)!)?.target : undefined;
}

function ref(source: XmlElement | undefined): { f: string; cache: (string | null)[] } {
  const r = kid(source, 'strRef') ?? kid(source, 'numRef');
  const cache = kid(r, 'strCache') ?? kid(r, 'numCache');
  const count = Number(val(kid(cache, 'ptCount')) ?? 0);
  const values: (string | null)[] = Array.from({ length: count }, () => null);
  for (const pt of kids(cache, 'pt')) values[Number(pt.attrs.get('idx'))] = kid(pt, 'v')?.text ?? null;
  return { f: kid(r, 'f')?.text ?? '', cache: values };
}

/** The charts shown on the sheet named `sheet`, in the drawing's order ([] when it has none). */
export async function chartsOnSheet(bytes: Uint8Array, sheet: string): Promise<ChartInFile[]> {
  const path = await sheetPart(bytes, sheet);
  if (!path) return [];
  const zip = await JSZip.loadAsync(bytes);
  const out: ChartInFile[] = [];
  for (const drawingRel of [...(await rels(zip, path)).values()].filter((r) => /\/drawing$/.test(r.type))) {
    const drawing = parseXml(await zip.file(drawingRel.target)!.async('string'));
    const drawingRels = await rels(zip, drawingRel.target);
    for (const anchor of drawing.children.filter((c) => /Anchor$/.test(local(c.name)))) {
      const frame = kid(anchor, 'graphicFrame');
      const chartEl = kid(kid(kid(frame, 'graphic'), 'graphicData'), 'chart');
      if (!frame || !chartEl) continue;
      const nv = kid(kid(frame, 'nvGraphicFramePr'), 'cNvPr')!;
      const corner = (tag: string): [number, number] => [Number(kid(kid(anchor, tag), 'col')?.text), Number(kid(kid(anchor, tag), 'row')?.text)];
      const chartPath = drawingRels.get(relId(chartEl)!)!.target;
      const space = parseXml(await zip.file(chartPath)!.async('string'));
      const chart = kid(space, 'chart');
      const plot = kid(chart, 'plotArea')!.children.find((c) => /Chart$/.test(local(c.name)))!;
      const style: Record<string, string> = {};
      for (const key of ['radarStyle', 'barDir', 'grouping']) if (kid(plot, key)) style[key] = val(kid(plot, key))!;
      const texts: string[] = [];
      const collect = (e: XmlElement): void => {
        if (local(e.name) === 't') texts.push(e.text);
        e.children.forEach(collect);
      };
      const title = kid(chart, 'title');
      if (title) collect(title);
      out.push({
        name: nv.attrs.get('name')!,
        id: nv.attrs.get('id')!,
        from: corner('from'),
        to: corner('to'),
        chartPath,
        plot: local(plot.name),
        style,
        title: texts.join(''),
        legend: kid(chart, 'legend') !== undefined,
        series: kids(plot, 'ser').map((s) => {
          const values = ref(kid(s, 'val'));
          const symbol = val(kid(kid(s, 'marker'), 'symbol'));
          return {
            name: ref(kid(s, 'tx')) as SeriesInFile['name'],
            categories: ref(kid(s, 'cat')) as SeriesInFile['categories'],
            values: { f: values.f, cache: values.cache.map((v) => (v === null ? null : Number(v))) },
            ...(symbol !== undefined ? { marker: symbol } : {}),
          };
        }),
      });
    }
  }
  return out;
}
