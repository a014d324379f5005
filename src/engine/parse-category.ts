/**
 * Matching a cell against an indicator's category labels (docs/scoring-rules.md section 2): the
 * compact forms (width-folded, lower-case, no spaces) of the cell and of each label and
 * synonym are compared, exact match first, then the longest label contained in the cell.
 */
import type { CategoryLabel } from './types';
import { compact } from './text';

interface Spelling {
  label: string;
  key: string;
}

/** The spellings of a list of labels, worked out once per list (a column's every cell is matched against the same list). */
interface Spellings {
  /** Compact spelling → its label, the first in label order. */
  exact: Map<string, string>;
  /** Longest first, label order among equals. */
  byLength: readonly Spelling[];
}

const spellingCache = new WeakMap<readonly CategoryLabel[], Spellings>();

function spellingsOf(labels: readonly CategoryLabel[]): Spellings {
  let known = spellingCache.get(labels);
  if (!known) {
    const list: Spelling[] = [];
    for (const l of labels) {
      for (const s of [l.label, ...(l.synonyms ?? [])]) {
        const key = compact(String(s));
        if (key !== '') list.push({ label: l.label, key });
      }
    }
    const exact = new Map<string, string>();
    for (const s of list) if (!exact.has(s.key)) exact.set(s.key, s.label);
    const byLength = list.map((s, order) => ({ ...s, order })).sort((a, b) => b.key.length - a.key.length || a.order - b.order);
    known = { exact, byLength };
    spellingCache.set(labels, known);
  }
  return known;
}

/** The label whose own spelling or a synonym's equals the cell's compact form. First in label order wins. */
export function exactCategory(text: string, labels: readonly CategoryLabel[]): string | undefined {
  return spellingsOf(labels).exact.get(compact(text));
}

/** A character that negates the word after it: `不稳定` is not `稳定`, `非高增长` is not `高增长`. */
const NEGATION = /[不非无没未]$/;

/**
 * The label whose spelling is the longest one contained in the cell (`AAA级` → AAA rather
 * than AA; `高增长行业` → 高增长). An occurrence right after a negation (不, 非, 无, 没, 未) does
 * not count, so `不稳定` matches nothing rather than 稳定. Ties on length go to label order.
 */
export function containedCategory(text: string, labels: readonly CategoryLabel[]): string | undefined {
  const cell = compact(text);
  for (const s of spellingsOf(labels).byLength) {
    for (let at = cell.indexOf(s.key); at >= 0; at = cell.indexOf(s.key, at + 1)) {
      if (!NEGATION.test(cell.slice(0, at))) return s.label;
    }
  }
  return undefined;
}
