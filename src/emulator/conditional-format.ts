/**
 * ConditionalFormatCollection (range.conditionalFormats), ConditionalFormat and the parts the
 * add-in sets: text comparison and cell value rules with a fill (and font color).
 */
import { contains, intersect, rangeAddress } from './address';
import { ClientCollection, ClientObject, resultAction, type ClientResult, type Resolver } from './client-object';
import type { RequestContextCore } from './context';
import { officeError } from './errors';
import { ConditionalFormatModel } from './model';
import { Range } from './range';
import { assertWritable } from './sheet-ops';
import { normalizeColor } from './colors';

export const CONDITIONAL_FORMAT_TYPES = new Set(['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue']);
export const TEXT_OPERATORS = new Set(['Contains', 'NotContains', 'BeginsWith', 'EndsWith']);
export const CELL_VALUE_OPERATORS = new Set([
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqual',
  'LessThanOrEqual',
]);

function editable(format: ConditionalFormatModel, location: string): ConditionalFormatModel {
  assertWritable(format.sheet, location);
  format.changed = true;
  return format;
}

export class ConditionalFormatCollection extends ClientCollection<ConditionalFormat, ConditionalFormatModel> {
  readonly _type = 'ConditionalFormatCollection';

  constructor(
    context: RequestContextCore,
    private readonly range: Range,
  ) {
    super(context, (x) => {
      const l = range._entity(x);
      return l ? x.model.conditionalFormatsOn(l.sheet).filter((f) => intersect(f.box, l.box)) : null;
    });
    Object.preventExtensions(this);
  }

  protected _createItem(format: ConditionalFormatModel): ConditionalFormat {
    return new ConditionalFormat(this.context, this._boundTo(format, 'ConditionalFormat'));
  }

  protected _alive(format: ConditionalFormatModel): boolean {
    return !format.deleted;
  }

  getCount(): ClientResult<number> {
    return resultAction(this.context, 'ConditionalFormatCollection.getCount', [], (x) => this._entity(x)?.length ?? 0);
  }

  getItemAt(index: number): ConditionalFormat {
    return new ConditionalFormat(this.context, (x) => {
      const list = this._entity(x);
      if (!list) return null;
      const format = list[index];
      if (!format) throw officeError('ItemNotFound', 'ConditionalFormatCollection.getItemAt', `index ${index} of ${list.length}`);
      return format;
    });
  }

  /** A new conditional format over the range, at the top of the sheet's priority order. */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatModel | undefined;
    this._invoke('add', [type], (x) => {
      const location = 'ConditionalFormatCollection.add';
      const l = this.range._required(x, location);
      if (!CONDITIONAL_FORMAT_TYPES.has(type)) throw officeError('InvalidArgument', location, `type "${String(type)}"`);
      assertWritable(l.sheet, location);
      for (const other of x.model.conditionalFormatsOn(l.sheet)) other.priority += 1;
      created = new ConditionalFormatModel(x.model.newId(), l.sheet, { ...l.box }, type, 0);
      x.model.conditionalFormats.push(created);
    });
    return new ConditionalFormat(this.context, () => {
      if (!created) throw officeError('ItemNotFound', 'ConditionalFormatCollection.add', 'the conditional format was not added');
      if (created.deleted) throw officeError('ItemNotFound', 'ConditionalFormat', 'the conditional format was deleted');
      return created;
    });
  }

  /**
   * Removes the conditional formats that lie inside the range. One that only partly overlaps
   * the range is kept whole (Excel would trim it to the cells outside the range).
   */
  clearAll(): void {
    this._invoke('clearAll', [], (x) => {
      const location = 'ConditionalFormatCollection.clearAll';
      const l = this.range._required(x, location);
      assertWritable(l.sheet, location);
      for (const format of x.model.conditionalFormatsOn(l.sheet)) {
        if (contains(l.box, format.box)) x.model.deleteConditionalFormat(format);
      }
    });
  }
}

