/**
 * Every user-visible string of the task pane, in the two supported languages.
 *
 * Flat on purpose: one key per string. To add one, add the key to `Strings` and the
 * compiler will ask for both translations. The ribbon and add-in names live in
 * manifest.xml (Office reads them before any of this code runs).
 */

export type Language = 'zh-CN' | 'en-US';

export type Strings = {
  /** Product name, shown as the panel heading and the document title. */
  productName: string;
  /** Placeholder sentence until the panel exists. */
  panelComingSoon: string;
};

export const zhCN: Strings = {
  productName: '客户评分',
  panelComingSoon: '评分面板即将推出。',
};

export const enUS: Strings = {
  productName: 'Customer Scoring',
  panelComingSoon: 'The scoring panel is coming soon.',
};

const BY_LANGUAGE: Record<Language, Strings> = { 'zh-CN': zhCN, 'en-US': enUS };

export function stringsFor(language: Language): Strings {
  return BY_LANGUAGE[language];
}

/**
 * The language for an Office display language (`Office.context.displayLanguage`, e.g.
 * "zh-CN", "en-US", "fr-FR"): any Chinese tag (zh, zh-CN, zh-Hans, zh-TW, ...) gives
 * zh-CN, anything else, or nothing, gives en-US.
 */
export function pickLanguage(displayLanguage: string | undefined): Language {
  const primary = (displayLanguage ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' ? 'zh-CN' : 'en-US';
}
