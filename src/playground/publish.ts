/**
 * How the playground hands its emulated workbook to the task pane in the iframe: the globals
 * `excel.install()` produces are published on the playground window as `__emulatedExcel`;
 * office-shim.js (the first script of pane.html) copies `Office`, `Excel` and
 * `OfficeExtension` from `window.parent.__emulatedExcel` before the task-pane bundle runs.
 * `Excel.run` is wrapped so the page re-renders the workbook after every batch.
 */
import type { EmulatedExcel } from '../emulator';

export interface EmulatedGlobals {
  Office: unknown;
  Excel: { run: (...args: unknown[]) => Promise<unknown> } & Record<string, unknown>;
  OfficeExtension: unknown;
}

export interface PlaygroundWindow {
  __emulatedExcel?: EmulatedGlobals;
}

/** Publishes `excel` on `target` (the playground window); `onRunSettled` is called after every Excel.run, resolved or rejected. */
export function publishEmulator(excel: EmulatedExcel, target: PlaygroundWindow, onRunSettled: () => void): EmulatedGlobals {
  const installed: Record<string, unknown> = {};
  excel.install(installed);
  const namespace = installed['Excel'] as EmulatedGlobals['Excel'];
  const run = namespace.run;
  const globals: EmulatedGlobals = {
    Office: installed['Office'],
    OfficeExtension: installed['OfficeExtension'],
    Excel: {
      ...namespace,
      run: (...args: unknown[]) => {
        const result = run(...args);
        result.then(onRunSettled, onRunSettled);
        return result;
      },
    },
  };
  target.__emulatedExcel = globals;
  return globals;
}
