import type { EmulatedExcel } from '../emulator';
import { cellText, columnName, headerRows, topLeft } from './grid';
import { fill, type PlaygroundStrings } from './strings';

const MAX_ROWS = 1000;
const cell = { border: '1px solid #e0e0e0', padding: '2px 6px', whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const heading = { ...cell, background: '#f3f3f3', color: '#616161', fontWeight: 400, textAlign: 'center' } as const;
/** Excel's selection: a blue tint over the cell's own fill, and the row number highlighted. */
const selectedCell = { boxShadow: 'inset 0 0 0 999px rgba(15, 108, 189, 0.14)' } as const;
const selectedHeading = { ...heading, background: '#d0e7f8', color: '#0f548c', fontWeight: 600 } as const;
/** Read by screen readers, not shown. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export function SheetGrid({ excel, sheet, strings }: { excel: EmulatedExcel; sheet: string; strings: PlaygroundStrings }) {
  const peek = excel.peek(sheet);
  const { row: firstRow, col: firstCol } = topLeft(peek.address);
  const values = peek.values;
  const empty = values.every((row) => row.every((v) => v === null || v === undefined || v === ''));
  if (empty) return <p>{strings.emptySheet}</p>;
  const headers = headerRows(
    values,
    firstRow,
    excel.tables(sheet).map((t) => t.range),
  );
  // What the add-in selected on this sheet (Range.select / RangeAreas.select), outlined like Excel's selection.
  const selection = excel.selection();
  const selected = selection?.sheet === sheet ? selection.boxes : [];
  const isSelected = (row: number, col: number) => selected.some((b) => row >= b.firstRow && row <= b.lastRow && col >= b.firstCol && col <= b.lastCol);
  const shown = values.slice(0, MAX_ROWS);
  const width = values[0]?.length ?? 0;
  return (
    <div>
      {values.length > MAX_ROWS ? <p>{fill(strings.truncated, { shown: MAX_ROWS, total: values.length })}</p> : null}
      {selected.length > 0 ? <p data-testid="selection">{fill(strings.selection, { address: selection!.address })}</p> : null}
      <table style={{ borderCollapse: 'collapse', fontSize: 12, background: '#fff' }} data-sheet={sheet}>
        <thead>
          <tr>
            <th style={heading}>
              <span style={visuallyHidden}>{strings.cornerHeader}</span>
            </th>
            {Array.from({ length: width }, (_, c) => (
              <th key={c} style={heading} scope="col">
                {columnName(firstCol + c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => {
            const bold = headers.has(firstRow + r);
            const rowSelected = row.some((_, c) => isSelected(firstRow + r, firstCol + c));
            return (
              <tr key={r}>
                <th style={rowSelected ? selectedHeading : heading} scope="row">
                  {firstRow + r + 1}
                </th>
                {row.map((v, c) => {
                  const background = peek.fills[r]?.[c] ?? undefined;
                  const on = selected.length > 0 && isSelected(firstRow + r, firstCol + c);
                  return (
                    <td
                      key={c}
                      style={{
                        ...cell,
                        fontWeight: bold ? 700 : 400,
                        textAlign: typeof v === 'number' ? 'right' : 'left',
                        background,
                        ...(on ? selectedCell : {}),
                      }}
                      title={cellText(v)}
                      {...(on ? { 'data-selected': 'true' } : {})}
                    >
                      {cellText(v)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
