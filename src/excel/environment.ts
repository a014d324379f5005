/**
 * Where the add-in runs: Office's display language (zh-CN for any Chinese, else en-US) and
 * whether Excel supports the requirement set the add-in needs. Outside Office (a plain
 * browser, office.js missing or offline) it answers en-US and unsupported.
 */
import { pickLanguage, type Language } from '../i18n/strings';

/** The part of the `Office` global this reads. */
export interface OfficeLike {
  onReady(): Promise<unknown>;
  context?: {
    displayLanguage?: string;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    /** Office's theme colours (Office.context.officeTheme), where the platform gives them. */
    officeTheme?: { bodyBackgroundColor?: string };
  };
}

/**
 * The requirement set of manifest.xml: the lowest the add-in's core needs (conditional formats
 * and suspendApiCalculationUntilNextSync are ExcelApi 1.6; tables, charts, ranges, number
 * formats, getItemOrNullObject and named table columns are older). What needs more is
 * detected with isSetSupported and falls back: multi-block selection (1.9) selects the first
 * block; merged areas (1.13, src/excel/read.ts) are not read, so a customer's name merged down
 * over its survey periods names its first row only. Excel 2019 supports up to 1.8, Excel 2016
 * for Windows (volume licence) only 1.1.
 */
export const REQUIRED_API = { name: 'ExcelApi', version: '1.6' } as const;

export interface OfficeEnvironment {
  language: Language;
  /** Excel answered Office.onReady with a context. */
  inOffice: boolean;
  /** The host supports REQUIRED_API. */
  supported: boolean;
  /** Dark when Office's body background is dark (a dark or black Office theme), light otherwise. */
  theme: 'light' | 'dark';
}

/** Light or dark from a #RRGGBB background: dark below half the relative luminance. */
export function themeOf(background: string | undefined): 'light' | 'dark' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background ?? '');
  if (!m) return 'light';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}

export async function officeEnvironment(office: OfficeLike | undefined): Promise<OfficeEnvironment> {
  const outside: OfficeEnvironment = { language: pickLanguage(undefined), inOffice: false, supported: false, theme: 'light' };
  if (!office) return outside;
  try {
    await office.onReady();
  } catch {
    return outside;
  }
  const context = office.context;
  const supported = context?.requirements?.isSetSupported(REQUIRED_API.name, REQUIRED_API.version) ?? false;
  return {
    language: pickLanguage(context?.displayLanguage),
    inOffice: context !== undefined,
    supported,
    theme: themeOf(context?.officeTheme?.bodyBackgroundColor),
  };
}
