/**
 * The checks of an add-in manifest, shared by test/manifest.test.ts (manifest.xml, what
 * development sideloads) and test/deploy/build.test.ts (dist/manifest.xml, built for a team's
 * address): a namespace-aware XML reader, xmllint against Microsoft's XSDs in
 * test/schemas/manifest/, and checks that each return a list of problems (empty = passes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const MANIFEST_PATH = join(ROOT, 'manifest.xml');
export const SCHEMA_PATH = join(ROOT, 'test', 'schemas', 'manifest', 'OfficeAppManifestV1_1.xsd');

export const NS_OFFICEAPP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
export const NS_BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
export const NS_TASKPANE = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const NS_XML = 'http://www.w3.org/XML/1998/namespace';

/** The Id of Microsoft's Yeoman task-pane template: a copied Id collides with other add-ins. */
export const TEMPLATE_IDS = ['05c2e1c9-3e1d-406e-9a91-e9ac64854143'];

// ---------------------------------------------------------------------------------------
// A minimal namespace-aware XML reader (elements, attributes, text, comments, PIs, CDATA).
// xmllint is the authority on well-formedness; this one throws on what it cannot read.
// ---------------------------------------------------------------------------------------

export interface XmlElement {
  qname: string;
  local: string;
  ns: string | undefined;
  attrs: Map<string, string>;
  children: XmlElement[];
  parent: XmlElement | undefined;
  text: string;
  line: number;
}

