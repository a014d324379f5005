/**
 * An offline check of an .xlsx package against the rules of ECMA-376 that Excel enforces on
 * open (a file that breaks one opens with "We found a problem with some content" and is
 * repaired, or not at all). Written for the tests of the writer, which must produce files
 * Excel opens as they are:
 *
 * - every XML part and relationship part is well-formed XML;
 * - every part has a content type, every override names a part, every internal
 *   relationship points at a part that exists;
 * - the workbook's sheets resolve to worksheet (or chart sheet) parts; names and ids are
 *   unique; at least one sheet is visible and the active tab is a visible one;
 * - worksheets: children in the schema's order, rows ascending, cells in column order inside
 *   a row with references on their row, `<dimension>` covering every cell, style ids within
 *   `<cellXfs>`, shared string indexes within the table, shared formulas with their master,
 *   `<cols>` sorted and not overlapping;
 * - styles: counts match their items, every cell style's font, fill, border and number
 *   format exist;
 * - tables: the range's header cells are the column names, one `<tableColumn>` per column
 *   with unique names and ids, the autoFilter inside the table and above a totals row; table
 *   ids and names unique in the workbook;
 * - the calculation chain, when there is one, lists only formula cells;
 * - drawings: a worksheet's `<drawing>` names a drawing relationship, drawing object ids are
 *   unique, a twoCellAnchor ends below and right of where it starts, a chart's graphicFrame
 *   names a chart relationship;
 * - charts: the chart elements' children in the schema's order, axes that exist, series
 *   formulas naming a range of a sheet of the workbook, caches counting that range's cells.
 *
 * `checkPackage` returns the problems found, as sentences naming the part; [] for a package
 * that passes.
 */
import JSZip from 'jszip';

const REL_TYPE = (name: string) => new RegExp(`/relationships/${name}$`);

// ---------------------------------------------------------------------------------------
// Well-formed XML
// ---------------------------------------------------------------------------------------

export interface XmlElement {
  name: string;
  /** The namespace its prefix (or the default namespace) is bound to, '' for none. */
  ns: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTR = /\s*([^\s=/>]+)\s*=\s*("[^"<]*"|'[^'<]*')/y;
// eslint-disable-next-line no-control-regex
const BAD_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

function checkText(text: string, where: () => string): string | undefined {
  if (BAD_CHAR.test(text)) return `${where()}: a character XML does not allow`;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) return `${where()}: a bare “&”`;
  }
  if (text.includes(']]>')) return `${where()}: “]]>” in text`;
  return undefined;
}

/**
 * Parses `xml`, or throws with the first reason it is not well-formed. Keeps the element
 * tree (local names, attributes, text) for the checks that follow; `keep(name)` false skips
 * building a subtree (sheetData of a large sheet is walked, not kept, by the caller).
 */
export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  const scopes: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  let root: XmlElement | undefined;
  const where = () => `at offset ${pos}`;
  if (xml.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    if (text !== '') {
      const bad = checkText(text, where);
      if (bad) throw new Error(bad);
      if (stack.length === 0 && text.trim() !== '') throw new Error(`${where()}: text outside the root element`);
      if (stack.length > 0) stack[stack.length - 1]!.text += unescape(text);
    }
    if (lt < 0) break;
    pos = lt;
    if (xml.startsWith('<?', pos)) {
      const end = xml.indexOf('?>', pos);
      if (end < 0) throw new Error(`${where()}: unclosed processing instruction`);
      if (xml.startsWith('<?xml', pos) && pos > (xml.charCodeAt(0) === 0xfeff ? 1 : 0)) throw new Error(`${where()}: XML declaration not at the start`);
      pos = end + 2;
    } else if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos + 4);
      if (end < 0) throw new Error(`${where()}: unclosed comment`);
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos);
      if (end < 0 || stack.length === 0) throw new Error(`${where()}: misplaced CDATA`);
      stack[stack.length - 1]!.text += xml.slice(pos + 9, end);
      pos = end + 3;
    } else if (xml.startsWith('<!', pos)) {
      throw new Error(`${where()}: a DOCTYPE or declaration (not allowed in OOXML)`);
    } else if (xml.startsWith('</', pos)) {
      const end = xml.indexOf('>', pos);
      if (end < 0) throw new Error(`${where()}: unclosed end tag`);
      const name = xml.slice(pos + 2, end).trim();
      const open = stack.pop();
      scopes.pop();
      if (!open) throw new Error(`${where()}: end tag </${name}> without a start`);
      if (open.name !== name) throw new Error(`${where()}: </${name}> closes <${open.name}>`);
      pos = end + 1;
    } else {
      const nameMatch = /^<([^\s/>]+)/.exec(xml.slice(pos, pos + 200));
      if (!nameMatch || !NAME.test(nameMatch[1]!)) throw new Error(`${where()}: bad element name`);
      const element: XmlElement = { name: nameMatch[1]!, ns: '', attrs: new Map(), children: [], text: '' };
      let p = pos + 1 + element.name.length;
      for (;;) {
        ATTR.lastIndex = p;
        const m = ATTR.exec(xml);
        if (!m) break;
        const [, attrName, quoted] = m;
        if (!NAME.test(attrName!)) throw new Error(`${where()}: bad attribute name ${attrName}`);
        if (element.attrs.has(attrName!)) throw new Error(`${where()}: attribute ${attrName} twice on <${element.name}>`);
        const value = quoted!.slice(1, -1);
        const bad = checkText(value, where);
        if (bad) throw new Error(bad);
        element.attrs.set(attrName!, unescape(value));
        p = ATTR.lastIndex;
        if (!/\s/.test(xml[p] ?? '') && xml[p] !== '/' && xml[p] !== '>') throw new Error(`${where()}: attributes not separated`);
      }
      while (/\s/.test(xml[p] ?? '')) p++;
      const scope = new Map(scopes[scopes.length - 1]);
      for (const [k, v] of element.attrs) {
        if (k === 'xmlns') scope.set('', v);
        else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
      }
      const colon = element.name.indexOf(':');
      const prefix = colon < 0 ? '' : element.name.slice(0, colon);
      if (!scope.has(prefix) && prefix !== '') throw new Error(`${where()}: undeclared prefix ${prefix}:`);
      element.ns = scope.get(prefix) ?? '';
      const selfClosing = xml[p] === '/';
      if (selfClosing) p++;
      if (xml[p] !== '>') throw new Error(`${where()}: malformed start tag <${element.name}`);
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error(`${where()}: a second root element`);
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        scopes.push(scope);
      }
      pos = p + 1;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const kids = (e: XmlElement | undefined, name: string) => (e ? e.children.filter((c) => local(c.name) === name) : []);
