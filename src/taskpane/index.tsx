import './jitless'; // first: zod must not probe for eval under the page's policy
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { officeEnvironment } from '../excel/environment';
import { officeHost } from '../excel/host';
import { createWorkbookOps } from '../excel/ops';
import { stringsFor } from '../i18n/strings';
import { allPresets } from '../presets';
import { App, Notice } from './App';
import { startupFor } from './startup';

// office.js comes from Microsoft's CDN; outside Office (or offline) it may be missing, and
// outside Office `Office.context` may lack a display language: officeEnvironment falls back to en-US.
officeEnvironment(typeof Office !== 'undefined' ? Office : undefined).then((env) => {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const { language } = env;
  const s = stringsFor(language);
  document.documentElement.lang = language;
  document.title = s.productName;
  const startup = startupFor(env, typeof Excel !== 'undefined', s);
  createRoot(container).render(
    <StrictMode>
      {startup.kind === 'panel' ? (
        <App language={language} ops={createWorkbookOps(officeHost())} presets={allPresets()} theme={env.theme} />
      ) : (
        <Notice language={language} sentence={startup.sentence} theme={env.theme} />
      )}
    </StrictMode>,
  );
});
