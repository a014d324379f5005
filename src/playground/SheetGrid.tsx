import type { EmulatedExcel } from '../emulator';
import { cellText, columnName, headerRows, topLeft } from './grid';
import { fill, type PlaygroundStrings } from './strings';

const MAX_ROWS = 1000;
const cell = { border: '1px solid #e0e0e0', padding: '2px 6px', whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const heading = { ...cell, background: '#f3f3f3', color: '#616161', fontWeight: 400, textAlign: 'center' } as const;
/** Read by screen readers, not shown. */
const visuallyHidden = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

export function SheetGrid({ excel, sheet, strings }: { excel: EmulatedExcel; sheet: string; strings: PlaygroundStrings }) {
  const peek = excel.peek(sheet);
  const { row: firstRow, col: firstCol } = topLeft(peek.address);
  const values = peek.values;
  const empty = values.every((row) => row.every((v) => v === null || v === undefined || v === ''));
  if (empty) return <p>{strings.emptySheet}</p>;
  const headers = headerRows(values, firstRow, excel.tables(sheet).map((t) => t.range));
  const shown = values.slice(0, MAX_ROWS);
  const width = values[0]?.length ?? 0;
  return (
    <div>
      {values.length > MAX_ROWS ? <p>{fill(strings.truncated, { shown: MAX_ROWS, total: values.length })}</p> : null}
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
            return (
              <tr key={r}>
                <th style={heading} scope="row">
                  {firstRow + r + 1}
                </th>
                {row.map((v, c) => {
                  const background = peek.fills[r]?.[c] ?? undefined;
                  return (
                    <td
                      key={c}
                      style={{ ...cell, fontWeight: bold ? 700 : 400, textAlign: typeof v === 'number' ? 'right' : 'left', background }}
                      title={cellText(v)}
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
