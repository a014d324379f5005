/**
 * The playground's stand-in for src/xlsx/excelize.ts (webpack.config.js swaps it in for the
 * playground build only): same exports, but the wasm comes from `excelize.wasm.gz` next to the
 * page (copied there by webpack), fetched by excelize-wasm's own `init(url)`, which un-gzips it
 * in JavaScript. The file must be served as application/octet-stream, not with
 * Content-Encoding: gzip.
 */
import { init } from 'excelize-wasm';
import type { Excelize } from '../xlsx/excelize';

export type { Excelize, ExcelizeFile } from '../xlsx/excelize';

let cached: Promise<Excelize> | undefined;

/** URL of `excelize.wasm.gz` beside the current page. */
export function excelizeWasmPath(): string {
  return new URL('excelize.wasm.gz', document.baseURI).href;
}

export function loadExcelize(): Promise<Excelize> {
  if (!cached) {
    cached = init(excelizeWasmPath()).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  }
  return cached;
}

export function resetExcelize(): void {
  cached = undefined;
}
