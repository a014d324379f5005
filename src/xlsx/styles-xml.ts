/**
 * The style sheet (styles.xml) as the direct writer changes it: cell styles derived from
 * existing ones — a number format set, a solid fill set or taken away, or both stripped
 * from a neighbour's style — each added once to `<cellXfs>` (an identical existing one is
 * reused), with the fills and number formats they need added once to `<fills>` and
 * `<numFmts>`. Every other byte of the part stays as it was.
 *
 * The derivation rules are the ones the excelize writer applied through GetStyle/NewStyle
 * (write-excelize.ts): a cell style is a set of ids (font, fill, border, number format) plus
 * alignment and protection, so deriving one is copying its `<xf>` with other ids.
 */
import { builtInFormatCode } from '../engine/number-format';
import { attr } from './ooxml';
import { DerivedStyles, type DeriveOptions } from './write-common';
import { Unsupported } from './zip-package';

export type { DeriveOptions } from './write-common';

/** Built-in number formats whose code does not depend on the locale: these ids can be reused for the same code. */
const INVARIANT_BUILT_INS = [1, 2, 3, 4, 9, 10, 11, 12, 13, 45, 46, 47, 48, 49];

interface Xf {
  /** Attributes in document order. */
  attrs: [string, string][];
  /** Inner XML (alignment, protection), '' for none. */
  body: string;
}

interface FillInfo {
  /** A pattern other than none, or a gradient. */
  present: boolean;
  /** 'RRGGBB' of a solid fill's foreground colour. */
  solid?: string;
}

const SECTION = (prefix: string, name: string) => new RegExp(`<${prefix}${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}${name}>)`);

export class StyleSheet {
  readonly prefix: string;
  private readonly xfs: Xf[] = [];
  private readonly fills: FillInfo[] = [];
  private readonly numFmts = new Map<number, string>();
  private readonly addedXfs: string[] = [];
  private readonly addedFills: string[] = [];
  private readonly addedNumFmts: string[] = [];
  private keys: Map<string, number> | undefined;
  private readonly derived = new DerivedStyles((base, opts) => this.compute(base, opts));
  private noneFill: number | undefined;

