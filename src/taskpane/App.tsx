import { Body1, FluentProvider, Title3, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { type Language, stringsFor } from '../i18n/strings';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
  },
});

export interface AppProps {
  language: Language;
}

/** Placeholder task pane: the product name and a sentence saying the panel is coming. */
export function App({ language }: AppProps) {
  const styles = useStyles();
  const s = stringsFor(language);
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <main className={styles.root}>
        <Title3 as="h1">{s.productName}</Title3>
        <Body1 as="p">{s.panelComingSoon}</Body1>
      </main>
    </FluentProvider>
  );
}