export class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  readonly _type = 'ConditionalFormat';
  private _text: TextConditionalFormat | undefined = undefined;
  private _cellValue: RuleConditionalFormat | undefined = undefined;
  private _custom: RuleConditionalFormat | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<ConditionalFormatModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return {
      type: (f: ConditionalFormatModel) => f.type,
      priority: (f: ConditionalFormatModel) => f.priority,
      stopIfTrue: (f: ConditionalFormatModel) => f.stopIfTrue,
      id: (f: ConditionalFormatModel) => String(f.id),
    };
  }

  protected override _navigations() {
    return { textComparison: () => this.textComparison, cellValue: () => this.cellValue, custom: () => this.custom };
  }

  get type(): string {
    return this._get('type');
  }
  get id(): string {
    return this._get('id');
  }
  get priority(): number {
    return this._get('priority');
  }
  set priority(priority: number) {
    this._set('priority', priority, (f) => {
      if (!Number.isInteger(priority) || priority < 0) throw officeError('InvalidArgument', 'ConditionalFormat.priority', String(priority));
      editable(f, 'ConditionalFormat.priority').priority = priority;
    });
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  set stopIfTrue(stop: boolean) {
    this._set('stopIfTrue', stop, (f) => {
      editable(f, 'ConditionalFormat.stopIfTrue').stopIfTrue = Boolean(stop);
    });
  }

  private ofType(type: string, property: string): Resolver<ConditionalFormatModel> {
    return (x) => {
      const f = this._entity(x);
      if (!f) return null;
      if (f.type !== type) throw officeError('InvalidOperation', `ConditionalFormat.${property}`, `the conditional format is of type ${f.type}, not ${type}`);
      return f;
    };
  }

  get textComparison(): TextConditionalFormat {
    return (this._text ??= new TextConditionalFormat(this.context, this.ofType('ContainsText', 'textComparison')));
  }

  get cellValue(): RuleConditionalFormat {
    return (this._cellValue ??= new RuleConditionalFormat(
      this.context,
      this.ofType('CellValue', 'cellValue'),
      'CellValueConditionalFormat',
      checkCellValueRule,
    ));
  }

  get custom(): RuleConditionalFormat {
    return (this._custom ??= new RuleConditionalFormat(this.context, this.ofType('Custom', 'custom'), 'CustomConditionalFormat', checkCustomRule));
  }

  getRange(): Range {
    return new Range(this.context, (x) => {
      const f = this._entity(x);
      return f ? { sheet: f.sheet, box: f.box } : null;
    });
  }

  delete(): void {
    this._invoke('delete', [], (x) => {
      const f = this._required(x, 'ConditionalFormat.delete');
      assertWritable(f.sheet, 'ConditionalFormat.delete');
      x.model.deleteConditionalFormat(f);
    });
  }
}

function checkTextRule(rule: unknown): Record<string, unknown> | string {
  if (!rule || typeof rule !== 'object') return 'the rule must be {operator, text}';
  const { operator, text } = rule as Record<string, unknown>;
  if (typeof operator !== 'string' || !TEXT_OPERATORS.has(operator)) return `operator "${String(operator)}"`;
  if (typeof text !== 'string') return 'text must be a string';
  return { operator, text };
}

function checkCellValueRule(rule: unknown): Record<string, unknown> | string {
  if (!rule || typeof rule !== 'object') return 'the rule must be {formula1, formula2?, operator}';
  const { formula1, formula2, operator } = rule as Record<string, unknown>;
  if (typeof operator !== 'string' || !CELL_VALUE_OPERATORS.has(operator)) return `operator "${String(operator)}"`;
  const isFormula = (f: unknown) => (typeof f === 'string' && f !== '') || typeof f === 'number';
  if (!isFormula(formula1)) return 'formula1 is required';
  const needsTwo = operator === 'Between' || operator === 'NotBetween';
  if (needsTwo && !isFormula(formula2)) return `${operator} needs formula2`;
  return needsTwo ? { formula1, formula2, operator } : { formula1, operator };
}

function checkCustomRule(rule: unknown): Record<string, unknown> | string {
  if (!rule || typeof rule !== 'object') return 'the rule must be {formula}';
  const { formula } = rule as Record<string, unknown>;
  return typeof formula === 'string' && formula !== '' ? { formula } : 'formula is required';
}

export class TextConditionalFormat extends ClientObject<ConditionalFormatModel> {
  readonly _type = 'TextConditionalFormat';
  private _format: ConditionalRangeFormat | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<ConditionalFormatModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { rule: (f: ConditionalFormatModel) => (f.rule ? { ...f.rule } : null) };
  }

  protected override _navigations() {
    return { format: () => this.format };
  }

  get format(): ConditionalRangeFormat {
    return (this._format ??= new ConditionalRangeFormat(this.context, (x) => this._entity(x)));
  }

  get rule(): { operator: string; text: string } {
    return this._get('rule');
  }
  set rule(rule: { operator: string; text: string }) {
    this._set('rule', rule, (f) => {
      const checked = checkTextRule(rule);
      if (typeof checked === 'string') throw officeError('InvalidArgument', 'TextConditionalFormat.rule', checked);
      editable(f, 'TextConditionalFormat.rule').rule = checked;
    });
  }
}

