/** .xlsx files on disk: read every worksheet as raw grids, write managed columns back. */
export { readWorkbook } from './read';
export { writeWorkbook, type CellWrite, type ColumnWrite, type SheetWrite } from './write';
export { XlsxError, type XlsxErrorCode } from './errors';
export { loadExcelize } from './excelize';
