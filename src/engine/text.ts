/**
 * Text normalisation shared by header matching, key joining, category matching and the
 * value parser. Pure functions, no locale dependence.
 */

/** Fold full-width ASCII (U+FF01..U+FF5E) and the ideographic space to half-width. */
export function foldWidth(text: string): string {
  // Most texts have nothing to fold: give them back as they are, without building a copy.
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3000 || (code >= 0xff01 && code <= 0xff5e)) break;
  }
  if (i === text.length) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/**
 * Whether folding, lower-casing and removing white space leave `text` as it is: ASCII
 * without upper-case letters and white space, and CJK (U+3001..U+9FFF: punctuation, kana,
 * ideographs; none folds, has a case or is a space). Most cell texts and keys are.
 */
function settled(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x41 && code <= 0x5a)) return false;
    } else if (code < 0x3001 || code > 0x9fff) {
      return false;
    }
  }
  return true;
}

/**
 * A customer key as docs/scoring-rules.md section 1 joins it: trimmed, full-width folded, inner white
 * space collapsed to one space, Latin letters case-folded.
 */
export function normaliseKey(text: string): string {
  if (settled(text)) return text;
  return foldWidth(text).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Compact form for matching labels: width-folded, lower-case, without any white space. */
export function compact(text: string): string {
  if (settled(text)) return text;
  return foldWidth(text).replace(/\s+/g, '').toLowerCase();
}

/** Brackets (ASCII, full-width after folding, CJK) and what they enclose. */
const BRACKETED = /[([{【〔（［｛<《][^)\]}】〕）］｝>》]*[)\]}】〕）］｝>》]?/g;

/** The text inside the header's brackets: `年交易额（万元）` → `万元`. Empty when none. */
export function bracketNotes(header: string): string[] {
  const folded = foldWidth(header);
  const notes: string[] = [];
  for (const m of folded.matchAll(/[([【〔<《]([^)\]】〕>》]*)[)\]】〕>》]?/g)) notes.push(m[1]!.trim());
  return notes;
}

/**
 * A header reduced for synonym matching: width-folded, bracketed notes removed, `*`,
 * spaces, colons, slashes and underscores removed, lower-case. A unit written without
 * brackets (`年交易额万元`) stays; containment matching still finds `年交易额` in it.
 * `* 年交易额（万元）` → `年交易额`; `服务响应速度(1-5)` → `服务响应速度`.
 */
export function headerStem(header: string): string {
  return foldWidth(header)
    .replace(BRACKETED, '')
    .replace(/[*＊:：_\-\s/\\]+/g, '')
    .replace(/[。.,，、]+$/g, '')
    .toLowerCase();
}

/**
 * `read` remembered per text, its result frozen: a table has a handful of headers, and
 * reading a header's unit, scale or period is regular-expression work that the parser would
 * otherwise repeat for every cell under it.
 */
export function memoisedByText<T>(read: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = read(text);
      if (typeof value === 'object' && value !== null) Object.freeze(value);
      if (cache.size >= 1000) cache.clear();
      cache.set(text, value);
    }
    return value as T;
  };
}
