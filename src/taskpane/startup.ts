/** What the task pane shows at start, from where it runs. */
import type { OfficeEnvironment } from '../excel/environment';
import type { Strings } from '../i18n/strings';

export type Startup = { kind: 'panel' } | { kind: 'notice'; sentence: string };

/**
 * In a supported Excel: the panel. In an Excel without the declared set (REQUIRED_API): a sentence saying so.
 * Outside Office: the panel when a global `Excel` exists (the playground provides one),
 * else a sentence that the add-in runs inside Excel.
 */
export function startupFor(env: OfficeEnvironment, hasExcelGlobal: boolean, s: Strings): Startup {
  if (env.inOffice) return env.supported ? { kind: 'panel' } : { kind: 'notice', sentence: s.excelTooOld };
  return hasExcelGlobal ? { kind: 'panel' } : { kind: 'notice', sentence: s.notInExcel };
}
