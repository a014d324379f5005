import { Button, Caption1, MessageBar, MessageBarBody, Select, Spinner, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { EmulatedExcel } from '../emulator';
import { ChartSvg } from './ChartSvg';
import { describeFailure, HttpFailure, type Failure } from './failure';
import { downloadName, paneSize, sameOriginUrl } from './grid';
import { publishEmulator, type PlaygroundWindow } from './publish';
import { SheetGrid } from './SheetGrid';
import { SheetTabs, sheetTabId } from './SheetTabs';
import { fill, PLAYGROUND_LANGUAGES, PLAYGROUND_STRINGS, type PlaygroundLanguage } from './strings';

interface Source {
  bytes: Uint8Array;
  name: string;
}

interface Loaded {
  excel: EmulatedExcel;
  /** Changes with every new emulator: the iframe's key, so the task pane reloads. */
  generation: number;
}

const SAMPLE = 'sample-customers.xlsx';
/** The pane's frame at a fixed size (`?pane=320x600`), read once. */
const PANE_SIZE = paneSize(new URLSearchParams(location.search).get('pane'));

async function fetchWorkbook(url: string): Promise<Source> {
  const response = await fetch(url);
  if (!response.ok) throw new HttpFailure(response.status, url);
  const name = decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() || SAMPLE);
  return { bytes: new Uint8Array(await response.arrayBuffer()), name };
}

