/**
 * What a cell's number format says its number means (docs/scoring-rules.md section 2, "Values as Excel
 * stores them"): Excel keeps 100 % as 1 and 2019-05-01 as 43586, and only the format tells
 * them from the number 1 or a count of 43,586. The host (office-js `numberFormat`) and the
 * .xlsx file (the style's `numFmt`) give the format code; this module classifies it.
 *
 * A format code has up to four `;`-separated sections (positive; negative; zero; text). The
 * first section decides what a number means; a code that is only a text section (`@`) marks
 * a text cell. Inside a section, quoted literals (`"元"`, `"%"`), backslash escapes (`\%`),
 * the characters after `_` (padding) and `*` (fill) are literal text and never count;
 * brackets hold colours (`[Red]`, `[Color10]`), locales and currencies (`[$-804]`,
 * `[$¥-804]`), numeral systems (`[DBNum1]`), conditions (`[>=100]`) and elapsed time
 * (`[h]`, `[mm]`, `[ss]`); `[$-F800]` is Windows' long date and `[$-F400]` its time format.
 */
import type { CellFormat } from './types';

/**
 * - `general`: no format (General), or none given;
 * - `number`: digits, currency, accounting, fractions, scientific;
 * - `percent`: the cell holds a fraction (`0%`, `0.0%;[Red]-0.0%`);
 * - `date`: a calendar date, with or without a time of day (`yyyy-mm-dd`, `yyyy"年"m"月"d"日"`);
 * - `time`: a time of day or elapsed time only (`h:mm`, `[h]:mm:ss`);
 * - `text`: the text format `@`.
 */
export type FormatKind = 'general' | 'number' | 'percent' | 'date' | 'time' | 'text';

