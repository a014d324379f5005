/**
 * Matching a cell against an indicator's category labels (DOMAIN.md section 2): the
 * compact forms (width-folded, lower-case, no spaces) of the cell and of each label and
 * synonym are compared, exact match first, then the longest label contained in the cell.
 */
import type { CategoryLabel } from './types';
import { compact } from './text';

interface Spelling {
  label: string;
  key: string;
}

function spellings(labels: readonly CategoryLabel[]): Spelling[] {
  const out: Spelling[] = [];
  for (const l of labels) {
    for (const s of [l.label, ...(l.synonyms ?? [])]) {
      const key = compact(String(s));
      if (key !== '') out.push({ label: l.label, key });
    }
  }
  return out;
}

/** The label whose own spelling or a synonym's equals the cell's compact form. First in label order wins. */
export function exactCategory(text: string, labels: readonly CategoryLabel[]): string | undefined {
  const key = compact(text);
  return spellings(labels).find((s) => s.key === key)?.label;
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
  const byLength = spellings(labels)
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => b.key.length - a.key.length || a.order - b.order);
  for (const s of byLength) {
    for (let at = cell.indexOf(s.key); at >= 0; at = cell.indexOf(s.key, at + 1)) {
      if (!NEGATION.test(cell.slice(0, at))) return s.label;
    }
  }
  return undefined;
}
