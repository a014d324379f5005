/**
 * The charts of the charts sheet in the direct writer: the sheet's drawing gets our charts,
 * each a chart part (chart-parts.ts), by touching only what must change.
 *
 * - A sheet without a drawing gets one: a `<drawing>` element after `</sheetData>` in the
 *   schema's place, a relationship to a new drawing part, the drawing's relationships to new
 *   chart parts, and their content types.
 * - A sheet with a drawing keeps it: each of our charts found there by name (a graphicFrame
 *   named CustomerScoring.Radar …, as the add-in and an earlier run name them) gets its chart
 *   part rewritten in place and its anchor put back where the spec says; one not found is
 *   added after the others. A chart of ours that this run does not draw (an earlier run's
 *   service radar when the survey is gone), or a second chart of one name of ours, is
 *   removed: its anchor, its relationship, its chart part with its style and colour parts,
 *   their content types. Every other anchor, chart, picture and part stays byte for byte
 *   (the drawing part itself when nothing of ours moved), and so do a chart part's own
 *   relationships (Excel's style and colour parts).
 * - A sheet without a drawing and no chart to draw is left as it is.
 */
import type { ChartSpec } from '../engine/chart-specs';
import {
  anchorXml,
  chartFrames,
  chartXml,
  CHART_CONTENT_TYPE,
  CHART_REL,
  DRAWING_CONTENT_TYPE,
  DRAWING_REL,
  drawingPrefix,
  drawingXml,
  REL_NS,
} from './chart-parts';
import { parseRelationships, relsPathOf } from './ooxml';
import { escapeAttr } from './styles-xml';
import { insertBeforeClose, nextRelId, withoutRelationship } from './write-common';
import { deflatePart, readText, Unsupported, type DeflatedPart, type ZipPackage } from './zip-package';

export interface PackageEdits {
  replaced: Map<string, DeflatedPart>;
  added: { name: string; part: DeflatedPart }[];
  overrides: { part: string; type: string }[];
  /** Parts to leave out of the package (their content type overrides go too). */
  removed: Set<string>;
  /** Whether a part name is taken (in the package or added by this write), case-insensitively. */
  taken(name: string): boolean;
}

/** The elements that follow `<drawing>` in a worksheet (CT_Worksheet), before which it goes. */
const AFTER_DRAWING =
  /<(?:[\w.-]+:)?(?:legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst|AlternateContent)(?=[\s/>])|<\/(?:[\w.-]+:)?worksheet\s*>/;

/**
 * Our charts on one worksheet: `editSuffix` for the sheet's rewrite (it learns the sheet's
 * drawing, or adds one), then `finish` once the sheet is rewritten.
 */
export class SheetCharts {
  private readonly dir: string;
  private readonly relsPath: string;
  private readonly relsXml: string | undefined;
  /** The id of the sheet's relationship to its drawing: found in the sheet, or new. */
  private drawingId: string | undefined;
  private newDrawing = false;
  /** The sheet has no drawing and gets no chart: nothing to do. */
  private untouched = false;

  constructor(
    private readonly pkg: ZipPackage,
    /** The worksheet part (existing, or the one this write adds). */
    private readonly sheetPath: string,
    /** The sheet's name, which the series' formulas refer to. */
    private readonly sheetName: string,
    private readonly charts: readonly ChartSpec[],
    /** Our charts to remove where the sheet has them. */
    private readonly stale: readonly string[],
    /** Whether the sheet part is new (it has no relationships yet). */
    isNew: boolean,
  ) {
    this.dir = sheetPath.slice(0, sheetPath.lastIndexOf('/') + 1);
    this.relsPath = relsPathOf(sheetPath);
    this.relsXml = isNew ? undefined : readText(pkg, this.relsPath);
  }