const NAME = String.raw`[^\s<>/=!?"']+`;
const START_TAG = new RegExp(String.raw`<(${NAME})((?:\s+${NAME}\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>`, 'y');
const END_TAG = new RegExp(String.raw`</(${NAME})\s*>`, 'y');
const ATTR = new RegExp(String.raw`(${NAME})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');

function decodeEntities(s: string, line: number): string {
  return s.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`line ${line}: bare "&" (write &amp;)`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name in named) return named[name]!;
    const num = /^#x([0-9a-fA-F]+)$/.exec(name) ?? /^#([0-9]+)$/.exec(name);
    if (num) return String.fromCodePoint(parseInt(num[1]!, name.startsWith('#x') ? 16 : 10));
    throw new Error(`line ${line}: unknown entity &${name};`);
  });
}

export function parseXml(src: string): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const lineAt = (pos: number): number => src.slice(0, pos).split('\n').length;

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    const top = stack[stack.length - 1];
    if (top) top.text += decodeEntities(text, lineAt(i));
    else if (text.trim() !== '') throw new Error(`line ${lineAt(i)}: text outside the root element`);
    if (lt < 0) break;

    const line = lineAt(lt);
    const closeOf = (marker: string, from: number): number => {
      const end = src.indexOf(marker, from);
      if (end < 0) throw new Error(`line ${line}: unterminated construct (no "${marker}")`);
      return end + marker.length;
    };
    if (src.startsWith('<?', lt)) {
      i = closeOf('?>', lt + 2);
    } else if (src.startsWith('<!--', lt)) {
      i = closeOf('-->', lt + 4);
    } else if (src.startsWith('<![CDATA[', lt)) {
      if (!top) throw new Error(`line ${line}: CDATA outside the root element`);
      i = closeOf(']]>', lt + 9);
      top.text += src.slice(lt + 9, i - 3);
    } else if (src.startsWith('<!', lt)) {
      throw new Error(`line ${line}: DOCTYPE/markup declarations are not expected in a manifest`);
    } else if (src.startsWith('</', lt)) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(src);
      if (!m) throw new Error(`line ${line}: malformed end tag`);
      const open = stack.pop();
      if (!open) throw new Error(`line ${line}: end tag </${m[1]}> without a start tag`);
      if (open.qname !== m[1]) {
        throw new Error(`line ${line}: end tag </${m[1]}> does not match <${open.qname}> of line ${open.line}`);
      }
      i = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(src);
      if (!m) throw new Error(`line ${line}: malformed start tag`);
      if (!top && root) throw new Error(`line ${line}: a second root element <${m[1]}>`);
      const el: XmlElement = {
        qname: m[1]!,
        local: '',
        ns: undefined,
        attrs: new Map(),
        children: [],
        parent: top,
        text: '',
        line,
      };
      for (const a of (m[2] ?? '').matchAll(ATTR)) {
        if (el.attrs.has(a[1]!)) throw new Error(`line ${line}: duplicate attribute ${a[1]}`);
        el.attrs.set(a[1]!, decodeEntities(a[2] ?? a[3] ?? '', line));
      }
      if (top) top.children.push(el);
      else root = el;
      if (m[3] !== '/') stack.push(el);
      i = START_TAG.lastIndex;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new Error(`line ${unclosed.line}: <${unclosed.qname}> is never closed`);
  if (!root) throw new Error('no root element');
  resolveNamespaces(root, new Map([['xml', NS_XML]]));
  return root;
}

function resolveNamespaces(el: XmlElement, inherited: Map<string, string>): void {
  const scope = new Map(inherited);
  for (const [name, value] of el.attrs) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const colon = el.qname.indexOf(':');
  const prefix = colon < 0 ? '' : el.qname.slice(0, colon);
  el.local = colon < 0 ? el.qname : el.qname.slice(colon + 1);
  el.ns = scope.get(prefix);
  if (prefix !== '' && el.ns === undefined) throw new Error(`line ${el.line}: undeclared prefix "${prefix}:"`);
  for (const child of el.children) resolveNamespaces(child, scope);
}

function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

export const find = (el: XmlElement, ns: string, local: string): XmlElement[] => [...descendants(el)].filter((d) => d.ns === ns && d.local === local);

export const childrenOf = (el: XmlElement, ns: string, local: string): XmlElement[] => el.children.filter((c) => c.ns === ns && c.local === local);

const at = (el: XmlElement): string => `<${el.qname}> (line ${el.line})`;

// ---------------------------------------------------------------------------------------
// xmllint
// ---------------------------------------------------------------------------------------

export const XMLLINT_MISSING =
  'xmllint was not found: install libxml2-utils (apt-get install -y libxml2-utils) so that ' + 'manifest.xml can be validated against the Office add-in XSDs.';

export interface LintResult {
  ok: boolean;
  output: string;
}

export function xmllint(args: string[], env: NodeJS.ProcessEnv = process.env): LintResult {
  const r = spawnSync('xmllint', ['--nonet', '--noout', ...args], { encoding: 'utf8', env, timeout: 60_000 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(XMLLINT_MISSING);
    throw r.error;
  }
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

export const validateAgainstSchema = (file: string): LintResult => xmllint(['--schema', SCHEMA_PATH, file]);

// ---------------------------------------------------------------------------------------
// The checks: each returns a list of problems (empty = passes).
// ---------------------------------------------------------------------------------------

export function checkId(doc: XmlElement): string[] {
  const ids = childrenOf(doc, NS_OFFICEAPP, 'Id');
  if (ids.length !== 1) return [`expected one <Id>, found ${ids.length}`];
  const id = ids[0]!.text.trim();
  const problems: string[] = [];
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) {
    problems.push(`<Id> "${id}" is not a GUID (RFC 4122 form, e.g. from crypto.randomUUID())`);
  }
  if (TEMPLATE_IDS.includes(id.toLowerCase())) problems.push(`<Id> "${id}" is the Office template's Id; generate a new one`);
  return problems;
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
const RESOURCE_KINDS: ResourceKind[] = ['Images', 'Urls', 'ShortStrings', 'LongStrings'];

/** Which kind of resource an element's resid must name, by the element's local name. */
const EXPECTED_KIND: Record<string, ResourceKind> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};

interface Resource {
  kind: ResourceKind;
  el: XmlElement;
}

function resources(doc: XmlElement): Map<string, Resource[]> {
  const byId = new Map<string, Resource[]>();
  for (const res of find(doc, NS_TASKPANE, 'Resources')) {
    for (const kind of RESOURCE_KINDS) {
      for (const group of childrenOf(res, NS_BT, kind)) {
        for (const el of group.children) {
          const id = el.attrs.get('id') ?? '';
          byId.set(id, [...(byId.get(id) ?? []), { kind, el }]);
        }
      }
    }
  }
  return byId;
}

