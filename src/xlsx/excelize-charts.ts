/**
 * The chart specs in the excelize writer (write-excelize.ts, the fallback for packages the
 * direct writer refuses), drawn to the same result as the direct writer's.
 *
 * excelize's AddChart adds each chart that the sheet does not have yet (by name): it makes
 * the chart part, the drawing (or an anchor in the sheet's drawing), their relationships and
 * content types. Once excelize has saved the package, each of our charts, found by name, gets
 * the chart part and anchor of chart-parts.ts in place of what excelize wrote: the caches,
 * the radar without markers, the exact position. A chart of ours that the sheet already had
 * is not touched through excelize at all (excelize keeps it as it was) and is rewritten the
 * same way, so that a second run replaces rather than adds. A chart of ours this run does not
 * draw (or a second chart of one name of ours) is then removed from the saved package, as the
 * direct writer removes it: its anchor, its relationship, its chart part with its style and
 * colour parts, their content types. Other charts and pictures are left to excelize, which
 * keeps them.
 */
import { tryParseRange } from '../engine/address';
import { chartSeries, type ChartSpec } from '../engine/chart-specs';
import { anchorXml, chartFrames, chartXml, drawingPrefix, type ChartFrame } from './chart-parts';
import { check, writeFailed } from './errors';
import type { Excelize, ExcelizeFile } from './excelize';
import { parseRelationships, relsPathOf } from './ooxml';
import { withoutOverride, withoutRelationship } from './write-common';
import type { ZipArchive } from './zip';

/** A chart shown on a sheet: its drawing object's name, its anchor and its chart part. */
export interface SheetChart extends ChartFrame {
  drawingPath: string;
  chartPath: string;
}

/** The charts shown on the worksheet at `sheetPath` (graphicFrames with a chart), in drawing order. */
export async function sheetCharts(zip: ZipArchive, sheetPath: string): Promise<SheetChart[]> {
  const out: SheetChart[] = [];
  const sheetRels = parseRelationships((await zip.readText(relsPathOf(sheetPath))) ?? '', sheetPath.slice(0, sheetPath.lastIndexOf('/') + 1));
  for (const drawingRel of sheetRels.filter((r) => /\/drawing$/.test(r.type))) {
    const drawing = (await zip.readText(drawingRel.target)) ?? '';
    const rels = parseRelationships(
      (await zip.readText(relsPathOf(drawingRel.target))) ?? '',
      drawingRel.target.slice(0, drawingRel.target.lastIndexOf('/') + 1),
    );
    for (const frame of chartFrames(drawing)) {
      const chart = rels.find((r) => r.id === frame.relId && /\/chart$/.test(r.type));
      if (chart) out.push({ ...frame, drawingPath: drawingRel.target, chartPath: chart.target });
    }
  }
  return out;
}

/** Adds through excelize each chart of `charts` that the sheet (`existing`: its charts in the original package) does not have. */
export function addMissingCharts(ex: Excelize, f: ExcelizeFile, sheet: string, charts: readonly ChartSpec[], existing: readonly SheetChart[]): void {
  for (const chart of charts) {
    if (existing.some((c) => c.name === chart.name)) continue;
    const from = tryParseRange(chart.position.from)!;
    const to = tryParseRange(chart.position.to)!;
    const series = chartSeries(chart, sheet).map((s) => ({ Name: s.name.formula, Categories: s.categories.formula, Values: s.values.formula }));
    check(
      f.AddChart(sheet, chart.position.from, {
        Type: chart.kind === 'radar' ? ex.Radar : ex.Bar,
        Series: series,
        Format: { Name: chart.name },
        Title: { Paragraph: [{ Text: chart.title }] },
        Legend: { Position: chart.legend ? 'right' : 'none' },
        Dimension: { Width: (to.lastCol - from.firstCol + 1) * 64, Height: (to.lastRow - from.firstRow + 1) * 20 },
      }),
      'write-failed',
      `chart ${chart.name} on "${sheet}"`,
    );
  }
}

/** The relationships of a chart part whose targets belong to it alone (Excel writes a style and a colour part per chart). */
const CHART_OWN_PARTS = /\/(?:chartStyle|chartColorStyle)$/;

/**
 * The parts of the saved package that make our charts the chart-parts.ts ones: each chart
 * part, and each drawing with our anchors put back in place; and, as null, the parts of our
 * charts to remove (`stale` names, and second charts of one name), with the drawing, its
 * relationships and the content types without them. `sheetPath` is the sheet's part in the
 * saved package.
 */
export async function ourChartParts(
  zip: ZipArchive,
  sheetPath: string,
  sheet: string,
  charts: readonly ChartSpec[],
  stale: readonly string[] = [],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const text = async (path: string) => {
    const known = out.get(path);
    return known === null ? undefined : (known ?? (await zip.readText(path)));
  };
  const shown = await sheetCharts(zip, sheetPath);
  const used = new Set<SheetChart>();
  for (const chart of charts) {
    const found = shown.find((c) => !used.has(c) && c.name === chart.name);
    if (!found) throw writeFailed({ reason: 'generate' }, `The saved workbook lacks the chart ${chart.name}.`);
    used.add(found);
    out.set(found.chartPath, chartXml(chart, sheet));
    const drawing = (await text(found.drawingPath)) ?? '';
    const { prefix, declare } = drawingPrefix(drawing) ?? { prefix: '', declare: true };
    const anchor = anchorXml(chart, { prefix, id: found.id, relId: found.relId, declare });
    out.set(
      found.drawingPath,
      drawing.replace(found.anchor, () => anchor),
    );
  }
  const ours = new Set([...charts.map((c) => c.name), ...stale]);
  const removed: string[] = [];
  for (const gone of shown.filter((c) => !used.has(c) && ours.has(c.name))) {
    const drawing = (await text(gone.drawingPath)) ?? '';
    out.set(
      gone.drawingPath,
      drawing.replace(gone.anchor, () => ''),
    );
    const drawingRels = relsPathOf(gone.drawingPath);
    const rels = await text(drawingRels);
    if (rels !== undefined) out.set(drawingRels, withoutRelationship(rels, gone.relId));
    removed.push(gone.chartPath);
    const chartRels = relsPathOf(gone.chartPath);
    const own = await zip.readText(chartRels);
    if (own !== undefined) {
      removed.push(chartRels);
      const dir = gone.chartPath.slice(0, gone.chartPath.lastIndexOf('/') + 1);
      for (const r of parseRelationships(own, dir)) if (CHART_OWN_PARTS.test(r.type) && (await zip.readText(r.target)) !== undefined) removed.push(r.target);
    }
  }
  if (removed.length > 0) {
    let types = (await text('[Content_Types].xml')) ?? '';
    for (const part of removed) {
      out.set(part, null);
      types = withoutOverride(types, part);
    }
    out.set('[Content_Types].xml', types);
  }
  return out;
}
