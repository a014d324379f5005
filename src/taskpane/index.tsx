import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { officeEnvironment } from '../excel/environment';
import { type Language, stringsFor } from '../i18n/strings';
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
// outside Office `Office.context` may lack a display language: officeEnvironment falls back to en-US.
officeEnvironment(typeof Office !== 'undefined' ? Office : undefined).then((env) => render(env.language));