export function Playground({ initialLanguage }: { initialLanguage: PlaygroundLanguage }) {
  const [language, setLanguage] = useState(initialLanguage);
  const [source, setSource] = useState<Source>();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<Failure>();
  const [, setVersion] = useState(0);
  const [activeSheet, setActiveSheet] = useState<string>();
  const knownSheets = useRef<string[]>([]);
  const lastSelection = useRef('');
  const generation = useRef(0);
  const strings = PLAYGROUND_STRINGS[language];
  const tabsId = useId();
  const panelId = useId();

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = strings.title;
  }, [language, strings.title]);

  // First workbook: ?workbook=<same-origin url>, else the sample copied next to this page.
  useEffect(() => {
    const param = new URLSearchParams(location.search).get('workbook');
    const url = param === null ? SAMPLE : sameOriginUrl(param, location.href);
    if (url === undefined) {
      setError({ sentence: fill(PLAYGROUND_STRINGS[initialLanguage].notSameOrigin, { url: param ?? '' }) });
      return;
    }
    fetchWorkbook(url).then(setSource, (e: unknown) => setError(describeFailure(e, 'load', url, initialLanguage)));
  }, [initialLanguage]);

  // A new emulator for every workbook or language; published before the iframe (keyed by generation) loads.
  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    setLoaded(undefined);
    EmulatedExcel.fromXlsx(source.bytes, { displayLanguage: language }).then(
      (excel) => {
        if (cancelled) return;
        publishEmulator(excel, window as PlaygroundWindow, refresh);
        knownSheets.current = excel.sheetNames();
        setError(undefined);
        setLoaded({ excel, generation: ++generation.current });
      },
      (e: unknown) => {
        if (!cancelled) setError(describeFailure(e, 'load', source.name, language));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [source, language, refresh]);

  // Also catch syncs of a batch still running (Excel.run re-renders when it settles).
  useEffect(() => {
    if (!loaded) return;
    let seen = loaded.excel.stats.syncs;
    const timer = setInterval(() => {
      if (loaded.excel.stats.syncs !== seen) {
        seen = loaded.excel.stats.syncs;
        refresh();
      }
    }, 500);
    return () => clearInterval(timer);
  }, [loaded, refresh]);

  const excel = loaded?.excel;
  const visible = excel ? excel.sheetNames().filter((s) => excel.visibility(s) === 'Visible') : [];
  // A sheet the add-in just added (e.g. the charts sheet) becomes the one shown.
  if (excel) {
    const names = excel.sheetNames();
    const added = names.filter((n) => !knownSheets.current.includes(n) && visible.includes(n));
    knownSheets.current = names;
    if (added.length > 0 && activeSheet !== added[0]) setActiveSheet(added[0]);
  }
  // A new selection by the add-in (select the flagged rows) brings its sheet to the front, as in Excel.
  const selection = excel?.selection();
  const selectionKey = selection ? `${selection.sheet}!${selection.address}` : '';
  if (selectionKey !== lastSelection.current) {
    lastSelection.current = selectionKey;
    if (selection && activeSheet !== selection.sheet) setActiveSheet(selection.sheet);
  }
  const sheet = activeSheet !== undefined && visible.includes(activeSheet) ? activeSheet : visible[0];

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      setSource({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
    } catch (e) {
      setError(describeFailure(e, 'load', file.name, language));
    }
  };

  const onDownload = async () => {
    if (!excel || !source) return;
    try {
      const bytes = await excel.toXlsx();
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = downloadName(source.name);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(describeFailure(e, 'save', source.name, language));
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '8px 12px', borderBottom: '1px solid #e0e0e0', flexWrap: 'wrap' }}>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <Title3 as="h1">{strings.title}</Title3>
          <Caption1>{strings.subtitle}</Caption1>
        </div>
        <span style={{ flex: 1 }} />
        <label>
          {strings.openFile}{' '}
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void onFile(e)}
            data-testid="open-file"
          />
        </label>
        <Button onClick={() => void fetchWorkbook(SAMPLE).then(setSource, (e: unknown) => setError(describeFailure(e, 'load', SAMPLE, language)))}>
          {strings.sample}
        </Button>
        <Button appearance="primary" disabled={!excel} onClick={() => void onDownload()} data-testid="download">
          {strings.download}
        </Button>
        <label>
          {strings.language}{' '}
          <Select
            value={language}
            onChange={(_, data) => setLanguage(data.value as PlaygroundLanguage)}
            data-testid="language"
            style={{ display: 'inline-block' }}
          >
            {PLAYGROUND_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
        </label>
      </header>
      <main style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        {error ? (
          <MessageBar intent="error">
            <MessageBarBody>
              {error.sentence}
              {error.detail !== undefined ? <div>{fill(strings.details, { detail: error.detail })}</div> : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <section
            aria-label={strings.taskPane}
            style={{
              width: PANE_SIZE?.width ?? 360,
              flex: 'none',
              borderRight: '1px solid #e0e0e0',
              display: 'flex',
              alignItems: PANE_SIZE ? 'flex-start' : 'stretch',
            }}
          >
            {loaded ? (
              <iframe
                key={loaded.generation}
                src="pane.html"
                title={strings.paneTitle}
                data-testid="pane"
                style={{ border: 0, width: '100%', height: PANE_SIZE ? PANE_SIZE.height : '100%' }}
              />
            ) : error ? null : (
              <Spinner label={strings.loading} style={{ margin: 'auto' }} />
            )}
          </section>
          <section aria-label={strings.workbook} style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', background: '#fafafa' }}>
            {excel ? (
              <>
                <div style={{ display: 'flex', alignItems: 'center', borderBottom: '1px solid #e0e0e0' }}>
                  {visible.length > 0 ? (
                    <SheetTabs
                      sheets={visible}
                      selected={sheet}
                      onSelect={setActiveSheet}
                      idBase={tabsId}
                      panelId={panelId}
                      label={strings.sheetTabs}
                      style={{ flex: 1, overflowX: 'auto' }}
                    />
                  ) : (
                    <span style={{ flex: 1 }} />
                  )}
                  <Caption1 style={{ padding: '0 12px' }} data-testid="syncs">
                    {fill(strings.syncs, { count: excel.stats.syncs })}
                  </Caption1>
                </div>
                {/* The selected sheet's panel scrolls: focusable (tabIndex 0) so that the keyboard can scroll it too. */}
                <div
                  style={{ flex: 1, overflow: 'auto', padding: 12 }}
                  {...(sheet === undefined
                    ? {}
                    : { id: panelId, role: 'tabpanel', tabIndex: 0, 'aria-labelledby': sheetTabId(tabsId, visible.indexOf(sheet)) })}
                >
                  {sheet === undefined ? (
                    <p>{strings.noSheets}</p>
                  ) : (
                    <>
                      {excel.charts(sheet).length > 0 ? (
                        <div role="group" aria-label={strings.charts}>
                          {excel.charts(sheet).map((chart) => (
                            <ChartSvg key={chart.name} chart={chart} strings={strings} />
                          ))}
                        </div>
                      ) : null}
                      <SheetGrid excel={excel} sheet={sheet} strings={strings} />
                    </>
                  )}
                </div>
              </>
            ) : null}
          </section>
        </div>
      </main>
    </div>
  );
}
