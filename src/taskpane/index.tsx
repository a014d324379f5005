import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { type Language, pickLanguage, stringsFor } from '../i18n/strings';
import { App } from './App';

function render(language: Language): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  document.documentElement.lang = language;
  document.title = stringsFor(language).productName;
  createRoot(container).render(
    <StrictMode>
      <App language={language} />
    </StrictMode>,
  );
}

// office.js comes from Microsoft's CDN; outside Office (or offline) it may be missing, and
// outside Office `Office.context` may lack a display language: fall back to en-US.
if (typeof Office !== 'undefined') {
  Office.onReady()
    .then(
      () => Office.context?.displayLanguage,
      () => undefined,
    )
    .then((displayLanguage) => render(pickLanguage(displayLanguage)));
} else {
  render(pickLanguage(undefined));
}
