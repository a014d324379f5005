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
  };
}

/** The requirement set of manifest.xml: tables, charts, conditional formats, suspended calculation. */
export const REQUIRED_API = { name: 'ExcelApi', version: '1.9' } as const;

export interface OfficeEnvironment {
  language: Language;
  /** Excel answered Office.onReady with a context. */
  inOffice: boolean;
  /** The host supports REQUIRED_API. */
  supported: boolean;
}

export async function officeEnvironment(office: OfficeLike | undefined): Promise<OfficeEnvironment> {
  if (!office) return { language: pickLanguage(undefined), inOffice: false, supported: false };
  try {
    await office.onReady();
  } catch {
    return { language: pickLanguage(undefined), inOffice: false, supported: false };
  }
  const context = office.context;
  const supported = context?.requirements?.isSetSupported(REQUIRED_API.name, REQUIRED_API.version) ?? false;
  return { language: pickLanguage(context?.displayLanguage), inOffice: context !== undefined, supported };
}