/** Built-in format codes by `numFmtId` (ECMA-376 Part 1, 18.8.30), the locale-dependent ones as zh-CN Excel writes them. */
const BUILT_IN: ReadonlyMap<number, string> = new Map<number, string>([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [5, '"¥"#,##0;"¥"\\-#,##0'],
  [6, '"¥"#,##0;[Red]"¥"\\-#,##0'],
  [7, '"¥"#,##0.00;"¥"\\-#,##0.00'],
  [8, '"¥"#,##0.00;[Red]"¥"\\-#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'yyyy/m/d'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'yyyy/m/d h:mm'],
  [27, 'yyyy"年"m"月"'],
  [28, 'm"月"d"日"'],
  [29, 'm"月"d"日"'],
  [30, 'm-d-yy'],
  [31, 'yyyy"年"m"月"d"日"'],
  [32, 'h"时"mm"分"'],
  [33, 'h"时"mm"分"ss"秒"'],
  [34, '上午/下午h"时"mm"分"'],
  [35, '上午/下午h"时"mm"分"ss"秒"'],
  [36, 'yyyy"年"m"月"'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [41, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)'],
  [42, '_("¥"* #,##0_);_("¥"* \\(#,##0\\);_("¥"* "-"_);_(@_)'],
  [43, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)'],
  [44, '_("¥"* #,##0.00_);_("¥"* \\(#,##0.00\\);_("¥"* "-"??_);_(@_)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
  [50, 'yyyy"年"m"月"'],
  [51, 'm"月"d"日"'],
  [52, 'yyyy"年"m"月"'],
  [53, 'm"月"d"日"'],
  [54, 'm"月"d"日"'],
  [55, '上午/下午h"时"mm"分"'],
  [56, '上午/下午h"时"mm"分"ss"秒"'],
  [57, 'yyyy"年"m"月"'],
  [58, 'm"月"d"日"'],
]);

/** The code of a built-in `numFmtId`; undefined for ids the standard leaves to the application. */
export function builtInFormatCode(id: number): string | undefined {
  return BUILT_IN.get(id);
}

const kinds = new Map<string, FormatKind>();

/** What a number under this format means. Memoised: a sheet repeats a handful of codes. */
export function formatKind(code: CellFormat): FormatKind {
  if (code === null || code === undefined || code === '') return 'general';
  let kind = kinds.get(code);
  if (kind === undefined) {
    kind = classify(code);
    if (kinds.size < 10_000) kinds.set(code, kind);
  }
  return kind;
}

/** A date or date-time format: the cell's number is a serial day. */
export function isDateFormat(code: CellFormat): boolean {
  return formatKind(code) === 'date';
}

/** A per-cent format: the cell's number is a fraction (1 shows as 100 %). */
export function isPercentFormat(code: CellFormat): boolean {
  return formatKind(code) === 'percent';
}

/** What one section holds, outside literals. */
interface SectionTokens {
  date: boolean;
  time: boolean;
  percent: boolean;
  text: boolean;
  digits: boolean;
  general: boolean;
}

function classify(code: string): FormatKind {
  const sections = splitSections(code);
  const first = scanSection(sections[0] ?? '');
  if (sections.length === 1 && first.text && !first.digits && !first.date && !first.time && !first.percent) return 'text';
  if (first.date) return 'date';
  if (first.time) return 'time';
  if (first.percent) return 'percent';
  if (first.general && !first.digits) return 'general';
  return 'number';
}

/** The `;`-separated sections, a `;` inside quotes, brackets or after an escape not counting. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i++;
    } else if (ch === ';') {
      sections.push(code.slice(start, i));
      start = i + 1;
    }
  }
  sections.push(code.slice(start));
  return sections;
}

/** `[h]`, `[hh]`, `[m]`, `[mm]`, `[s]`, `[ss]`: elapsed time. */
const ELAPSED = /^(?:h+|m+|s+)$/i;
/** `[$-F800]` (system long date), `[$-F400]` (system time), possibly with a currency before the dash. */
const SYSTEM_DATE = /^\$[^-]*-f800$/i;
const SYSTEM_TIME = /^\$[^-]*-f400$/i;

function scanSection(section: string): SectionTokens {
  const t: SectionTokens = { date: false, time: false, percent: false, text: false, digits: false, general: false };
  /** Whether the last date/time letter was h (so a following m is minutes). */
  let afterHour = false;
  /** Index of an `m` run still undecided between month and minute, waiting for a following `s`. */
  let pendingMonth = false;
  const settleMonth = (minutes: boolean): void => {
    if (!pendingMonth) return;
    if (minutes) t.time = true;
    else t.date = true;
    pendingMonth = false;
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
      continue;
    }
    if (ch === '\\' || ch === '_' || ch === '*') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inside = section.slice(i + 1, end < 0 ? section.length : end);
      if (ELAPSED.test(inside)) {
        t.time = true;
        afterHour = /^h/i.test(inside);
      } else if (SYSTEM_DATE.test(inside)) {
        t.date = true;
      } else if (SYSTEM_TIME.test(inside)) {
        t.time = true;
      }
      i = end < 0 ? section.length : end;
      continue;
    }
    if (section.slice(i, i + 7).toLowerCase() === 'general') {
      t.general = true;
      i += 6;
      continue;
    }
    if (section.slice(i, i + 5).toUpperCase() === 'AM/PM' || section.slice(i, i + 3).toUpperCase() === 'A/P') {
      t.time = true;
      i += section[i + 1] === '/' ? 2 : 4;
      continue;
    }
    if (section.startsWith('上午/下午', i)) {
      t.time = true;
      i += 4;
      continue;
    }
    switch (lower) {
      case '0':
      case '#':
      case '?':
        t.digits = true;
        break;
      case '%':
        t.percent = true;
        break;
      case '@':
        t.text = true;
        break;
      case 'e':
        // `0.00E+00` is scientific; an `e` not followed by a sign is the era year of East Asian date formats.
        if (section[i + 1] === '+' || section[i + 1] === '-') {
          t.digits = true;
          i++;
        } else {
          settleMonth(false);
          t.date = true;
        }
        break;
      case 'y':
      case 'd':
      case 'g':
      case 'b':
        settleMonth(false);
        t.date = true;
        afterHour = false;
        break;
      case 'h':
        settleMonth(false);
        t.time = true;
        afterHour = true;
        break;
      case 's':
        settleMonth(true);
        t.time = true;
        afterHour = false;
        break;
      case 'm': {
        let end = i;
        while (section[end + 1]?.toLowerCase() === 'm') end++;
        if (afterHour) t.time = true;
        else if (end - i >= 2)
          t.date = true; // mmm, mmmm, mmmmm: month names
        else {
          settleMonth(false);
          pendingMonth = true;
        }
        afterHour = false;
        i = end;
        break;
      }
      default:
        break;
    }
  }
  settleMonth(false);
  return t;
}
