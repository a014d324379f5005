/**
 * Dates as the pane's language writes them: zh-CN `2024/06/30`, en-US `6/30/2024` (Intl), in
 * the run summary and in the *Flags as of* field. The field is a text field, not the browser's
 * date input, whose format follows the machine's locale rather than the pane's (a Chinese pane
 * showed 11/30/2026); it reads the language's own format and ISO `2024-06-30` in both.
 */
import { isoFromSerial, serialFromIso } from '../engine/parse';
import { foldWidth } from '../engine/text';
import type { Language } from '../i18n/strings';

const FORMATS: Record<Language, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }),
  'en-US': new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }),
};

/** An Excel date serial as the language writes a day: 2024/06/30, 6/30/2024. */
export function formatDay(serial: number, language: Language): string {
  const [y, m, d] = isoFromSerial(serial).split('-').map(Number) as [number, number, number];
  return FORMATS[language].format(new Date(Date.UTC(y, m - 1, d)));
}

/** Year first, in both languages: 2024-06-30, 2024/6/30, 2024.06.30, 2024年6月30日. */
const YEAR_FIRST = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)$/;
/** Month first, the American way (English only: in a Chinese pane 6/7/2024 would be ambiguous). */
const MONTH_FIRST = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/;

/** The serial of a day typed in the language's format (or ISO); undefined when it is not a real day. */
export function parseDay(text: string, language: Language): number | undefined {
  const t = foldWidth(text).trim();
  const y = YEAR_FIRST.exec(t);
  if (y) return serialFromIso(`${y[1]}-${y[2] ?? y[4]}-${y[3] ?? y[5]}`);
  const m = language === 'en-US' ? MONTH_FIRST.exec(t) : null;
  if (m) return serialFromIso(`${m[3]}-${m[1]}-${m[2]}`);
  return undefined;
}