const kid = (e: XmlElement | undefined, name: string) => kids(e, name)[0];
const attrOf = (e: XmlElement | undefined, name: string) => e?.attrs.get(name);
/** The `r:id` attribute, whatever the prefix bound to the relationships namespace. */
const relId = (e: XmlElement) => [...e.attrs].find(([k]) => /(^|:)id$/.test(k) && k.includes(':'))?.[1];

// ---------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------

function col(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function cellRef(ref: string): { r: number; c: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { r: Number(m[2]) - 1, c: col(m[1]!) } : undefined;
}

function box(ref: string): Box | undefined {
  const [a, b = a] = ref.split(':');
  const p = cellRef(a!);
  const q = cellRef(b!);
  return p && q ? { r1: Math.min(p.r, q.r), c1: Math.min(p.c, q.c), r2: Math.max(p.r, q.r), c2: Math.max(p.c, q.c) } : undefined;
}

const inside = (b: Box, r: number, c: number) => r >= b.r1 && r <= b.r2 && c >= b.c1 && c <= b.c2;

function resolve(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** The content type of the part each relationship type points at. */
const CONTENT_TYPES: Record<string, string> = {
  worksheet: `${SML}.worksheet+xml`,
  chartsheet: `${SML}.chartsheet+xml`,
  sharedStrings: `${SML}.sharedStrings+xml`,
  styles: `${SML}.styles+xml`,
  table: `${SML}.table+xml`,
  comments: `${SML}.comments+xml`,
  calcChain: `${SML}.calcChain+xml`,
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

/** The worksheet children in the order CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) requires. */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

// ---------------------------------------------------------------------------------------
// The package
// ---------------------------------------------------------------------------------------

export interface CheckOptions {
  /** A sheet that must be registered very hidden (the rules sheet). */
  veryHidden?: string;
}

/** Every problem found in the package, as one sentence each; [] when there is none. */
export async function checkPackage(bytes: Uint8Array, options: CheckOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  const exists = new Set(names);
  const texts = new Map<string, string>();
  const trees = new Map<string, XmlElement>();
  for (const name of names) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const text = await zip.file(name)!.async('string');
    texts.set(name, text);
    try {
      trees.set(name, parseXml(text));
    } catch (error) {
      problems.push(`${name} is not well-formed XML: ${(error as Error).message}`);
    }
  }

  // Content types
  const types = trees.get('[Content_Types].xml');
  const typeOf = new Map<string, string>();
  if (!types) problems.push('[Content_Types].xml is missing');
  else {
    const defaults = new Map(kids(types, 'Default').map((d) => [attrOf(d, 'Extension')!.toLowerCase(), attrOf(d, 'ContentType')!]));
    const overrides = new Map(kids(types, 'Override').map((o) => [attrOf(o, 'PartName')!.replace(/^\//, '').toLowerCase(), attrOf(o, 'ContentType')!]));
    for (const part of overrides.keys())
      if (![...exists].some((n) => n.toLowerCase() === part)) problems.push(`[Content_Types].xml has an override for /${part}, which is not in the package`);
    for (const name of names) {
      if (name === '[Content_Types].xml') continue;
      const type = overrides.get(name.toLowerCase()) ?? defaults.get(name.slice(name.lastIndexOf('.') + 1).toLowerCase());
      if (!type) problems.push(`${name} has no content type`);
      else typeOf.set(name, type);
    }
  }

  // Relationships
  const relsFor = new Map<string, { id: string; type: string; target: string }[]>();
  for (const name of names.filter((n) => n.endsWith('.rels'))) {
    const tree = trees.get(name);
    if (!tree) continue;
    const source = name === '_rels/.rels' ? '' : name.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const base = dirOf(source);
    const ids = new Set<string>();
    const list: { id: string; type: string; target: string }[] = [];
    for (const rel of kids(tree, 'Relationship')) {
      const id = attrOf(rel, 'Id') ?? '';
      if (ids.has(id)) problems.push(`${name}: relationship id ${id} twice`);
      ids.add(id);
      if (attrOf(rel, 'TargetMode') === 'External') continue;
      const target = resolve(base, attrOf(rel, 'Target') ?? '');
      if (!exists.has(target)) problems.push(`${name}: ${id} points at ${target}, which is not in the package`);
      list.push({ id, type: attrOf(rel, 'Type') ?? '', target });
    }
    relsFor.set(source, list);
  }

  // Parts reached by a relationship of a SpreadsheetML type carry that type's content type.
  for (const [source, list] of relsFor) {
    for (const rel of list) {
      const kind = /\/relationships\/(\w+)$/.exec(rel.type)?.[1] ?? '';
      const expected = CONTENT_TYPES[kind];
      if (expected && exists.has(rel.target) && typeOf.get(rel.target) !== expected) {
        problems.push(`${rel.target} (${kind} of ${source || 'the package'}) has content type ${typeOf.get(rel.target) ?? 'none'}`);
      }
    }
  }

  // The workbook
  const workbookPath = relsFor.get('')?.find((r) => REL_TYPE('officeDocument').test(r.type))?.target;
  const workbook = workbookPath ? trees.get(workbookPath) : undefined;
  if (!workbookPath || !workbook) {
    problems.push('no workbook part');
    return problems;
  }
  const wbRels = new Map((relsFor.get(workbookPath) ?? []).map((r) => [r.id, r]));
  const sheetEls = kids(kid(workbook, 'sheets'), 'sheet');
  const sheetNames = new Set<string>();
  const sheetIds = new Set<string>();
  const sheets: { name: string; path: string; state: string; sheetId: string }[] = [];
  for (const el of sheetEls) {
    const name = attrOf(el, 'name') ?? '';
    const sheetId = attrOf(el, 'sheetId') ?? '';
    if (sheetNames.has(name.toLowerCase())) problems.push(`workbook: sheet name “${name}” twice`);
    if (sheetIds.has(sheetId)) problems.push(`workbook: sheetId ${sheetId} twice`);
    sheetNames.add(name.toLowerCase());
    sheetIds.add(sheetId);
    const rel = wbRels.get(relId(el) ?? '');
    if (!rel) {
      problems.push(`workbook: sheet “${name}” has no relationship`);
      continue;
    }
    if (!REL_TYPE('worksheet').test(rel.type) && !REL_TYPE('chartsheet').test(rel.type)) problems.push(`workbook: sheet “${name}” is a ${rel.type}`);
    if (REL_TYPE('worksheet').test(rel.type) && typeOf.get(rel.target) !== 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml') {
      problems.push(`${rel.target} (sheet “${name}”) has content type ${typeOf.get(rel.target) ?? 'none'}`);
    }
    sheets.push({ name, path: REL_TYPE('worksheet').test(rel.type) ? rel.target : '', state: attrOf(el, 'state') ?? 'visible', sheetId });
  }
  const visible = sheets.map((s, i) => (s.state === 'visible' ? i : -1)).filter((i) => i >= 0);
  if (visible.length === 0) problems.push('workbook: no visible sheet');
  const activeTab = Number(attrOf(kid(kid(workbook, 'bookViews'), 'workbookView'), 'activeTab') ?? 0);
  if (sheets[activeTab] && sheets[activeTab]!.state !== 'visible')
    problems.push(`workbook: the active tab (${activeTab}, “${sheets[activeTab]!.name}”) is ${sheets[activeTab]!.state}`);
  if (options.veryHidden !== undefined) {
    const store = sheets.find((s) => s.name === options.veryHidden);
    if (!store) problems.push(`workbook: no sheet “${options.veryHidden}”`);
    else {
      if (store.state !== 'veryHidden') problems.push(`workbook: sheet “${options.veryHidden}” is ${store.state}, not veryHidden`);
      if (!store.path || !exists.has(store.path)) problems.push(`workbook: sheet “${options.veryHidden}” has no worksheet part`);
    }
  }

  // Shared strings and styles
  const sstPath = [...wbRels.values()].find((r) => REL_TYPE('sharedStrings').test(r.type))?.target;
  const sst = sstPath ? trees.get(sstPath) : undefined;
  const sstItems = sst ? kids(sst, 'si') : [];
  const sstTexts = sstItems.map((si) => {
    const ts = kid(si, 't')
      ? [kid(si, 't')!]
      : kids(si, 'r')
          .map((r) => kid(r, 't'))
          .filter((t): t is XmlElement => t !== undefined);
    return ts.map((t) => t.text).join('');
  });
  if (sst && attrOf(sst, 'uniqueCount') !== undefined && Number(attrOf(sst, 'uniqueCount')) !== sstItems.length) {
    problems.push(`${sstPath}: uniqueCount ${attrOf(sst, 'uniqueCount')} but ${sstItems.length} items`);
  }
  const stylesPath = [...wbRels.values()].find((r) => REL_TYPE('styles').test(r.type))?.target;
  const styles = stylesPath ? trees.get(stylesPath) : undefined;
  let xfCount = 1;
  if (styles) {
    for (const [section, item] of [
      ['numFmts', 'numFmt'],
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellStyleXfs', 'xf'],
      ['cellXfs', 'xf'],
      ['cellStyles', 'cellStyle'],
      ['dxfs', 'dxf'],
    ] as const) {
      const el = kid(styles, section);
      const count = attrOf(el, 'count');
      if (el && count !== undefined && Number(count) !== kids(el, item).length)
        problems.push(`${stylesPath}: <${section} count="${count}"> holds ${kids(el, item).length}`);
    }
    const numFmtIds = new Set(kids(kid(styles, 'numFmts'), 'numFmt').map((n) => Number(attrOf(n, 'numFmtId'))));
    const count = (s: string, i: string) => kids(kid(styles, s), i).length;
    const xfs = kids(kid(styles, 'cellXfs'), 'xf');
    xfCount = xfs.length;
    xfs.forEach((xf, i) => {
      const check = (a: string, max: number) => {
        const v = Number(attrOf(xf, a) ?? 0);
        if (!(v >= 0 && v < max)) problems.push(`${stylesPath}: cell style ${i} has ${a}="${attrOf(xf, a)}" of ${max}`);
      };
      check('fontId', count('fonts', 'font'));
      check('fillId', count('fills', 'fill'));
      check('borderId', count('borders', 'border'));
      check('xfId', count('cellStyleXfs', 'xf'));
      const numFmt = Number(attrOf(xf, 'numFmtId') ?? 0);
      if (numFmt >= 164 && !numFmtIds.has(numFmt)) problems.push(`${stylesPath}: cell style ${i} uses number format ${numFmt}, which is not defined`);
    });
  }

  // Worksheets and their tables
  const formulaCells = new Map<string, Set<string>>();
  const tableIds = new Set<string>();
  const tableNames = new Set<string>();
  const drawings: { path: string; sheet: string }[] = [];
  for (const sheet of sheets) {
    if (!sheet.path) continue;
    const tree = trees.get(sheet.path);
    if (!tree) continue;
    const where = `${sheet.path} (“${sheet.name}”)`;
    const children = tree.children.filter((c) => local(c.name) !== 'AlternateContent');
    const order = children.map((c) => WORKSHEET_ORDER.indexOf(local(c.name)));
    order.forEach((o, i) => {
      if (o < 0) problems.push(`${where}: unknown element <${children[i]!.name}>`);
      if (i > 0 && o >= 0 && o < order[i - 1]!) problems.push(`${where}: <${children[i]!.name}> after <${children[i - 1]!.name}>`);
      if (i > 0 && o >= 0 && o === order[i - 1]! && local(children[i]!.name) !== 'conditionalFormatting')
        problems.push(`${where}: <${children[i]!.name}> twice`);
    });
    const outside = (e: XmlElement): string[] => [
      ...(e.ns !== MAIN_NS ? [`<${e.name}>`] : []),
      ...e.children.filter((c) => !/^(extLst|AlternateContent)$/.test(local(c.name))).flatMap(outside),
    ];
    const foreign = outside(tree);
    if (foreign.length > 0) problems.push(`${where}: ${foreign.slice(0, 3).join(', ')} outside the SpreadsheetML namespace`);
    const cells = new Map<string, XmlElement>();
    const formulas = new Set<string>();
    const masters = new Map<string, Box>();
    const dependents: { si: string; r: number; c: number }[] = [];
    let lastRow = -1;
    let used: Box | undefined;
    for (const row of kids(kid(tree, 'sheetData'), 'row')) {
      const r = attrOf(row, 'r') === undefined ? lastRow + 1 : Number(attrOf(row, 'r')) - 1;
      if (!(r > lastRow)) problems.push(`${where}: row ${r + 1} after row ${lastRow + 1}`);
      lastRow = r;
      const rowStyle = attrOf(row, 's');
      if (rowStyle !== undefined && !(Number(rowStyle) < xfCount)) problems.push(`${where}: row ${r + 1} has style ${rowStyle} of ${xfCount}`);
      let lastCol = -1;
      for (const c of kids(row, 'c')) {
        const ref = attrOf(c, 'r');
        const at = ref === undefined ? { r, c: lastCol + 1 } : cellRef(ref);
        if (!at) {
          problems.push(`${where}: cell reference “${ref}”`);
          continue;
        }
        if (at.r !== r) problems.push(`${where}: cell ${ref} inside row ${r + 1}`);
        if (!(at.c > lastCol)) problems.push(`${where}: cell ${ref} after column ${lastCol + 1} in row ${r + 1}`);
        lastCol = at.c;
        const key = `${r},${at.c}`;
        cells.set(key, c);
        used = used
          ? { r1: Math.min(used.r1, r), c1: Math.min(used.c1, at.c), r2: Math.max(used.r2, r), c2: Math.max(used.c2, at.c) }
          : { r1: r, c1: at.c, r2: r, c2: at.c };
        const s = attrOf(c, 's');
        if (s !== undefined && !(/^\d+$/.test(s) && Number(s) < xfCount)) problems.push(`${where}: cell ${ref} has style ${s} of ${xfCount}`);
        const t = attrOf(c, 't') ?? 'n';
        if (!['n', 's', 'str', 'inlineStr', 'b', 'e', 'd'].includes(t)) problems.push(`${where}: cell ${ref} has type “${t}”`);
        const v = kid(c, 'v');
        if (t === 's' && v && !(/^\d+$/.test(v.text) && Number(v.text) < sstItems.length))
          problems.push(`${where}: cell ${ref} uses shared string ${v.text} of ${sstItems.length}`);
        if (t === 'n' && v && v.text !== '' && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.text))
          problems.push(`${where}: cell ${ref} holds “${v.text}” as a number`);
        if (t === 'inlineStr' && !kid(c, 'is')) problems.push(`${where}: inline string cell ${ref} without <is>`);
        const f = kid(c, 'f');
        if (f) {
          formulas.add(key);
          if (attrOf(f, 't') === 'shared') {
            const si = attrOf(f, 'si') ?? '';
            const fref = attrOf(f, 'ref');
            if (fref !== undefined) {
              const b = box(fref);
              if (!b || b.r1 !== r || b.c1 !== at.c) problems.push(`${where}: shared formula ${si} at ${ref} with range ${fref}`);
              else masters.set(si, b);
            } else dependents.push({ si, r, c: at.c });
          }
        }
      }
    }
    for (const d of dependents) {
      const master = masters.get(d.si);
      if (!master || !inside(master, d.r, d.c)) problems.push(`${where}: shared formula ${d.si} at row ${d.r + 1}, column ${d.c + 1} has no master over it`);
    }
    formulaCells.set(sheet.sheetId, formulas);
    const dimension = attrOf(kid(tree, 'dimension'), 'ref');
    if (dimension !== undefined && used) {
      const b = box(dimension);
      if (!b || !inside(b, used.r1, used.c1) || !inside(b, used.r2, used.c2))
        problems.push(
          `${where}: <dimension ref="${dimension}"> does not cover the cells (rows ${used.r1 + 1}-${used.r2 + 1}, columns ${used.c1 + 1}-${used.c2 + 1})`,
        );
    }
    let lastMax = 0;
    for (const c of kids(kid(tree, 'cols'), 'col')) {
      const min = Number(attrOf(c, 'min'));
      const max = Number(attrOf(c, 'max'));
      if (!(min >= 1 && max >= min && min > lastMax)) problems.push(`${where}: <col min="${min}" max="${max}"> after column ${lastMax}`);
      lastMax = max;
    }
    const drawingEl = kid(tree, 'drawing');
    if (drawingEl) {
      const rel = (relsFor.get(sheet.path) ?? []).find((r) => r.id === relId(drawingEl));
      if (!rel || !REL_TYPE('drawing').test(rel.type))
        problems.push(`${where}: <drawing> names ${relId(drawingEl) ?? 'no relationship'}, not a drawing relationship`);
      else drawings.push({ path: rel.target, sheet: sheet.name });
    }
    const tableParts = kid(tree, 'tableParts');
    if (tableParts && attrOf(tableParts, 'count') !== undefined && Number(attrOf(tableParts, 'count')) !== kids(tableParts, 'tablePart').length) {
      problems.push(`${where}: tableParts count does not match`);
    }
    const sheetRels = new Map((relsFor.get(sheet.path) ?? []).map((r) => [r.id, r]));
    for (const part of kids(tableParts, 'tablePart')) {
      const rel = sheetRels.get(relId(part) ?? '');
      const table = rel ? trees.get(rel.target) : undefined;
      if (!rel || !table) {
        problems.push(`${where}: a tablePart without its table`);
        continue;
      }
      const tw = `${rel.target}`;
      const id = attrOf(table, 'id') ?? '';
      const name = (attrOf(table, 'name') ?? '').toLowerCase();
      if (tableIds.has(id)) problems.push(`${tw}: table id ${id} used twice`);
      if (tableNames.has(name)) problems.push(`${tw}: table name ${name} used twice`);
      tableIds.add(id);
      tableNames.add(name);
      const ref = box(attrOf(table, 'ref') ?? '');
      if (!ref) {
        problems.push(`${tw}: no range`);
        continue;
      }
      const columns = kids(kid(table, 'tableColumns'), 'tableColumn');
      const width = ref.c2 - ref.c1 + 1;
      const declared = attrOf(kid(table, 'tableColumns'), 'count');
      if (columns.length !== width) problems.push(`${tw}: ${columns.length} table columns for a range ${width} wide`);
      if (declared !== undefined && Number(declared) !== columns.length) problems.push(`${tw}: tableColumns count="${declared}" holds ${columns.length}`);
      const colNames = new Set<string>();
      const colIds = new Set<string>();
      columns.forEach((tc, i) => {
        const n = attrOf(tc, 'name') ?? '';
        if (colNames.has(n.toLowerCase())) problems.push(`${tw}: column name “${n}” twice`);
        if (colIds.has(attrOf(tc, 'id') ?? '')) problems.push(`${tw}: column id ${attrOf(tc, 'id')} twice`);
        colNames.add(n.toLowerCase());
        colIds.add(attrOf(tc, 'id') ?? '');
        if (attrOf(table, 'headerRowCount') === '0') return;
        const cell = cells.get(`${ref.r1},${ref.c1 + i}`);
        const t = cell ? attrOf(cell, 't') : undefined;
        const v = cell ? kid(cell, 'v')?.text : undefined;
        const text = t === 's' && v !== undefined ? sstTexts[Number(v)] : t === 'inlineStr' ? kid(kid(cell, 'is'), 't')?.text : t === 'str' ? v : undefined;
        if (text === undefined) {
          if (!cell || v === undefined) problems.push(`${tw}: header cell of column “${n}” is empty`);
        } else if (text !== n) problems.push(`${tw}: column “${n}” under the header cell “${text}”`);
      });
      const totals = Number(attrOf(table, 'totalsRowCount') ?? 0);
      const filter = kid(table, 'autoFilter');
      if (filter) {
        const f = box(attrOf(filter, 'ref') ?? '');
        if (!f || f.r1 !== ref.r1 || f.c1 < ref.c1 || f.c2 > ref.c2 || f.r2 > ref.r2 - totals)
          problems.push(`${tw}: autoFilter ${attrOf(filter, 'ref')} outside the table ${attrOf(table, 'ref')} above its totals row`);
      }
    }
  }

  problems.push(...checkDrawings(drawings, trees, relsFor, new Set(sheets.map((s) => s.name))));

  // The calculation chain
  const chainPath = [...wbRels.values()].find((r) => REL_TYPE('calcChain').test(r.type))?.target;
  const chain = chainPath ? trees.get(chainPath) : undefined;
  if (chain) {
    let sheetId = '';
    for (const c of kids(chain, 'c')) {
      sheetId = attrOf(c, 'i') ?? sheetId;
      const at = cellRef(attrOf(c, 'r') ?? '');
      const formulas = formulaCells.get(sheetId);
      if (at && formulas && !formulas.has(`${at.r},${at.c}`)) problems.push(`${chainPath}: ${attrOf(c, 'r')} of sheet ${sheetId} holds no formula`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Drawings and charts
// ---------------------------------------------------------------------------------------

const SPREADSHEET_DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';

/**
 * The children of the chart elements in the order the DrawingML chart schema (ECMA-376
 * Part 1, 21.2.2) requires. Elements not listed are left alone: excelize writes a few the
 * schema does not have there (`smooth` in a bar series, `invertIfNegative` in a radar one),
 * which Excel reads past.
 */
const CHART_ORDER: Record<string, string[]> = {
  chartSpace: [
    'date1904',
    'lang',
    'roundedCorners',
    'AlternateContent',
    'style',
    'clrMapOvr',
    'pivotSource',
    'protection',
    'chart',
    'spPr',
    'txPr',
    'externalData',
    'printSettings',
    'userShapes',
    'extLst',
  ],
  chart: [
    'title',
    'autoTitleDeleted',
    'pivotFmts',
    'view3D',
    'floor',
    'sideWall',
    'backWall',
    'plotArea',
    'legend',
    'plotVisOnly',
    'dispBlanksAs',
    'showDLblsOverMax',
    'extLst',
  ],
  title: ['tx', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  legend: ['legendPos', 'legendEntry', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  radarChart: ['radarStyle', 'varyColors', 'ser', 'dLbls', 'axId', 'extLst'],
  barChart: ['barDir', 'grouping', 'varyColors', 'ser', 'dLbls', 'gapWidth', 'overlap', 'serLines', 'axId', 'extLst'],
  lineChart: ['grouping', 'varyColors', 'ser', 'dLbls', 'dropLines', 'hiLowLines', 'upDownBars', 'marker', 'smooth', 'axId', 'extLst'],
  catAx: [
    'axId',
    'scaling',
    'delete',
    'axPos',
    'majorGridlines',
    'minorGridlines',
    'title',
    'numFmt',
    'majorTickMark',
    'minorTickMark',
    'tickLblPos',
    'spPr',
    'txPr',
    'crossAx',
    'crosses',
    'crossesAt',
    'auto',
    'lblAlgn',
    'lblOffset',
    'tickLblSkip',
    'tickMarkSkip',
    'noMultiLvlLbl',
    'extLst',
  ],
  valAx: [
    'axId',
    'scaling',
    'delete',
    'axPos',
    'majorGridlines',
    'minorGridlines',
    'title',
    'numFmt',
    'majorTickMark',
    'minorTickMark',
    'tickLblPos',
    'spPr',
    'txPr',
    'crossAx',
    'crosses',
    'crossesAt',
    'crossBetween',
    'majorUnit',
    'minorUnit',
    'dispUnits',
    'extLst',
  ],
  strRef: ['f', 'strCache', 'extLst'],
  numRef: ['f', 'numCache', 'extLst'],
  strCache: ['ptCount', 'pt', 'extLst'],
  numCache: ['formatCode', 'ptCount', 'pt', 'extLst'],
};
const SER_ORDER: Record<string, string[]> = {
  radarChart: ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'cat', 'val', 'extLst'],
  // invertIfNegative (after spPr) is left out: excelize writes it after dLbls, and Excel reads that.
  barChart: ['idx', 'order', 'tx', 'spPr', 'pictureOptions', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'shape', 'extLst'],
  lineChart: ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'smooth', 'extLst'],
};
const PLOT_AREA_ORDER = ['layout', 'PLOT', 'AXIS', 'dTable', 'spPr', 'extLst'];
const AXES = new Set(['valAx', 'catAx', 'dateAx', 'serAx']);

/** Where the children of `e` break `order` (children it does not list are skipped); one sentence each. */
function orderProblems(e: XmlElement, order: readonly string[], where: string, rank: (name: string) => number = (n) => order.indexOf(n)): string[] {
  const out: string[] = [];
  let last = -1;
  let lastName = '';
  for (const child of e.children) {
    const name = local(child.name);
    const r = rank(name);
    if (r < 0) continue;
    if (r < last) out.push(`${where}: <${name}> after <${lastName}> in <${local(e.name)}>`);
    last = r;
    lastName = name;
  }
  return out;
}

/** `'评分图表'!$A$4:$A$8` as a sheet name and a box; undefined when it is not one. */
function formulaRef(f: string): { sheet: string; box: Box } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/.exec(f.trim());
  const b = m ? box(m[3]!.replace(/\$/g, '')) : undefined;
  return m && b ? { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), box: b } : undefined;
}

function checkDrawings(
  drawings: readonly { path: string; sheet: string }[],
  trees: ReadonlyMap<string, XmlElement>,
  relsFor: ReadonlyMap<string, { id: string; type: string; target: string }[]>,
  sheetNames: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const { path, sheet } of drawings) {
    const tree = trees.get(path);
    if (!tree) continue;
    const where = `${path} (drawing of “${sheet}”)`;
    if (local(tree.name) !== 'wsDr' || tree.ns !== SPREADSHEET_DRAWING_NS) {
      problems.push(`${where}: the root is <${tree.name}>, not a spreadsheet drawing`);
      continue;
    }
    const rels = new Map((relsFor.get(path) ?? []).map((r) => [r.id, r]));
    const ids = new Set<string>();
    const walk = (e: XmlElement): void => {
      if (local(e.name) === 'cNvPr') {
        const id = attrOf(e, 'id') ?? '';
        if (ids.has(id)) problems.push(`${where}: drawing object id ${id} twice`);
        ids.add(id);
      }
      e.children.forEach(walk);
    };
    walk(tree);
    for (const anchor of tree.children.filter((c) => /Anchor$/.test(local(c.name)))) {
      if (local(anchor.name) === 'twoCellAnchor') {
        const corner = (tag: string) => {
          const c = kid(anchor, tag);
          return { col: Number(kid(c, 'col')?.text), row: Number(kid(c, 'row')?.text) };
        };
        const from = corner('from');
        const to = corner('to');
        if (!(from.col >= 0 && from.row >= 0 && to.col >= from.col && to.row >= from.row))
          problems.push(`${where}: an anchor from column ${from.col}, row ${from.row} to column ${to.col}, row ${to.row}`);
      }
      const frame = kid(anchor, 'graphicFrame');
      const chartEl = frame ? kid(kid(kid(frame, 'graphic'), 'graphicData'), 'chart') : undefined;
      if (!chartEl) continue;
      const name = attrOf(kid(kid(frame, 'nvGraphicFramePr'), 'cNvPr'), 'name') ?? '';
      const rel = rels.get(relId(chartEl) ?? '');
      if (!rel || !REL_TYPE('chart').test(rel.type)) {
        problems.push(`${where}: chart “${name}” names ${relId(chartEl) ?? 'no relationship'}, not a chart relationship`);
        continue;
      }
      problems.push(...checkChart(rel.target, trees.get(rel.target), sheetNames));
    }
  }
  return problems;
}

function checkChart(path: string, tree: XmlElement | undefined, sheetNames: ReadonlySet<string>): string[] {
  if (!tree) return [];
  const problems: string[] = [];
  if (local(tree.name) !== 'chartSpace' || tree.ns !== CHART_NS) return [`${path}: the root is <${tree.name}>, not a chartSpace`];
  const visit = (e: XmlElement): void => {
    const name = local(e.name);
    if (CHART_ORDER[name] && e.ns === CHART_NS) problems.push(...orderProblems(e, CHART_ORDER[name]!, path));
    e.children.forEach(visit);
  };
  visit(tree);
  const plotArea = kid(kid(tree, 'chart'), 'plotArea');
  if (!plotArea) return [...problems, `${path}: no plotArea`];
  problems.push(...orderProblems(plotArea, PLOT_AREA_ORDER, path, (n) => PLOT_AREA_ORDER.indexOf(AXES.has(n) ? 'AXIS' : /Chart$/.test(n) ? 'PLOT' : n)));
  const axisIds = new Set(plotArea.children.filter((c) => AXES.has(local(c.name))).map((a) => attrOf(kid(a, 'axId'), 'val') ?? ''));
  for (const axis of plotArea.children.filter((c) => AXES.has(local(c.name)))) {
    const cross = attrOf(kid(axis, 'crossAx'), 'val') ?? '';
    if (!axisIds.has(cross)) problems.push(`${path}: <${local(axis.name)}> crosses axis ${cross}, which the plot area lacks`);
  }
  for (const plot of plotArea.children.filter((c) => /Chart$/.test(local(c.name)))) {
    const kind = local(plot.name);
    for (const id of kids(plot, 'axId'))
      if (!axisIds.has(attrOf(id, 'val') ?? '')) problems.push(`${path}: <${kind}> uses axis ${attrOf(id, 'val')}, which the plot area lacks`);
    for (const ser of kids(plot, 'ser')) {
      const order = SER_ORDER[kind];
      if (order) problems.push(...orderProblems(ser, order, path));
      for (const source of [kid(ser, 'tx'), kid(ser, 'cat'), kid(ser, 'val')]) {
        const ref = kid(source, 'strRef') ?? kid(source, 'numRef');
        if (!ref) continue;
        const f = kid(ref, 'f')?.text ?? '';
        // A series name may be a formula of its own (excelize writes a name given as text there).
        if (source === kid(ser, 'tx') && !f.includes('!')) continue;
        const target = formulaRef(f);
        if (!target || !sheetNames.has(target.sheet)) {
          problems.push(`${path}: series formula “${f}” does not name a range of a sheet of the workbook`);
          continue;
        }
        const cache = kid(ref, 'strCache') ?? kid(ref, 'numCache');
        if (!cache) continue;
        const cells = (target.box.r2 - target.box.r1 + 1) * (target.box.c2 - target.box.c1 + 1);
        if (!kid(cache, 'ptCount')) continue; // optional: a cache excelize leaves empty
        const count = Number(attrOf(kid(cache, 'ptCount'), 'val'));
        if (count !== cells) problems.push(`${path}: the cache of “${f}” counts ${attrOf(kid(cache, 'ptCount'), 'val')} points for ${cells} cells`);
        for (const pt of kids(cache, 'pt')) {
          const idx = Number(attrOf(pt, 'idx'));
          if (!(idx >= 0 && idx < count)) problems.push(`${path}: a cached point ${attrOf(pt, 'idx')} of “${f}” outside its ${count}`);
          if (local(cache.name) === 'numCache' && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(kid(pt, 'v')?.text ?? ''))
            problems.push(`${path}: cached value “${kid(pt, 'v')?.text}” of “${f}” is not a number`);
        }
      }
    }
  }
  return problems;
}