  /** The sheet's part after `</sheetData>`, with a `<drawing>` when it had none. */
  editSuffix(suffix: string): string {
    const existing = /<((?:[\w.-]+:)?)drawing(?=[\s/>])([^>]*?)\/?>/.exec(suffix);
    if (existing) {
      this.drawingId = /(?:^|\s)[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(existing[2] ?? '')?.[2];
      if (this.drawingId === undefined) throw new Unsupported('a <drawing> without its relationship id');
      return suffix;
    }
    if (this.charts.length === 0) {
      this.untouched = true;
      return suffix;
    }
    const prefix = /<\/((?:[\w.-]+:)?)worksheet\s*>/.exec(suffix)?.[1] ?? '';
    this.drawingId = `rId${nextRelId(this.relsXml ?? '')}`;
    this.newDrawing = true;
    const element = `<${prefix}drawing xmlns:r="${REL_NS}" r:id="${this.drawingId}"/>`;
    const at = AFTER_DRAWING.exec(suffix);
    if (!at) throw new Unsupported('a worksheet that does not end');
    return suffix.slice(0, at.index) + element + suffix.slice(at.index);
  }

  /** The parts to add or replace for our charts, into `edits`. */
  finish(edits: PackageEdits): void {
    if (this.untouched) return;
    if (this.drawingId === undefined) throw new Unsupported('the charts sheet was not rewritten');
    if (this.newDrawing) {
      this.addDrawing(edits);
      return;
    }
    const rel = parseRelationships(this.relsXml ?? '', this.dir).find((r) => r.id === this.drawingId);
    if (!rel || !/\/drawing$/.test(rel.type)) throw new Unsupported(`the sheet's drawing ${this.drawingId} has no drawing relationship`);
    this.updateDrawing(rel.target, edits);
  }

  private addDrawing(edits: PackageEdits): void {
    const base = this.dir.replace(/[^/]+\/$/, ''); // xl/worksheets/ → xl/
    const drawingPath = freeName(edits, `${base}drawings/drawing`, '.xml');
    let anchors = '';
    let rels = '';
    this.charts.forEach((chart, i) => {
      const chartPath = freeName(edits, `${base}charts/chart`, '.xml');
      const relId = `rId${i + 1}`;
      anchors += anchorXml(chart, { prefix: 'xdr:', id: i + 2, relId, declare: false });
      rels += relationship(relId, CHART_REL, relativeTarget(drawingPath, chartPath));
      addPart(edits, chartPath, chartXml(chart, this.sheetName), CHART_CONTENT_TYPE);
    });
    addPart(edits, drawingPath, drawingXml(anchors), DRAWING_CONTENT_TYPE);
    addPart(edits, relsPathOf(drawingPath), relationships(rels));
    const link = relationship(this.drawingId!, DRAWING_REL, relativeTarget(this.sheetPath, drawingPath));
    if (this.relsXml === undefined) addPart(edits, this.relsPath, relationships(link));
    else edits.replaced.set(this.relsPath, deflatePart(insertBeforeClose(this.relsXml, 'Relationships', link)));
  }

  private updateDrawing(drawingPath: string, edits: PackageEdits): void {
    const xml = readText(this.pkg, drawingPath);
    if (xml === undefined) throw new Unsupported(`missing part ${drawingPath}`);
    const drawingRelsPath = relsPathOf(drawingPath);
    const relsXml = readText(this.pkg, drawingRelsPath);
    const rels = parseRelationships(relsXml ?? '', drawingPath.slice(0, drawingPath.lastIndexOf('/') + 1));
    const root = drawingPrefix(xml);
    if (!root) throw new Unsupported(`${drawingPath} is not a spreadsheet drawing`);
    const { prefix, declare } = root;
    let nextId = Math.max(1, ...[...xml.matchAll(/<(?:[\w.-]+:)?cNvPr(?=[\s/>])[^>]*?\sid\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]))) + 1;
    let relNumber = nextRelId(relsXml ?? '');
    const frames = chartFrames(xml).filter((f) => rels.some((r) => r.id === f.relId && /\/chart$/.test(r.type)));
    const replacements = new Map<number, { length: number; text: string }>();
    let appended = '';
    let newRels = '';
    const base = drawingPath.replace(/[^/]+\/[^/]+$/, ''); // xl/drawings/drawing1.xml → xl/
    const ours = new Set([...this.charts.map((c) => c.name), ...this.stale]);
    let relsOut = relsXml;
    for (const chart of this.charts) {
      const found = frames.find((f) => !replacements.has(f.index) && f.name === chart.name);
      if (found) {
        const target = rels.find((r) => r.id === found.relId)!.target;
        if (!this.pkg.byName.has(target)) throw new Unsupported(`missing part ${target}`);
        edits.replaced.set(target, deflatePart(chartXml(chart, this.sheetName)));
        const id = found.id || nextId++;
        replacements.set(found.index, { length: found.anchor.length, text: anchorXml(chart, { prefix, id, relId: found.relId, declare }) });
      } else {
        const chartPath = freeName(edits, `${base}charts/chart`, '.xml');
        const relId = `rId${relNumber++}`;
        addPart(edits, chartPath, chartXml(chart, this.sheetName), CHART_CONTENT_TYPE);
        newRels += relationship(relId, CHART_REL, relativeTarget(drawingPath, chartPath));
        appended += anchorXml(chart, { prefix, id: nextId++, relId, declare });
      }
    }
    // What is left of ours: charts this run does not draw, and second charts of one name.
    for (const frame of frames) {
      if (replacements.has(frame.index) || !ours.has(frame.name)) continue;
      replacements.set(frame.index, { length: frame.anchor.length, text: '' });
      const target = rels.find((r) => r.id === frame.relId)!.target;
      if (relsOut !== undefined) relsOut = withoutRelationship(relsOut, frame.relId);
      removeChartPart(this.pkg, target, edits);
    }
    let out = '';
    let pos = 0;
    for (const [index, r] of [...replacements].sort((a, b) => a[0] - b[0])) {
      out += xml.slice(pos, index) + r.text;
      pos = index + r.length;
    }
    out += xml.slice(pos);
    if (appended) out = insertBeforeClose(out, 'wsDr', appended);
    if (out !== xml) edits.replaced.set(drawingPath, deflatePart(out));
    if (newRels) {
      if (relsOut === undefined) addPart(edits, drawingRelsPath, relationships(newRels));
      else relsOut = insertBeforeClose(relsOut, 'Relationships', newRels);
    }
    if (relsOut !== undefined && relsOut !== relsXml) edits.replaced.set(drawingRelsPath, deflatePart(relsOut));
  }
}

