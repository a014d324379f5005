/**
 * How much work the `score` command does on one workbook at most, so that a hostile or
 * broken file (a zip bomb: a few hundred KB that unpack to hundreds of MB, or a sheet that
 * claims cells out to XFD1048576) is refused within a second or two and well under 1 GB of
 * memory, instead of running for minutes through gigabytes.
 *
 * Real customer workbooks sit far below these: a team's evaluation table has hundreds or
 * thousands of rows (Excel's grid allows 1,048,576 × 16,384, which no such table fills);
 * 100,000 customers × 40 columns is 4 million cells and about 130 MB of sheet XML. A
 * workbook at the limits is still read (about 10 s and 1.2 GB on a laptop-class machine).
 *
 * - `partBytes`: any one part of the package (a sheet's XML, the shared strings) unpacked.
 *   Checked against the size the zip's central directory declares before inflating, and
 *   again while inflating (the declared size is not trusted): inflation stops there.
 * - `packageBytes`: all parts of the package together, as declared and as inflated.
 * - `cells`: cells (`<c>` elements) over all worksheets, counted before they are parsed.
 * - `gridCells`: the rectangle one sheet's values and tables span (rows × columns), which
 *   the reader lays out as a grid: a value in XFD1048576 would make it 17 billion cells.
 */
export const XLSX_LIMITS = {
  partBytes: 128 * 1024 * 1024,
  packageBytes: 256 * 1024 * 1024,
  cells: 4_000_000,
  gridCells: 25_000_000,
} as const;
