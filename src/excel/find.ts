/**
 * Find: the candidate tables on every sheet (Excel tables first, then header blocks spotted
 * by the engine's header finder in each sheet's top rows), classified, with a proposed
 * mapping. Two syncs whatever the number of rows: the sheet and table names (and whether
 * each table shows a totals row, which is not a customer), then each
 * sheet's used range and top rows (values and number formats) and each table's range and
 * headers, with the workbook's date system. A third reads the first SAMPLE_ROWS data rows
 * of the Excel tables that lie outside the top rows, so that columns are matched by their
 * data everywhere. A workbook with many sheets takes more syncs: each stays under Excel on
 * the web's 5 MB response.
 */
import { parseRange, type CellBox } from '../engine/address';
import { classifyCandidates, choosePresetFor, knownHeaders, type LocatedTables } from '../engine/run';
import type { RuleSet } from '../engine/rules';
import { findTableCandidates, SAMPLE_ROWS, type TableCandidate } from '../engine/tables';
import type { SheetGrid } from '../engine/types';
import { HEADER_SCAN, inExcel, isOfficeError, LIMITS, supportsExcelApi, type ExcelHost } from './host';
import { isManagedSheet } from '../engine/managed-sheets';
import { estimateRowBytes, planReads, readSlices } from './read';
import { placeFormats, placeValues } from './values';

export interface SheetInfo {
  name: string;
  visibility: string;
  protected: boolean;
  /** The used range (values only), or undefined for an empty sheet. */
  used?: CellBox;
}

export interface WorkbookScan {
  sheets: SheetInfo[];
  /** Every candidate table; a header block reaches down to its sheet's last used row until read. */
  candidates: TableCandidate[];
  /** The workbook counts dates from 1904 (Excel's DATE(1904,1,1) is 0 there, 1462 in the 1900 system). */
  date1904?: boolean;
}

export interface Proposal extends LocatedTables {
  rules: RuleSet;
}

/** `'客户评估'!B3:M9` → the box `B3:M9`. */
export function boxOfAddress(address: string): CellBox {
  return parseRange(address.slice(address.lastIndexOf('!') + 1));
}

function inside(outer: CellBox, inner: CellBox): boolean {
  return inner.firstRow >= outer.firstRow && inner.lastRow <= outer.lastRow && inner.firstCol >= outer.firstCol && inner.lastCol <= outer.lastCol;
}

/** Sheets per top-rows sync: as many as the response budget allows at the unseen-cell estimate. */
const SHEETS_PER_SYNC = Math.max(1, Math.floor(LIMITS.readBudgetBytes / (HEADER_SCAN.rows * estimateRowBytes(HEADER_SCAN.columns))));