/** The relationships of a chart part whose targets belong to it alone (Excel writes a style and a colour part per chart). */
const CHART_OWN_PARTS = /\/(?:chartStyle|chartColorStyle)$/;

/** Removes a chart part, its relationships and its own style and colour parts from the package. */
function removeChartPart(pkg: ZipPackage, chartPath: string, edits: PackageEdits): void {
  if (!pkg.byName.has(chartPath)) return;
  edits.removed.add(chartPath);
  const relsPath = relsPathOf(chartPath);
  const relsXml = readText(pkg, relsPath);
  if (relsXml === undefined) return;
  edits.removed.add(relsPath);
  for (const r of parseRelationships(relsXml, chartPath.slice(0, chartPath.lastIndexOf('/') + 1))) {
    if (CHART_OWN_PARTS.test(r.type) && pkg.byName.has(r.target)) edits.removed.add(r.target);
  }
}

function addPart(edits: PackageEdits, name: string, text: string, type?: string): void {
  edits.added.push({ name, part: deflatePart(text) });
  if (type) edits.overrides.push({ part: name, type });
}

/** `base` + the first number from 1 + `ext` that no part of the package or of this write has. */
function freeName(edits: PackageEdits, base: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `${base}${n}${ext}`;
    if (!edits.taken(name)) return name;
  }
}

function relationship(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(target)}"/>`;
}

function relationships(items: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

/** `to` relative to the folder of the part `from` (both package paths), as a relationship's target. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...Array(a.length - common).fill('..'), ...b.slice(common)].join('/');
}
