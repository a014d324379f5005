/**
 * ChartCollection, Chart, ChartTitle, ChartLegend, ChartSeriesCollection, ChartSeries.
 * 'Auto' seriesBy picks 'Columns' when the source range has at least as many rows as columns.
 * How series come from the cells: chart-series.ts.
 */
import { boxAddress, parseAddress, type CellBox } from './address';
import { chartSeries, isChinese } from './chart-series';
import { ClientCollection, ClientObject, ClientResult, resultAction, type Resolver } from './client-object';
import type { Execution, RequestContextCore } from './context';
import { officeError } from './errors';
import { ChartModel, type SheetModel } from './model';
import { Range } from './range';
import { assertWritable } from './sheet-ops';
import { Worksheet } from './worksheet';

export const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineMarkers',
  'LineStacked',
  'Pie',
  'Doughnut',
  'Radar',
  'RadarMarkers',
  'RadarFilled',
  'Area',
  'AreaStacked',
  'XYScatter',
  '3DColumnClustered',
  '3DBarClustered',
  '3DPie',
]);
const SERIES_BY = new Set(['Auto', 'Columns', 'Rows']);
const LEGEND_POSITIONS = new Set(['Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom']);

export class ChartCollection extends ClientCollection<Chart, ChartModel> {
  readonly _type = 'ChartCollection';

  constructor(
    context: RequestContextCore,
    private readonly sheet: Resolver<SheetModel>,
  ) {
    super(context, (x) => {
      const s = sheet(x);
      return s ? x.model.chartsOn(s) : null;
    });
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { count: (list: ChartModel[]) => list.length };
  }

  protected _createItem(chart: ChartModel): Chart {
    return new Chart(this.context, this._boundTo(chart, 'Chart'));
  }

  protected _alive(chart: ChartModel): boolean {
    return !chart.deleted;
  }

  get count(): number {
    return this._get('count');
  }

  getItem(name: string): Chart {
    return new Chart(this.context, this.find(name, false, 'ChartCollection.getItem'));
  }

  getItemOrNullObject(name: string): Chart {
    this.context._requireApi('1.4', 'ChartCollection.getItemOrNullObject');
    return new Chart(this.context, this.find(name, true, 'ChartCollection.getItemOrNullObject'))._instantiate('getItemOrNullObject');
  }

  getItemAt(index: number): Chart {
    return new Chart(this.context, (x) => {
      const list = this._entity(x);
      if (!list) return null;
      const chart = list[index];
      if (!chart) throw officeError('ItemNotFound', 'ChartCollection.getItemAt', `index ${index} of ${list.length} charts`);
      return chart;
    });
  }

  getCount(): ClientResult<number> {
    return resultAction(this.context, 'ChartCollection.getCount', [], (x) => this._entity(x)?.length ?? 0);
  }

  /** Charts are found by their exact name (the emulator does not ignore case here). */
  private find(name: string, orNull: boolean, location: string): Resolver<ChartModel> {
    let bound: ChartModel | undefined;
    return (x) => {
      if (bound && !bound.deleted) return bound;
      if (bound) throw officeError('ItemNotFound', location, `the chart "${name}" was deleted`);
      const list = this._entity(x);
      if (!list) return null;
      const chart = list.find((c) => c.name === name);
      if (!chart) {
        if (orNull) return null;
        throw officeError('ItemNotFound', location, `no chart named "${name}" on this sheet`);
      }
      bound = chart;
      return chart;
    };
  }

