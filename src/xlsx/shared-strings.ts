/**
 * The shared string table as the direct writer uses it: the text of an item by index (read
 * lazily, for the few cells whose text the writer must know: headers), and the index for a
 * text to write — an existing plain item with that text, or a new one appended — so that a
 * second run writes the same indexes and the table does not grow. Rich-text items are never
 * reused for plain text (the cell would take their formatting).
 *
 * The part is written back only when items were appended: the original text with the new
 * items before `</sst>` and its counts updated.
 */
import { decodeXml } from './ooxml';
import { Unsupported } from './zip-package';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export class SharedStrings {
  private readonly prefix: string;
  /** Start and end of each item's inner XML in `xml`. */
  private readonly bounds: Int32Array;
  private readonly size: number;
  private readonly lookup = new Map<string, number>();
  private readonly appended: string[] = [];
  private countDelta = 0;

  /**
   * `xml` undefined: the workbook has no table yet (one is created when a string is written).
   * `wanted`: the texts about to be written, looked up among the existing items.
   */
  constructor(
    private readonly xml: string | undefined,
    wanted: ReadonlySet<string>,
  ) {
    this.prefix = xml === undefined ? '' : (/<([\w.-]+:)?sst[\s>]/.exec(xml)?.[1] ?? '');
    if (xml !== undefined && !/<([\w.-]+:)?sst[\s>]/.test(xml)) throw new Unsupported('sharedStrings without sst');
    let bounds = new Int32Array(1024);
    let n = 0;
    if (xml !== undefined) {
      const open = `<${this.prefix}si`;
      const close = `</${this.prefix}si>`;
      for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + 1)) {
        const next = xml.charCodeAt(at + open.length);
        if (next !== 62 && next !== 32 && next !== 47 && next !== 9 && next !== 10 && next !== 13) continue; // <sis…
        const gt = xml.indexOf('>', at);
        if (gt < 0) throw new Unsupported('unclosed shared string');
        let start = gt + 1;
        let end = start;
        if (xml.charCodeAt(gt - 1) === 47)
          start = end = gt; // <si/>
        else {
          end = xml.indexOf(close, start);
          if (end < 0) throw new Unsupported('unclosed shared string');
          at = end;
        }
        if (2 * n + 2 > bounds.length) {
          const grown = new Int32Array(bounds.length * 2);
          grown.set(bounds);
          bounds = grown;
        }
        bounds[2 * n] = start;
        bounds[2 * n + 1] = end;
        if (wanted.size > 0) {
          const plain = plainText(xml, start, end, this.prefix);
          if (plain !== undefined && wanted.has(plain) && !this.lookup.has(plain)) this.lookup.set(plain, n);
        }
        n++;
      }
    }
    this.bounds = bounds;
    this.size = n;
  }

  get changed(): boolean {
    return this.appended.length > 0 || this.countDelta !== 0;
  }

  get exists(): boolean {
    return this.xml !== undefined;
  }

  /** The item's text (rich text joined, phonetic runs left out); undefined past the end. */
  text(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0) return undefined;
    if (index >= this.size) {
      const added = this.appended[index - this.size];
      return added === undefined ? undefined : itemText(added);
    }
    const body = this.xml!.slice(this.bounds[2 * index]!, this.bounds[2 * index + 1]!);
    return itemText(body);
  }

  /** The index to write `text` with (one reference more). */
  indexOf(text: string): number {
    this.countDelta++;
    const found = this.lookup.get(text);
    if (found !== undefined) return found;
    const index = this.size + this.appended.length;
    this.appended.push(`<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${escapeText(text)}</t></si>`);
    this.lookup.set(text, index);
    return index;
  }

  /** A reference to a shared string was overwritten. */
  released(): void {
    this.countDelta--;
  }

  get itemCount(): number {
    return this.size + this.appended.length;
  }

  /** The part's new text. */
  toXml(): string {
    const p = this.prefix;
    const items = this.appended.map((s) => (p ? s.replace(/<(\/?)(si|t)\b/g, `<$1${p}$2`) : s)).join('');
    if (this.xml === undefined) {
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${this.countDelta}" uniqueCount="${this.appended.length}">${items}</sst>`;
    }
    const open = new RegExp(`<${p}sst(?=[\\s>/])([^>]*?)(/?)>`).exec(this.xml)!;
    let attrs = open[1]!;
    const count = /(?:^|\s)count\s*=\s*["'](\d+)["']/.exec(attrs);
    if (count) attrs = attrs.replace(/((?:^|\s)count\s*=\s*)(["'])\d+\2/, `$1"${Math.max(0, Number(count[1]) + this.countDelta)}"`);
    if (/(?:^|\s)uniqueCount\s*=/.test(attrs)) attrs = attrs.replace(/((?:^|\s)uniqueCount\s*=\s*)(["'])\d+\2/, `$1"${this.itemCount}"`);
    const head = this.xml.slice(0, open.index);
    if (open[2] === '/') return `${head}<${p}sst${attrs}>${items}</${p}sst>${this.xml.slice(open.index + open[0].length)}`;
    const close = this.xml.lastIndexOf(`</${p}sst>`);
    if (close < 0) throw new Unsupported('unclosed sst');
    return `${head}<${p}sst${attrs}>${this.xml.slice(open.index + open[0].length, close)}${items}${this.xml.slice(close)}`;
  }
}

/** The text of an item that is one plain `<t>` (no runs, no phonetics); undefined otherwise. */
function plainText(xml: string, start: number, end: number, prefix: string): string | undefined {
  const open = `<${prefix}t`;
  if (!xml.startsWith(open, start)) return undefined;
  const gt = xml.indexOf('>', start);
  if (gt < 0 || gt >= end || xml[gt - 1] === '/') return gt >= 0 && gt < end && gt + 1 === end ? '' : undefined;
  const close = `</${prefix}t>`;
  if (!xml.startsWith(close, end - close.length)) return undefined;
  const inner = xml.slice(gt + 1, end - close.length);
  if (inner.includes('<')) return undefined;
  const text = inner.includes('&') ? decodeXml(inner) : inner;
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Every `<t>` of an item outside phonetic runs, unescaped. */
export function itemText(body: string): string {
  const plain = body.replace(/<(?:[\w.-]+:)?rPh(?=[\s>])[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  let text = '';
  for (const m of plain.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) text += m[1] ?? '';
  text = decodeXml(text);
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * Text for `<t>`: markup escaped, and what XML cannot carry written as Excel's `_xHHHH_`
 * escapes (control characters, a carriage return, lone surrogates); a literal `_xHHHH_` in
 * the text gets its underscore escaped so that it reads back as typed.
 */
export function escapeText(text: string): string {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // Control characters XML 1.0 cannot hold (and lone surrogates) are written as _xHHHH_, as Excel does.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const unwritable = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  if (unwritable.test(out)) {
    unwritable.lastIndex = 0;
    out = out.replace(unwritable, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  return out;
}