export function checkResids(doc: XmlElement): string[] {
  const problems: string[] = [];
  const defined = resources(doc);
  for (const [id, defs] of defined) {
    if (defs.length > 1) {
      problems.push(`resource id "${id}" is defined ${defs.length} times: ${defs.map((d) => at(d.el)).join(', ')}`);
    }
  }
  const refs = [doc, ...descendants(doc)].filter((el) => el.attrs.has('resid'));
  if (refs.length === 0) problems.push('no resid references at all: is the VersionOverrides ribbon missing?');
  for (const el of refs) {
    const id = el.attrs.get('resid')!;
    const defs = defined.get(id) ?? [];
    if (defs.length === 0) {
      problems.push(`resid "${id}" on ${at(el)} is not defined in <Resources>`);
      continue;
    }
    const want = EXPECTED_KIND[el.local];
    if (want && defs.some((d) => d.kind !== want)) {
      problems.push(`resid "${id}" on ${at(el)} must name a bt:${want} entry, not bt:${defs[0]!.kind}`);
    }
  }
  return problems;
}

/** Width and height from a PNG's IHDR chunk, or a reason it is not a PNG. */
function pngSize(file: string): { width: number; height: number } | string {
  const buf = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(signature)) return 'not a PNG file';
  if (buf.toString('ascii', 12, 16) !== 'IHDR') return 'PNG without an IHDR first chunk';
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * Where a manifest's icons are: the URLs under `baseUrl` name files under `dir`
 * (…/assets/icon-32.png → <dir>/assets/icon-32.png).
 */
export interface IconFiles {
  baseUrl: string;
  dir: string;
}

/** manifest.xml: https://localhost:3000/assets/… are the repository's assets/. */
export const DEV_ICON_FILES: IconFiles = { baseUrl: 'https://localhost:3000/', dir: ROOT };

/** Where a manifest URL's file lives, e.g. …/assets/icon-32.png → <dir>/assets/icon-32.png. */
function assetFileFor(url: string, icons: IconFiles): string | undefined {
  if (!url.startsWith(icons.baseUrl)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(new URL(url).pathname.slice(new URL(icons.baseUrl).pathname.length));
  } catch {
    return undefined;
  }
  return relative.startsWith('assets/') && !relative.split('/').includes('..') ? join(icons.dir, relative) : undefined;
}

/** The values (DefaultValue and every Override Value) of a locale-aware URL setting. */
function urlValues(el: XmlElement): string[] {
  const values = [el.attrs.get('DefaultValue') ?? ''];
  for (const o of el.children.filter((c) => c.local === 'Override')) values.push(o.attrs.get('Value') ?? '');
  return values;
}

export function checkIcons(doc: XmlElement, icons: IconFiles = DEV_ICON_FILES): string[] {
  const wanted: { url: string; size: number; where: string }[] = [];
  for (const [local, size] of [
    ['IconUrl', 32],
    ['HighResolutionIconUrl', 64],
  ] as const) {
    for (const el of childrenOf(doc, NS_OFFICEAPP, local)) {
      for (const url of urlValues(el)) wanted.push({ url, size, where: at(el) });
    }
  }
  const problems: string[] = [];
  if (wanted.length < 2) problems.push('<IconUrl> and <HighResolutionIconUrl> are both expected');

  const imageRefs = find(doc, NS_BT, 'Image').filter((el) => el.attrs.has('resid'));
  for (const [id, defs] of resources(doc)) {
    for (const def of defs.filter((d) => d.kind === 'Images')) {
      const sizes = new Set(imageRefs.filter((r) => r.attrs.get('resid') === id).map((r) => Number(r.attrs.get('size'))));
      if (sizes.size === 0) problems.push(`image resource "${id}" ${at(def.el)} is never used, so its size cannot be checked`);
      for (const size of sizes) {
        for (const url of urlValues(def.el)) wanted.push({ url, size, where: `image resource "${id}" ${at(def.el)}` });
      }
    }
  }

  for (const { url, size, where } of wanted) {
    const file = assetFileFor(url, icons);
    if (!file) {
      problems.push(`${where}: icon URL ${url} does not point into ${icons.baseUrl}assets/`);
      continue;
    }
    if (!existsSync(file)) {
      problems.push(`${where}: icon URL ${url} has no file ${file.slice(icons.dir.length + 1)}`);
      continue;
    }
    const dims = pngSize(file);
    if (typeof dims === 'string') problems.push(`${where}: ${file.slice(icons.dir.length + 1)} is ${dims}`);
    else if (dims.width !== size || dims.height !== size) {
      problems.push(`${where}: ${file.slice(icons.dir.length + 1)} is ${dims.width}×${dims.height} px, declared ${size}×${size}`);
    }
  }
  return problems;
}