  /** `xml` undefined: a workbook without a style sheet gets the minimal one Excel writes. */
  constructor(private readonly xml: string = MINIMAL_STYLES) {
    this.prefix = /<([\w.-]+:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
    const p = this.prefix;
    const cellXfs = SECTION(p, 'cellXfs').exec(xml)?.[0];
    if (cellXfs === undefined) throw new Unsupported('styles.xml without cellXfs');
    for (const m of cellXfs.matchAll(new RegExp(`<${p}xf(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${p}xf>)`, 'g'))) {
      this.xfs.push({ attrs: parseAttrs(m[1] ?? ''), body: m[2] ?? '' });
    }
    if (this.xfs.length === 0) throw new Unsupported('styles.xml without cell styles');
    const fills = SECTION(p, 'fills').exec(xml)?.[0] ?? '';
    for (const m of fills.matchAll(new RegExp(`<${p}fill(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${p}fill>)`, 'g'))) this.fills.push(fillInfo(m[1] ?? '', p));
    const numFmts = SECTION(p, 'numFmts').exec(xml)?.[0] ?? '';
    for (const m of numFmts.matchAll(new RegExp(`<${p}numFmt(?=[\\s/>])([^>]*)>`, 'g'))) {
      const id = Number(attr(m[1] ?? '', 'numFmtId'));
      const code = attr(m[1] ?? '', 'formatCode');
      if (Number.isInteger(id) && code !== undefined) this.numFmts.set(id, code);
    }
  }

  get changed(): boolean {
    return this.addedXfs.length > 0 || this.addedFills.length > 0 || this.addedNumFmts.length > 0;
  }

  get count(): number {
    return this.xfs.length;
  }

  /** The cell style `base` with the options applied: `base` itself when nothing changes, else an equal existing style or a new one. */
  derive(base: number, options: DeriveOptions): number {
    const opts = typeof options.fill === 'string' ? { ...options, fill: options.fill.replace('#', '').toUpperCase() } : options;
    return this.derived.derive(base, opts);
  }

  private compute(base: number, opts: DeriveOptions): number {
    const source = this.xfs[base] ?? this.xfs[0]!;
    const attrs = new Map(source.attrs);
    let numFmtId = Number(attrs.get('numFmtId') ?? 0) || 0;
    let fillId = Number(attrs.get('fillId') ?? 0) || 0;
    let numFmtChanged = false;
    let fillChanged = false;
    if (opts.strip) {
      if (this.hasFill(fillId)) {
        fillId = this.none();
        fillChanged = true;
      }
      if (!this.isGeneral(numFmtId)) {
        numFmtId = 0;
        numFmtChanged = true;
      }
    }
    if (opts.numberFormat !== undefined && (!opts.onlyIfGeneral || this.isGeneral(numFmtId)) && this.codeOf(numFmtId) !== opts.numberFormat) {
      numFmtId = this.numFmtFor(opts.numberFormat);
      numFmtChanged = true;
    }
    if (opts.fill === null && this.hasFill(fillId)) {
      fillId = this.none();
      fillChanged = true;
    } else if (opts.fill && this.fills[fillId]?.solid !== opts.fill) {
      fillId = this.fillFor(opts.fill);
      fillChanged = true;
    }
    if (!numFmtChanged && !fillChanged) return base;
    if (numFmtChanged) {
      attrs.set('numFmtId', String(numFmtId));
      attrs.set('applyNumberFormat', '1');
    }
    if (fillChanged) {
      attrs.set('fillId', String(fillId));
      attrs.set('applyFill', '1');
    }
    const xf: Xf = { attrs: [...attrs], body: source.body };
    const key = xfKey(xf);
    const keys = this.xfKeys();
    const same = keys.get(key);
    if (same !== undefined) return same;
    const id = this.xfs.length;
    this.xfs.push(xf);
    keys.set(key, id);
    const attrText = xf.attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
    this.addedXfs.push(xf.body ? `<${this.prefix}xf${attrText}>${xf.body}</${this.prefix}xf>` : `<${this.prefix}xf${attrText}/>`);
    return id;
  }

  private xfKeys(): Map<string, number> {
    if (!this.keys) {
      this.keys = new Map();
      this.xfs.forEach((xf, i) => {
        const key = xfKey(xf);
        if (!this.keys!.has(key)) this.keys!.set(key, i);
      });
    }
    return this.keys;
  }

  private isGeneral(id: number): boolean {
    const code = this.codeOf(id);
    return id === 0 || code === undefined || code.toLowerCase() === 'general';
  }

  private codeOf(id: number): string | undefined {
    return this.numFmts.get(id) ?? builtInFormatCode(id);
  }

  private hasFill(id: number): boolean {
    return this.fills[id]?.present ?? false;
  }

  private none(): number {
    if (this.noneFill === undefined) {
      const found = this.fills.findIndex((f) => !f.present);
      this.noneFill =
        found >= 0 ? found : this.addFill(`<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill>`, { present: false });
    }
    return this.noneFill;
  }

  private fillFor(color: string): number {
    const found = this.fills.findIndex((f) => f.solid === color);
    if (found >= 0) return found;
    const p = this.prefix;
    return this.addFill(
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${color}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      { present: true, solid: color },
    );
  }

  private addFill(xml: string, info: FillInfo): number {
    this.fills.push(info);
    this.addedFills.push(xml);
    return this.fills.length - 1;
  }

  private numFmtFor(code: string): number {
    for (const [id, existing] of this.numFmts) if (existing === code) return id;
    const builtIn = INVARIANT_BUILT_INS.find((id) => builtInFormatCode(id) === code);
    if (builtIn !== undefined) return builtIn;
    const id = Math.max(163, ...this.numFmts.keys()) + 1;
    this.numFmts.set(id, code);
    this.addedNumFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The style sheet with what was added (the original text when nothing was). */
  toXml(): string {
    if (!this.changed) return this.xml;
    const p = this.prefix;
    let xml = this.xml;
    xml = appendTo(xml, p, 'cellXfs', this.addedXfs, this.xfs.length);
    if (this.addedFills.length > 0) {
      if (!SECTION(p, 'fills').test(xml)) throw new Unsupported('styles.xml without fills');
      xml = appendTo(xml, p, 'fills', this.addedFills, this.fills.length);
    }
    if (this.addedNumFmts.length > 0) {
      if (SECTION(p, 'numFmts').test(xml)) xml = appendTo(xml, p, 'numFmts', this.addedNumFmts, this.numFmts.size);
      else {
        // numFmts is the style sheet's first child.
        xml = xml.replace(
          new RegExp(`(<${p}styleSheet(?=[\\s>])[^>]*>)`),
          `$1<${p}numFmts count="${this.addedNumFmts.length}">${this.addedNumFmts.join('')}</${p}numFmts>`,
        );
      }
    }
    return xml;
  }
}

/** `<name …>…</name>` with `items` appended and its count set. */
function appendTo(xml: string, prefix: string, name: string, items: readonly string[], count: number): string {
  const section = SECTION(prefix, name).exec(xml);
  if (!section) throw new Unsupported(`styles.xml without ${name}`);
  const text = section[0];
  const open = new RegExp(`^<${prefix}${name}(?=[\\s/>])([^>]*?)(/?)>`).exec(text)!;
  const attrs = /\scount\s*=/.test(open[1]!) ? open[1]!.replace(/(\scount\s*=\s*)(["'])\d*\2/, `$1"${count}"`) : `${open[1]} count="${count}"`;
  const body = open[2] === '/' ? '' : text.slice(open[0].length, text.length - `</${prefix}${name}>`.length);
  const replacement = `<${prefix}${name}${attrs}>${body}${items.join('')}</${prefix}${name}>`;
  return xml.slice(0, section.index) + replacement + xml.slice(section.index + text.length);
}

function parseAttrs(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(["'])(.*?)\2/g)) out.push([m[1]!, m[3]!]);
  return out;
}

function xfKey(xf: Xf): string {
  const attrs = xf.attrs
    .filter(([n, v]) => !(/^apply/.test(n) && (v === '0' || v === 'false')))
    .map(([n, v]) => `${n}=${v}`)
    .sort();
  return `${attrs.join(' ')}|${xf.body.replace(/\s+/g, ' ').trim()}`;
}

function fillInfo(body: string, p: string): FillInfo {
  if (new RegExp(`<${p}gradientFill[\\s/>]`).test(body)) return { present: true };
  const pattern = new RegExp(`<${p}patternFill(?=[\\s/>])([^>]*?)(/?)>`).exec(body);
  const type = pattern ? attr(pattern[1] ?? '', 'patternType') : undefined;
  if (type === undefined || type === 'none') return { present: false };
  if (type !== 'solid') return { present: true };
  const fg = new RegExp(`<${p}fgColor(?=[\\s/>])([^>]*)>`).exec(body)?.[1];
  const rgb = fg === undefined ? undefined : attr(fg, 'rgb');
  return { present: true, ...(rgb && /^[0-9a-fA-F]{6,8}$/.test(rgb) ? { solid: rgb.slice(-6).toUpperCase() } : {}) };
}

export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The style sheet a workbook without one gets: one font, the two fills Excel requires, one border, the Normal style. */
export const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