/** CellValueConditionalFormat and CustomConditionalFormat: a rule object and a format. */
export class RuleConditionalFormat extends ClientObject<ConditionalFormatModel> {
  readonly _type: string;
  private _format: ConditionalRangeFormat | undefined = undefined;

  constructor(
    context: RequestContextCore,
    resolver: Resolver<ConditionalFormatModel>,
    type: string,
    private readonly check: (rule: unknown) => Record<string, unknown> | string,
  ) {
    super(context, resolver);
    this._type = type;
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { rule: (f: ConditionalFormatModel) => (f.rule ? { ...f.rule } : null) };
  }

  protected override _navigations() {
    return { format: () => this.format };
  }

  get format(): ConditionalRangeFormat {
    return (this._format ??= new ConditionalRangeFormat(this.context, (x) => this._entity(x)));
  }

  get rule(): Record<string, unknown> {
    return this._get('rule');
  }
  set rule(rule: Record<string, unknown>) {
    this._set('rule', rule, (f) => {
      const checked = this.check(rule);
      if (typeof checked === 'string') throw officeError('InvalidArgument', `${this._type}.rule`, checked);
      editable(f, `${this._type}.rule`).rule = checked;
    });
  }
}

export class ConditionalRangeFormat extends ClientObject<ConditionalFormatModel> {
  readonly _type = 'ConditionalRangeFormat';
  private _fill: ConditionalRangeFill | undefined = undefined;
  private _font: ConditionalRangeFont | undefined = undefined;

  constructor(context: RequestContextCore, resolver: Resolver<ConditionalFormatModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _navigations() {
    return { fill: () => this.fill, font: () => this.font };
  }

  get fill(): ConditionalRangeFill {
    return (this._fill ??= new ConditionalRangeFill(this.context, (x) => this._entity(x)));
  }

  get font(): ConditionalRangeFont {
    return (this._font ??= new ConditionalRangeFont(this.context, (x) => this._entity(x)));
  }
}

export class ConditionalRangeFill extends ClientObject<ConditionalFormatModel> {
  readonly _type = 'ConditionalRangeFill';

  constructor(context: RequestContextCore, resolver: Resolver<ConditionalFormatModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { color: (f: ConditionalFormatModel) => f.fill ?? null };
  }

  get color(): string {
    return this._get('color');
  }
  set color(color: string) {
    this._set('color', color, (f) => {
      const normalized = normalizeColor(color);
      if (!normalized) throw officeError('InvalidArgument', 'ConditionalRangeFill.color', `"${String(color)}" is not a color`);
      editable(f, 'ConditionalRangeFill.color').fill = normalized;
    });
  }

  clear(): void {
    this._invoke('clear', [], (x) => {
      editable(this._required(x, 'ConditionalRangeFill.clear'), 'ConditionalRangeFill.clear').fill = undefined;
    });
  }
}

export class ConditionalRangeFont extends ClientObject<ConditionalFormatModel> {
  readonly _type = 'ConditionalRangeFont';

  constructor(context: RequestContextCore, resolver: Resolver<ConditionalFormatModel>) {
    super(context, resolver);
    Object.preventExtensions(this);
  }

  protected override _scalars() {
    return { color: (f: ConditionalFormatModel) => f.fontColor ?? null };
  }

  get color(): string {
    return this._get('color');
  }
  set color(color: string) {
    this._set('color', color, (f) => {
      const normalized = normalizeColor(color);
      if (!normalized) throw officeError('InvalidArgument', 'ConditionalRangeFont.color', `"${String(color)}" is not a color`);
      editable(f, 'ConditionalRangeFont.color').fontColor = normalized;
    });
  }
}

/** The inspection view of a conditional format. */
export function describeConditionalFormat(f: ConditionalFormatModel): { address: string; type: string; rule: unknown; fill?: string; fontColor?: string } {
  return {
    address: rangeAddress(f.sheet.name, f.box),
    type: f.type,
    rule: f.rule ? { ...f.rule } : null,
    ...(f.fill ? { fill: f.fill } : {}),
    ...(f.fontColor ? { fontColor: f.fontColor } : {}),
  };
}
