/**
 * Loads excelize-wasm (Go's Excelize compiled to WebAssembly) once per process and caches it.
 *
 * `init(path)` of the package reads the wasm file through a dynamic `import('node:fs')`,
 * which jest's CommonJS sandbox refuses ("dynamic import callback was invoked without
 * --experimental-vm-modules"). When that happens we instantiate the same wasm file
 * ourselves with the `Go` runtime class the package installs on `globalThis` — which is
 * exactly what `init` does after reading the file.
 */
import type { init as excelizeInit } from 'excelize-wasm';

export type Excelize = Awaited<ReturnType<typeof excelizeInit>>;
/** An open workbook (the package calls the class `NewFile`). */
export type ExcelizeFile = ReturnType<Excelize['NewFile']>;

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

let cached: Promise<Excelize> | undefined;

/** Path of `excelize.wasm.gz` inside the installed package. */
export function excelizeWasmPath(): string {
  return require.resolve('excelize-wasm/excelize.wasm.gz');
}

/** The excelize-wasm module, initialised on first use (about 0.5 s) and then shared. */
export function loadExcelize(): Promise<Excelize> {
  if (!cached) {
    cached = instantiate().catch((error: unknown) => {
      cached = undefined; // let a later call try again
      throw error;
    });
  }
  return cached;
}

/**
 * Forget the cached module. Called after excelize threw instead of returning an error (a Go
 * panic stops the Go program, and every later call would fail); the next use starts afresh.
 */
export function resetExcelize(): void {
  cached = undefined;
}

async function instantiate(): Promise<Excelize> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- excelize-wasm is loaded on first use only: most runs of the score command never need it.
  const pkg = require('excelize-wasm') as { init: typeof excelizeInit };
  const wasmPath = excelizeWasmPath();
  try {
    return await pkg.init(wasmPath);
  } catch (error) {
    if (!isDynamicImportFailure(error)) throw error;
    return instantiateManually(wasmPath);
  }
}

function isDynamicImportFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamic import|experimental-vm-modules|import\(|ERR_VM/i.test(text);
}

async function instantiateManually(wasmPath: string): Promise<Excelize> {
  /* eslint-disable @typescript-eslint/no-require-imports -- node only: this file is swapped for src/playground/excelize-browser.ts in the playground bundle, and loads these on the fallback path alone. */
  const fs = require('node:fs') as typeof import('node:fs');
  const zlib = require('node:zlib') as typeof import('node:zlib');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const g = globalThis as unknown as { Go?: new () => GoRuntime; excelize?: unknown };
  if (typeof g.Go !== 'function') throw new Error('excelize-wasm did not install its Go runtime');
  const bytes = zlib.gunzipSync(fs.readFileSync(wasmPath));
  g.excelize = {}; // the Go program fills this object with its functions
  const go = new g.Go();
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
  void go.run(instance); // resolves only when the Go program exits, which it never does
  const api = g.excelize as Partial<Excelize>;
  if (typeof api.OpenReader !== 'function') throw new Error('excelize-wasm failed to start');
  return api as Excelize;
}
