/**
 * The pane's language and its strings, from one React context: every section asks for them
 * with `useStrings()` instead of taking `s` and `language` as props from the App.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type Language, type Strings, stringsFor } from '../i18n/strings';

export interface PaneStrings {
  language: Language;
  s: Strings;
}

const StringsContext = createContext<PaneStrings | null>(null);

export function StringsProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => ({ language, s: stringsFor(language) }), [language]);
  return <StringsContext.Provider value={value}>{children}</StringsContext.Provider>;
}

/** The pane's language and strings; a component outside a StringsProvider is a programming error. */
export function useStrings(): PaneStrings {
  const value = useContext(StringsContext);
  if (!value) throw new Error('useStrings() outside a StringsProvider');
  return value;
}