export async function scanWorkbook(host: ExcelHost, rulesList: readonly RuleSet[]): Promise<WorkbookScan> {
  return inExcel(host, 'read', async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/visibility');
    const tables = context.workbook.tables;
    tables.load('items/name,items/showTotals,items/worksheet/name');
    await context.sync();

    const sheets = worksheets.items.filter((ws) => !isManagedSheet(ws.name));
    const grids = new Map<string, SheetGrid>(sheets.map((ws) => [ws.name, { name: ws.name, rows: [], formats: [], tables: [] }]));
    const infos = new Map<string, SheetInfo>();
    const tops = new Map<string, CellBox>();

    // Queued with the first group of sheets: each table's range and headers, and the date system.
    const perTable = tables.items.filter((t) => grids.has(t.worksheet.name)).map((t) => ({ t, range: t.getRange(), header: t.getHeaderRowRange() }));
    const epoch = supportsExcelApi(host, '1.2') ? context.workbook.functions.date(1904, 1, 1) : undefined;

    // Each sheet's used range, protection and top rows, in groups that keep the response small.
    const queue: { sheets: Excel.Worksheet[]; rows: number }[] = [];
    for (let i = 0; i < sheets.length; i += SHEETS_PER_SYNC) queue.push({ sheets: sheets.slice(i, i + SHEETS_PER_SYNC), rows: HEADER_SCAN.rows });
    let first = true;
    while (queue.length > 0) {
      const group = queue.shift()!;
      if (first) {
        perTable.forEach(({ range, header }) => {
          range.load('address');
          header.load('values');
        });
        epoch?.load('value');
      }
      const perSheet = group.sheets.map((ws) => {
        // getUsedRange never fails: on an empty sheet it is A1.
        const used = ws.getUsedRange(true);
        used.load('address');
        const top = used.getCell(0, 0).getResizedRange(group.rows - 1, HEADER_SCAN.columns - 1);
        top.load('address, values, numberFormat');
        ws.protection.load('protected');
        return { ws, used, top };
      });
      try {
        await context.sync();
      } catch (error) {
        if (!isOfficeError(error) || error.code !== 'ResponsePayloadSizeLimitExceeded') throw error;
        // Long texts in the top rows: fewer sheets per sync, then fewer rows of one sheet.
        if (group.sheets.length > 1) {
          const half = Math.ceil(group.sheets.length / 2);
          queue.unshift({ sheets: group.sheets.slice(0, half), rows: group.rows }, { sheets: group.sheets.slice(half), rows: group.rows });
        } else if (group.rows > 1) queue.unshift({ sheets: group.sheets, rows: Math.ceil(group.rows / 2) });
        else throw error;
        continue;
      }
      first = false;
      for (const { ws, used, top } of perSheet) {
        const grid = grids.get(ws.name)!;
        const box = boxOfAddress(top.address);
        placeValues(grid, box, top.values);
        placeFormats(grid, box, top.numberFormat);
        tops.set(ws.name, box);
        const empty = grid.rows.every((row) => row.every((v) => v === null || v === undefined));
        infos.set(ws.name, {
          name: ws.name,
          visibility: ws.visibility,
          protected: ws.protection.protected,
          ...(empty ? {} : { used: boxOfAddress(used.address) }),
        });
      }
    }
    const date1904 = epoch?.value === 0;
    const boxes = new Map<string, CellBox>();
    for (const { t, range, header } of perTable) {
      const grid = grids.get(t.worksheet.name)!;
      const box = boxOfAddress(range.address);
      boxes.set(t.name, box);
      // The totals row is not a customer: the finder ends the candidate above it.
      grid.tables.push({ name: t.name, range: range.address.slice(range.address.lastIndexOf('!') + 1), ...(t.showTotals ? { totalsRow: true } : {}) });
      placeValues(grid, { ...box, lastRow: box.firstRow }, header.values);
    }

    // The first data rows of the Excel tables the top rows did not cover.
    const samples = perTable.flatMap(({ t }) => {
      const box = boxes.get(t.name)!;
      const sample = { ...box, firstRow: box.firstRow + 1, lastRow: Math.min(box.lastRow, box.firstRow + SAMPLE_ROWS) };
      const top = tops.get(t.worksheet.name);
      if (sample.lastRow < sample.firstRow || (top && inside(top, sample))) return [];
      return [{ sheet: t.worksheet.name, box: sample, rowBytes: estimateRowBytes(sample.lastCol - sample.firstCol + 1) }];
    });
    if (samples.length > 0) {
      await readSlices(context, planReads(samples), (slice, values, formats) => {
        const grid = grids.get(slice.sheet)!;
        placeValues(grid, slice.box, values);
        placeFormats(grid, slice.box, formats);
      });
    }

    const gridList = sheets.map((ws) => {
      const grid = grids.get(ws.name)!;
      return date1904 ? { ...grid, date1904 } : grid;
    });
    const infoList = sheets.map((ws) => infos.get(ws.name)!);
    const candidates = findTableCandidates(gridList, knownHeaders(rulesList)).map((c) => {
      if (c.source === 'excel-table') return c;
      const used = infos.get(c.sheet)?.used;
      return used ? { ...c, box: { ...c.box, lastRow: Math.max(c.box.lastRow, used.lastRow) } } : c;
    });
    return { sheets: infoList, candidates, ...(date1904 ? { date1904 } : {}) };
  });
}

/** The proposal for a scan: the given rules, or the preset whose indicators the headers cover best. */
export function propose(scan: WorkbookScan, presets: readonly RuleSet[], rules?: RuleSet): Proposal {
  const chosen = rules ?? choosePresetFor(scan.candidates, presets);
  return { rules: chosen, ...classifyCandidates(scan.candidates, chosen) };
}