  /** Adds a chart of `type` over `sourceData` (any sheet) to this sheet. */
  add(type: string, sourceData: Range, seriesBy: string = 'Auto'): Chart {
    let created: ChartModel | undefined;
    this._invoke('add', [type, sourceData, seriesBy], (x) => {
      const location = 'ChartCollection.add';
      const sheet = this.sheet(x);
      if (!sheet) throw officeError('ItemNotFound', location, 'the sheet is a null object');
      if (!CHART_TYPES.has(type)) throw officeError('InvalidArgument', location, `chart type "${String(type)}"`);
      if (!SERIES_BY.has(seriesBy)) throw officeError('InvalidArgument', location, `seriesBy "${String(seriesBy)}"`);
      if (!(sourceData instanceof Range)) throw officeError('InvalidArgument', location, 'sourceData must be a Range');
      if (sourceData.context !== this.context) throw officeError('InvalidRequestContext', location);
      assertWritable(sheet, location);
      const source = sourceData._required(x, location);
      const model = x.model;
      const prefix = isChinese(x) ? '图表 ' : 'Chart ';
      let n = sheet.nextChartNumber;
      for (const c of model.chartsOn(sheet)) {
        const m = /^(?:Chart|图表) (\d+)$/.exec(c.name);
        if (m) n = Math.max(n, Number(m[1]) + 1);
      }
      sheet.nextChartNumber = n + 1;
      const chart = new ChartModel(
        model.newId(),
        `${prefix}${n}`,
        sheet,
        type,
        { sheet: source.sheet, box: { ...source.box } },
        resolveSeriesBy(seriesBy, source.box),
      );
      const series = chartSeries(chart, x.host.displayLanguage);
      chart.title.text = series.length === 1 ? series[0]!.name : '';
      model.charts.push(chart);
      created = chart;
    });
    return new Chart(this.context, () => {
      if (!created) throw officeError('ItemNotFound', 'ChartCollection.add', 'the chart was not added');
      if (created.deleted) throw officeError('ItemNotFound', 'Chart', 'the chart was deleted');
      return created;
    });
  }
}

function resolveSeriesBy(seriesBy: string, box: CellBox): 'Columns' | 'Rows' {
  if (seriesBy === 'Columns' || seriesBy === 'Rows') return seriesBy;
  return box.lastRow - box.firstRow >= box.lastCol - box.firstCol ? 'Columns' : 'Rows';
}

/** The chart for a write: checks the sheet's protection and marks the chart changed. */
function editable(chart: ChartModel, location: string): ChartModel {
  assertWritable(chart.sheet, location);
  chart.changed = true;
  return chart;
}

