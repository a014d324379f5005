/**
 * Offline checks of manifest.xml (the online `office-addin-manifest validate` stays a
 * manual step before publishing):
 *   - well-formed XML;
 *   - valid against Microsoft's 2020 XSDs, copied to test/schemas/manifest/ (xmllint from
 *     Debian's libxml2-utils; a missing xmllint is a failure, not a skip);
 *   - the Id is a GUID;
 *   - every resid is defined exactly once in Resources, in the right resource kind;
 *   - every icon URL maps to a PNG in assets/ with the declared pixel size;
 *   - every user-visible string (DisplayName, Description, bt:ShortStrings, bt:LongStrings)
 *     has a zh-CN Override;
 *   - all URLs are https on one origin and the ribbon button opens the same page as
 *     DefaultSettings.
 * Each check also runs on a deliberately broken copy of the manifest to prove it can fail, and
 * every check runs on manifest.xml rewritten for other addresses (scripts/deploy-manifest.cjs,
 * what `npm run build -- --env url=…` writes; test/deploy/build.test.ts checks the built one).
 * The reader and the checks are in test/helpers/manifest-checks.ts (test/deploy/build.test.ts
 * runs them on the manifest built for an address).
 */
import { REQUIRED_API } from '../src/excel/environment';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFor, urlsIn } from '../scripts/deploy-manifest.cjs';
import {
  DEV_ICON_FILES,
  MANIFEST_PATH,
  NS_OFFICEAPP,
  TEMPLATE_IDS,
  XMLLINT_MISSING,
  checkIcons,
  checkId,
  checkResids,
  checkUrls,
  checkZhOverrides,
  childrenOf,
  find,
  parseXml,
  validateAgainstSchema,
  xmllint,
  type XmlElement,
} from './helpers/manifest-checks';

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

const source = readFileSync(MANIFEST_PATH, 'utf8');
const manifest = (): XmlElement => parseXml(source);

/** A copy of the manifest with one edit; fails loudly if the text to replace is not there. */
function broken(from: string | RegExp, to: string): string {
  const out = source.replace(from, to);
  if (out === source) throw new Error(`test setup: ${String(from)} not found in manifest.xml`);
  return out;
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'manifest-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function writeScratch(name: string, xml: string): string {
  const file = join(scratch, name);
  writeFileSync(file, xml);
  return file;
}

describe('manifest.xml', () => {
  test('is well-formed XML with an OfficeApp root of type TaskPaneApp', () => {
    const doc = manifest();
    expect(doc.ns).toBe(NS_OFFICEAPP);
    expect(doc.local).toBe('OfficeApp');
    expect(doc.attrs.get('xsi:type')).toBe('TaskPaneApp');
    const lint = xmllint([MANIFEST_PATH]);
    expect(lint.output).toBe('');
    expect(lint.ok).toBe(true);
  });

  test('validates against the Office add-in XSDs (xmllint, test/schemas/manifest/)', () => {
    const lint = validateAgainstSchema(MANIFEST_PATH);
    expect(lint.output).toMatch(/validates$/);
    expect(lint.ok).toBe(true);
  });

  test('has a GUID Id', () => {
    expect(checkId(manifest())).toEqual([]);
  });

  test('defines every resid exactly once, in the matching resource kind', () => {
    expect(checkResids(manifest())).toEqual([]);
  });

  test('points every icon URL at a PNG in assets/ of the declared size', () => {
    expect(checkIcons(manifest())).toEqual([]);
  });

  test('has a zh-CN override for every user-visible string', () => {
    expect(checkZhOverrides(manifest())).toEqual([]);
  });

  test('keeps every URL on one https origin, and the ribbon opens the DefaultSettings page', () => {
    expect(checkUrls(manifest())).toEqual([]);
  });

  test('asks for ExcelApi 1.6 (what the add-in declares in code too) and ReadWriteDocument', () => {
    const doc = manifest();
    const sets = find(doc, NS_OFFICEAPP, 'Set').map((s) => `${s.attrs.get('Name')} ${s.attrs.get('MinVersion')}`);
    expect(sets).toEqual(['ExcelApi 1.6']);
    expect(`${REQUIRED_API.name} ${REQUIRED_API.version}`).toBe('ExcelApi 1.6');
    expect(childrenOf(doc, NS_OFFICEAPP, 'Permissions')[0]?.text.trim()).toBe('ReadWriteDocument');
  });
});

