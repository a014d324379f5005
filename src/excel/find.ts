/**
 * Find: the candidate tables on every sheet (Excel tables first, then header blocks spotted
 * by the engine's header finder in each sheet's top rows), classified, with a proposed
 * mapping. Two syncs whatever the number of rows: the sheet and table names (and whether
 * each table shows a totals row), then each sheet's used range and top rows and each
 * table's range and headers.
 */
import { parseRange, type CellBox } from '../engine/address';
import { classifyCandidates, choosePresetFor, knownHeaders, type LocatedTables } from '../engine/run';
import type { RuleSet } from '../engine/rules';
import { findTableCandidates, type TableCandidate } from '../engine/tables';
import type { SheetGrid } from '../engine/types';
import { HEADER_SCAN, type ExcelHost } from './host';
import { isManagedSheet } from '../engine/managed-sheets';
import { placeValues } from './values';

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
}

export interface Proposal extends LocatedTables {
  rules: RuleSet;
}

/** `'客户评估'!B3:M9` → the box `B3:M9`. */
export function boxOfAddress(address: string): CellBox {
  return parseRange(address.slice(address.lastIndexOf('!') + 1));
}

export async function scanWorkbook(host: ExcelHost, rulesList: readonly RuleSet[]): Promise<WorkbookScan> {
  return host.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/visibility');
    const tables = context.workbook.tables;
    tables.load('items/name,items/showTotals,items/worksheet/name');
    await context.sync();

    const sheets = worksheets.items.filter((ws) => !isManagedSheet(ws.name));
    const perSheet = sheets.map((ws) => {
      // getUsedRange never fails: on an empty sheet it is A1.
      const used = ws.getUsedRange(true);
      used.load('address');
      const top = used.getCell(0, 0).getAbsoluteResizedRange(HEADER_SCAN.rows, HEADER_SCAN.columns);
      top.load('address,values');
      ws.protection.load('protected');
      return { ws, used, top };
    });
    const perTable = tables.items
      .filter((t) => sheets.some((ws) => ws.name === t.worksheet.name))
      .map((t) => {
        const range = t.getRange();
        range.load('address');
        const header = t.getHeaderRowRange();
        header.load('values');
        return { t, range, header };
      });
    await context.sync();

    const grids: SheetGrid[] = [];
    const infos: SheetInfo[] = perSheet.map(({ ws, used, top }) => {
      const grid: SheetGrid = { name: ws.name, rows: [], tables: [] };
      grids.push(grid);
      placeValues(grid, boxOfAddress(top.address), top.values);
      const empty = grid.rows.every((row) => row.every((v) => v === null || v === undefined));
      return { name: ws.name, visibility: ws.visibility, protected: ws.protection.protected, ...(empty ? {} : { used: boxOfAddress(used.address) }) };
    });
    for (const { t, range, header } of perTable) {
      const grid = grids.find((g) => g.name === t.worksheet.name)!;
      const box = boxOfAddress(range.address);
      // The totals row is not a customer: the finder ends the candidate above it.
      grid.tables.push({ name: t.name, range: range.address.slice(range.address.lastIndexOf('!') + 1), ...(t.showTotals ? { totalsRow: true } : {}) });
      placeValues(grid, { ...box, lastRow: box.firstRow }, header.values);
    }
    const candidates = findTableCandidates(grids, knownHeaders(rulesList)).map((c) => {
      if (c.source === 'excel-table') return c;
      const used = infos.find((i) => i.name === c.sheet)?.used;
      return used ? { ...c, box: { ...c.box, lastRow: Math.max(c.box.lastRow, used.lastRow) } } : c;
    });
    return { sheets: infos, candidates };
  });
}

/** The proposal for a scan: the given rules, or the preset whose indicators the headers cover best. */
export function propose(scan: WorkbookScan, presets: readonly RuleSet[], rules?: RuleSet): Proposal {
  const chosen = rules ?? choosePresetFor(scan.candidates, presets);
  return { rules: chosen, ...classifyCandidates(scan.candidates, chosen) };
}