export class Chart extends ClientObject<ChartModel> {
  readonly _type = 'Chart';
  private _title: ChartTitle | undefined = undefined;
  private _legend: ChartLegend | undefined = undefined;
  private _series: ChartSeriesCollection | undefined = undefined;
  private _worksheet: Worksheet | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<ChartModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      name: (c: ChartModel) => c.name,
      id: (c: ChartModel) => String(c.id),
      chartType: (c: ChartModel) => c.type,
      width: (c: ChartModel) => c.size.width,
      height: (c: ChartModel) => c.size.height,
      top: (c: ChartModel) => c.size.top,
      left: (c: ChartModel) => c.size.left,
    };
  }

  protected override _navigations() {
    return { title: () => this.title, legend: () => this.legend, series: () => this.series, worksheet: () => this.worksheet };
  }

  get name(): string {
    return this._get('name');
  }
  set name(name: string) {
    this._set('name', name, (c) => {
      if (typeof name !== 'string' || name === '' || name.length > 255) throw officeError('InvalidArgument', 'Chart.name', `"${String(name)}"`);
      editable(c, 'Chart.name').name = name;
    });
  }
  get id(): string {
    return this._get('id');
  }
  get chartType(): string {
    return this._get('chartType');
  }
  set chartType(type: string) {
    this._set('chartType', type, (c) => {
      if (!CHART_TYPES.has(type)) throw officeError('InvalidArgument', 'Chart.chartType', `chart type "${String(type)}"`);
      editable(c, 'Chart.chartType').type = type;
    });
  }
  get width(): number {
    return this._get('width');
  }
  set width(value: number) {
    this.setSize('width', value);
  }
  get height(): number {
    return this._get('height');
  }
  set height(value: number) {
    this.setSize('height', value);
  }
  get top(): number {
    return this._get('top');
  }
  set top(value: number) {
    this.setSize('top', value);
  }
  get left(): number {
    return this._get('left');
  }
  set left(value: number) {
    this.setSize('left', value);
  }

  private setSize(key: 'width' | 'height' | 'top' | 'left', value: number): void {
    this._set(key, value, (c) => {
      if (typeof value !== 'number' || !(value >= 0)) throw officeError('InvalidArgument', `Chart.${key}`, String(value));
      editable(c, `Chart.${key}`).size[key] = value;
    });
  }

  get title(): ChartTitle {
    return (this._title ??= new ChartTitle(this.context, (x) => this._entity(x)));
  }

  get legend(): ChartLegend {
    return (this._legend ??= new ChartLegend(this.context, (x) => this._entity(x)));
  }

  get series(): ChartSeriesCollection {
    return (this._series ??= new ChartSeriesCollection(this.context, this));
  }

  get worksheet(): Worksheet {
    return (this._worksheet ??= new Worksheet(this.context, (x) => this._entity(x)?.sheet ?? null));
  }

  /** Places the chart over startCell..endCell (cells of its own sheet, as ranges or addresses). */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._invoke('setPosition', [startCell, endCell ?? null], (x) => {
      const location = 'Chart.setPosition';
      const chart = this._required(x, location);
      const start = this.cellOf(startCell, chart, x, 'start');
      const end = endCell === undefined || endCell === null ? undefined : this.cellOf(endCell, chart, x, 'end');
      editable(chart, location).position = { start, end };
    });
  }

  private cellOf(cell: Range | string, chart: ChartModel, x: Execution, corner: 'start' | 'end'): string {
    let box: CellBox;
    if (typeof cell === 'string') {
      const parsed = parseAddress(cell);
      if (!parsed || (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== chart.sheet.name.toLowerCase())) {
        throw officeError('InvalidArgument', 'Chart.setPosition', `"${cell}" is not a cell of ${chart.sheet.name}`);
      }
      box = parsed.box;
    } else if (cell instanceof Range) {
      const located = cell._required(x, 'Chart.setPosition');
      if (located.sheet !== chart.sheet) throw officeError('InvalidArgument', 'Chart.setPosition', 'the cell is on another sheet');
      box = located.box;
    } else {
      throw officeError('InvalidArgument', 'Chart.setPosition', 'a Range or an address is expected');
    }
    const row = corner === 'start' ? box.firstRow : box.lastRow;
    const col = corner === 'start' ? box.firstCol : box.lastCol;
    return boxAddress({ firstRow: row, firstCol: col, lastRow: row, lastCol: col });
  }

  /** Points the chart at other cells. */
  setData(sourceData: Range, seriesBy: string = 'Auto'): void {
    this._invoke('setData', [sourceData, seriesBy], (x) => {
      const location = 'Chart.setData';
      const chart = this._required(x, location);
      if (!SERIES_BY.has(seriesBy)) throw officeError('InvalidArgument', location, `seriesBy "${String(seriesBy)}"`);
      const source = sourceData._required(x, location);
      const c = editable(chart, location);
      c.source = { sheet: source.sheet, box: { ...source.box } };
      c.seriesBy = resolveSeriesBy(seriesBy, source.box);
      c.explicitSeries = [];
      c.seriesNames.clear();
    });
  }

  delete(): void {
    this._invoke('delete', [], (x) => {
      const chart = this._required(x, 'Chart.delete');
      assertWritable(chart.sheet, 'Chart.delete');
      x.model.deleteChart(chart);
    });
  }
}

export class ChartTitle extends ClientObject<ChartModel> {
  readonly _type = 'ChartTitle';

  constructor(context: RequestContextCore, resolver: Resolver<ChartModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { text: (c: ChartModel) => c.title.text, visible: (c: ChartModel) => c.title.visible };
  }

  get text(): string {
    return this._get('text');
  }
  set text(text: string) {
    this._set('text', text, (c) => {
      if (typeof text !== 'string') throw officeError('InvalidArgument', 'ChartTitle.text', String(text));
      editable(c, 'ChartTitle.text').title.text = text;
    });
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(visible: boolean) {
    this._set('visible', visible, (c) => {
      editable(c, 'ChartTitle.visible').title.visible = Boolean(visible);
    });
  }
}

export class ChartLegend extends ClientObject<ChartModel> {
  readonly _type = 'ChartLegend';

