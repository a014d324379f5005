/**
 * The playground (development only, dist/playground/index.html): the real task-pane bundle in
 * an iframe (pane.html) beside an emulated workbook (src/emulator) shown as grids and charts.
 * Never part of the production task pane.
 */
import '../taskpane/jitless'; // first: zod must not probe for eval under the page's policy
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { Playground } from './Playground';
import { playgroundLanguage } from './strings';

const container = document.getElementById('root');
if (!container) throw new Error('playground/index.html has no #root element');
const language = playgroundLanguage(new URLSearchParams(location.search).get('lang'), navigator.language);
createRoot(container).render(
  <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
    <Playground initialLanguage={language} />
  </FluentProvider>,
);