const ZH = 'zh-CN';

export function checkZhOverrides(doc: XmlElement): string[] {
  const problems: string[] = [];
  const locale = childrenOf(doc, NS_OFFICEAPP, 'DefaultLocale')[0]?.text.trim();
  if (locale !== 'en-US') problems.push(`<DefaultLocale> is "${locale}", expected en-US`);

  const localized = [
    ...childrenOf(doc, NS_OFFICEAPP, 'DisplayName'),
    ...childrenOf(doc, NS_OFFICEAPP, 'Description'),
    ...find(doc, NS_BT, 'ShortStrings').flatMap((g) => childrenOf(g, NS_BT, 'String')),
    ...find(doc, NS_BT, 'LongStrings').flatMap((g) => childrenOf(g, NS_BT, 'String')),
  ];
  if (childrenOf(doc, NS_OFFICEAPP, 'DisplayName').length === 0) problems.push('<DisplayName> is missing');
  for (const el of localized) {
    const name = el.attrs.has('id') ? `string "${el.attrs.get('id')}" ${at(el)}` : at(el);
    const zh = el.children.filter((c) => c.local === 'Override' && c.attrs.get('Locale') === ZH);
    if (zh.length === 0) problems.push(`${name} "${el.attrs.get('DefaultValue')}" has no ${ZH} <Override>`);
    else if (zh.length > 1) problems.push(`${name} has ${zh.length} ${ZH} overrides`);
    else if ((zh[0]!.attrs.get('Value') ?? '').trim() === '') problems.push(`${name} has an empty ${ZH} override`);
  }
  return problems;
}

export function checkUrls(doc: XmlElement): string[] {
  const problems: string[] = [];
  const defaultSource = childrenOf(doc, NS_OFFICEAPP, 'DefaultSettings').flatMap((d) => childrenOf(d, NS_OFFICEAPP, 'SourceLocation'))[0];
  const pageUrl = defaultSource?.attrs.get('DefaultValue');
  if (!defaultSource || !pageUrl) return ['<DefaultSettings><SourceLocation DefaultValue="…"> is missing'];
  let origin: string;
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    return [`<DefaultSettings><SourceLocation> "${pageUrl}" is not a URL`];
  }

  const urlSettings = [
    ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].flatMap((l) => childrenOf(doc, NS_OFFICEAPP, l)),
    defaultSource,
    ...find(doc, NS_BT, 'Images').flatMap((g) => g.children),
    ...find(doc, NS_BT, 'Urls').flatMap((g) => g.children),
  ];
  for (const el of urlSettings) {
    for (const url of urlValues(el)) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        problems.push(`${at(el)}: "${url}" is not a URL`);
        continue;
      }
      if (parsed.protocol !== 'https:') problems.push(`${at(el)}: ${url} is not https (Office requires https)`);
      else if (parsed.origin !== origin) problems.push(`${at(el)}: ${url} is not on ${origin} like the task pane`);
    }
  }

  // The ribbon button must open the page that DefaultSettings names.
  const defined = resources(doc);
  for (const action of find(doc, NS_TASKPANE, 'Action')) {
    if (action.attrs.get('xsi:type') !== 'ShowTaskpane') continue;
    for (const src of childrenOf(action, NS_TASKPANE, 'SourceLocation')) {
      const res = (defined.get(src.attrs.get('resid') ?? '') ?? [])[0];
      const url = res?.el.attrs.get('DefaultValue');
      if (url !== undefined && url !== pageUrl) {
        problems.push(`ShowTaskpane ${at(src)} opens ${url}, but <DefaultSettings> opens ${pageUrl}`);
      }
    }
  }
  return problems;
}