  constructor(context: RequestContextCore, resolver: Resolver<ChartModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { position: (c: ChartModel) => c.legend.position, visible: (c: ChartModel) => c.legend.visible };
  }

  get position(): string {
    return this._get('position');
  }
  set position(position: string) {
    this._set('position', position, (c) => {
      if (!LEGEND_POSITIONS.has(position)) throw officeError('InvalidArgument', 'ChartLegend.position', `"${String(position)}"`);
      editable(c, 'ChartLegend.position').legend.position = position;
    });
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(visible: boolean) {
    this._set('visible', visible, (c) => {
      editable(c, 'ChartLegend.visible').legend.visible = Boolean(visible);
    });
  }
}

/** A series of a chart, by position (series are recomputed from the cells at each request). */
export interface SeriesRef {
  chart: ChartModel;
  index: number;
}

const seriesRefs = new WeakMap<ChartModel, SeriesRef[]>();

function seriesRef(chart: ChartModel, index: number): SeriesRef {
  let refs = seriesRefs.get(chart);
  if (!refs) seriesRefs.set(chart, (refs = []));
  return (refs[index] ??= { chart, index });
}

export class ChartSeriesCollection extends ClientCollection<ChartSeries, SeriesRef> {
  readonly _type = 'ChartSeriesCollection';

  constructor(
    context: RequestContextCore,
    private readonly chart: Chart,
  ) {
    super(context, (x) => {
      const c = chart._entity(x);
      return c ? chartSeries(c, x.host.displayLanguage).map((_, i) => seriesRef(c, i)) : null;
    });
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { count: (list: SeriesRef[]) => list.length };
  }

  protected _createItem(ref: SeriesRef): ChartSeries {
    return new ChartSeries(this.context, this._boundTo(ref, 'ChartSeries'));
  }

  protected _alive(ref: SeriesRef, x: Execution): boolean {
    return !ref.chart.deleted && ref.index < chartSeries(ref.chart, x.host.displayLanguage).length;
  }

  get count(): number {
    return this._get('count');
  }

  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, (x) => {
      const c = this.chart._entity(x);
      if (!c) return null;
      if (!Number.isInteger(index) || index < 0 || index >= chartSeries(c, x.host.displayLanguage).length) {
        throw officeError('ItemNotFound', 'ChartSeriesCollection.getItemAt', `series ${index}`);
      }
      return seriesRef(c, index);
    });
  }

  getCount(): ClientResult<number> {
    return resultAction(this.context, 'ChartSeriesCollection.getCount', [], (x) => this._entity(x)?.length ?? 0);
  }
}

export class ChartSeries extends ClientObject<SeriesRef> {
  readonly _type = 'ChartSeries';

  constructor(context: RequestContextCore, resolver: Resolver<SeriesRef>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { name: (ref: SeriesRef, x: Execution) => chartSeries(ref.chart, x.host.displayLanguage)[ref.index]?.name ?? '' };
  }

  get name(): string {
    return this._get('name');
  }
  set name(name: string) {
    this._set('name', name, (ref) => {
      if (typeof name !== 'string') throw officeError('InvalidArgument', 'ChartSeries.name', String(name));
      editable(ref.chart, 'ChartSeries.name').seriesNames.set(ref.index, name);
    });
  }

  /** The series' categories or values as text (ExcelApi 1.12). */
  getDimensionValues(dimension: string): ClientResult<string[]> {
    this.context._requireApi('1.12', 'ChartSeries.getDimensionValues');
    return resultAction(this.context, 'ChartSeries.getDimensionValues', [dimension], (x) => {
      const ref = this._required(x, 'ChartSeries.getDimensionValues');
      const series = chartSeries(ref.chart, x.host.displayLanguage)[ref.index];
      if (dimension !== 'Categories' && dimension !== 'Values')
        throw officeError('InvalidArgument', 'ChartSeries.getDimensionValues', `dimension "${dimension}"`);
      return (dimension === 'Values' ? (series?.values ?? []) : (series?.categories ?? [])).map((v) => String(v));
    });
  }
}