describe('the manifest checks catch a broken manifest', () => {
  test('a mismatched tag is not well-formed (own reader and xmllint)', () => {
    const xml = broken('</Group>', '');
    expect(() => parseXml(xml)).toThrow(/does not match/);
    expect(xmllint([writeScratch('malformed.xml', xml)]).ok).toBe(false);
  });

  test('the schema rejects an unknown permission and a Supertip without a Title', () => {
    const perm = validateAgainstSchema(writeScratch('perm.xml', broken('>ReadWriteDocument<', '>Everything<')));
    expect(perm.ok).toBe(false);
    expect(perm.output).toMatch(/Permissions/);
    const tip = validateAgainstSchema(writeScratch('tip.xml', broken(/<Title resid="[^"]*"\/>/, '')));
    expect(tip.ok).toBe(false);
    expect(tip.output).toMatch(/Expected is .*Title/);
  });

  test('a missing xmllint fails with the install hint instead of skipping', () => {
    const emptyDir = mkdtempSync(join(scratch, 'no-xmllint-'));
    expect(() => xmllint([MANIFEST_PATH], { ...process.env, PATH: emptyDir })).toThrow(XMLLINT_MISSING);
    expect(XMLLINT_MISSING).toMatch(/install libxml2-utils/);
  });

  test('a non-GUID Id or the template Id is reported', () => {
    expect(checkId(parseXml(broken(/<Id>[^<]*<\/Id>/, '<Id>customer-scoring</Id>')))).toEqual([expect.stringMatching(/not a GUID/)]);
    expect(checkId(parseXml(broken(/<Id>[^<]*<\/Id>/, `<Id>${TEMPLATE_IDS[0]}</Id>`)))).toEqual([expect.stringMatching(/template/)]);
  });

  test('an undefined, duplicated or wrong-kind resid is reported', () => {
    expect(checkResids(parseXml(broken('resid="OpenPane.Label"', 'resid="OpenPane.Labl"')))).toEqual([expect.stringMatching(/"OpenPane.Labl" .* not defined/)]);
    const dup = broken('<bt:ShortStrings>', '<bt:ShortStrings><bt:String id="Group.Label" DefaultValue="x"/>');
    expect(checkResids(parseXml(dup))).toEqual([expect.stringMatching(/"Group.Label" is defined 2 times/)]);
    const wrongKind = broken('<Label resid="OpenPane.Label"/>', '<Label resid="OpenPane.Tip.Desc"/>');
    expect(checkResids(parseXml(wrongKind))).toEqual([expect.stringMatching(/must name a bt:ShortStrings entry/)]);
  });

  test('an icon of the wrong size or without a file is reported', () => {
    const wrongSize = broken(/(<IconUrl DefaultValue="[^"]*)icon-32\.png"/, '$1icon-16.png"');
    expect(checkIcons(parseXml(wrongSize))).toEqual([expect.stringMatching(/icon-16\.png is 16×16 px, declared 32×32/)]);
    const missing = broken(/(<bt:Image id="[^"]*" DefaultValue="[^"]*)icon-80\.png"/, '$1icon-81.png"');
    expect(checkIcons(parseXml(missing))).toEqual([expect.stringMatching(/has no file assets\/icon-81\.png/)]);
  });

  test('a string without a zh-CN override is reported', () => {
    const xml = broken(/(<bt:String id="OpenPane.Label"[^>]*>)\s*<bt:Override[^>]*>/, '$1');
    expect(checkZhOverrides(parseXml(xml))).toEqual([expect.stringMatching(/"OpenPane.Label" .* has no zh-CN <Override>/)]);
    const display = broken(/(<DisplayName[^>]*>)\s*<Override[^>]*>/, '$1');
    expect(checkZhOverrides(parseXml(display))).toEqual([expect.stringMatching(/<DisplayName> .* has no zh-CN/)]);
  });

  test('an http URL, another origin or a ribbon opening another page is reported', () => {
    const http = broken(/<HighResolutionIconUrl DefaultValue="https:/, '<HighResolutionIconUrl DefaultValue="http:');
    expect(checkUrls(parseXml(http))).toEqual([expect.stringMatching(/is not https/)]);
    const other = broken(/(<bt:Url id="Taskpane.Url" DefaultValue=")[^"]*"/, '$1https://localhost:3001/taskpane.html"');
    expect(checkUrls(parseXml(other))).toEqual([
      expect.stringMatching(/not on https:\/\/localhost:3000/),
      expect.stringMatching(/ShowTaskpane .* opens https:\/\/localhost:3001\/taskpane.html/),
    ]);
  });
});

describe("manifest.xml rewritten for a team's address (scripts/deploy-manifest.cjs, what --env url= builds)", () => {
  test.each(['https://scoring.example.test/addin/', 'https://addins.example.test:8443/', 'https://example.test/a/b/c/'])(
    'for %s: valid against the XSDs, every check passes, every URL under the address, no localhost',
    (address) => {
      const xml = manifestFor(source, address, '1.2.3.0');
      const lint = validateAgainstSchema(writeScratch('for-address.xml', xml));
      expect(lint.output).toMatch(/validates$/);
      const doc = parseXml(xml);
      expect([...checkId(doc), ...checkResids(doc), ...checkZhOverrides(doc), ...checkUrls(doc)]).toEqual([]);
      // The icons are the repository's assets/, under the new address.
      expect(checkIcons(doc, { baseUrl: address, dir: DEV_ICON_FILES.dir })).toEqual([]);
      expect(urlsIn(xml).length).toBe(7);
      expect(urlsIn(xml).filter((url) => !url.startsWith(address))).toEqual([]);
      expect(xml).not.toMatch(/localhost/i);
      expect(childrenOf(doc, NS_OFFICEAPP, 'Version')[0]?.text).toBe('1.2.3.0');
    },
  );

  test('a URL the rewrite does not know (not under https://localhost:3000/) stops it', () => {
    const withSupport = broken('<Hosts>', '<SupportUrl DefaultValue="https://support.example.test/help"/>\n  <Hosts>');
    expect(() => manifestFor(withSupport, 'https://scoring.example.test/addin/', '1.2.3.0')).toThrow(
      "the manifest for https://scoring.example.test/addin/ would still name https://support.example.test/help: manifest.xml's URLs must all start with https://localhost:3000/",
    );
  });
});
