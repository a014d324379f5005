/**
 * The evaluation scoring written as spreadsheet formulas, from the rule set itself, for
 * LibreOffice to recalculate: what a team without the add-in would build.
 *
 * Per indicator a nested IF over its bands (first band that holds wins, then `else`); the
 * weighted score Σ(weight × points ÷ max points × 100) ÷ Σ(positive weights), clamped to
 * 0..100 and ROUNDed to one decimal (ROUND rounds half away from zero, as the engine does);
 * the tier by its cut-offs, the last tier taking the rest. The formulas read clean values:
 * numbers in the indicator's unit (years, orders per year, fractions, the score's scale)
 * and canonical category labels. Rules with gates, a complaint cap, negative weights or
 * dates are not what the bench compares, and are refused here.
 */
import { columnLetter } from '../src/engine/address';
import { isLabelBand, maxPointsOf, type IndicatorRule, type RfmRules, type RuleSet, type ServiceRules } from '../src/engine/rules';

export interface FormulaColumn {
  header: string;
  /** True when the formula gives text (the tier). */
  text: boolean;
  /** The formula (without `=`) of the formula sheet's row `row`, reading the data sheet's row `sourceRow`. */
  formula(row: number, sourceRow: number): string;
}

function quoteText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function numberText(n: number): string {
  return String(n);
}

/** Nested IF over the bands of one indicator, reading `ref`. */
export function indicatorFormula(indicator: IndicatorRule, ref: string): string {
  let formula = numberText(indicator.else);
  for (let k = indicator.bands.length - 1; k >= 0; k--) {
    const band = indicator.bands[k]!;
    const test = isLabelBand(band) ? `${ref}=${quoteText(band.label)}` : `${ref}${band.op}${numberText(band.value)}`;
    formula = `IF(${test},${numberText(band.points)},${formula})`;
  }
  return formula;
}

/**
 * The formula sheet's columns: f1..fN (points per indicator), fs (the rounded weighted
 * score) and ft (the tier's zh label). Neutral headers, so that no table finder takes
 * them for indicators or managed columns.
 */
export function formulaColumns(rules: RuleSet, dataSheet: string, columnOf: Record<string, number>): FormulaColumn[] {
  if (rules.complaintCap !== undefined || rules.tiers.some((t) => t.gates.length > 0) || rules.indicators.some((i) => i.weight < 0 || i.type === 'date')) {
    throw new Error(`bench formulas: the rule set ${rules.id} has gates, a complaint cap, risk indicators or dates, which the formula version does not write`);
  }
  const sheet = `'${dataSheet.replace(/'/g, "''")}'`;
  const indicators = rules.indicators;
  const points: FormulaColumn[] = indicators.map((indicator, k) => {
    const column = columnOf[indicator.id];
    if (column === undefined) throw new Error(`bench formulas: no column for ${indicator.id}`);
    return { header: `f${k + 1}`, text: false, formula: (_row, sourceRow) => indicatorFormula(indicator, `${sheet}!${columnLetter(column)}${sourceRow}`) };
  });
  const positive = indicators.reduce((sum, i) => sum + (i.weight > 0 ? i.weight : 0), 0);
  const scoreCol = columnLetter(indicators.length);
  const score: FormulaColumn = {
    header: 'fs',
    text: false,
    formula: (row) => {
      const terms = indicators.map((ind, k) => `${numberText(ind.weight)}*MIN(100,MAX(0,${columnLetter(k)}${row}/${numberText(maxPointsOf(ind))}*100))`);
      return `ROUND(MIN(100,MAX(0,(${terms.join('+')})/${numberText(positive)})),1)`;
    },
  };
  const tier: FormulaColumn = {
    header: 'ft',
    text: true,
    formula: (row) => {
      const tiers = rules.tiers;
      let formula = quoteText(tiers[tiers.length - 1]!.label.zh);
      for (let k = tiers.length - 2; k >= 0; k--) formula = `IF(${scoreCol}${row}>=${numberText(tiers[k]!.min!)},${quoteText(tiers[k]!.label.zh)},${formula})`;
      return formula;
    },
  };
  return [...points, score, tier];
}

/**
 * The service survey written as formulas (docs/scoring-rules.md section 6.5), one row per
 * customer of the customer table: each dimension's mean over the customer's survey rows
 * (AVERAGEIFS, which skips blanks as the engine does), the score out of 100 (the dimensions'
 * mean ÷ 5 × 100, ROUNDed: every dimension of the bench's survey is on 1-5) and the weakest
 * dimension (the first of the lowest means, MATCH's first hit being the tie rule). Summary
 * cells, written once: the NPS from 推荐意愿 (COUNTIFS of promoters and detractors ÷ COUNT of
 * answers) and each dimension's mean of the customers' means.
 */
export interface AnalysisFormulas {
  /** One per customer row of the formula sheet. */
  columns: FormulaColumn[];
  /** Written on the first data row only, right of `columns`. */
  summary: FormulaColumn[];
}

/** Where the formulas read the workbook: sheet names, the first and last data rows, and the customers. */
export interface AnalysisLayout {
  customerSheet: string;
  /** First data row of the customer table (1-based); its customer names are in column A. */
  customerFirstRow: number;
  customers: number;
}

export interface SurveyLayout extends AnalysisLayout {
  surveySheet: string;
  surveyFirstRow: number;
  surveyLastRow: number;
  /** Columns (0-based) of the key, each dimension and 推荐意愿. */
  keyColumn: number;
  dimensionColumns: number[];
  recommendColumn: number;
}

const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

export function serviceFormulas(rules: ServiceRules, dimensionIds: readonly string[], layout: SurveyLayout): AnalysisFormulas {
  const survey = sheetRef(layout.surveySheet);
  const range = (column: number) => `${survey}!$${columnLetter(column)}$${layout.surveyFirstRow}:$${columnLetter(column)}$${layout.surveyLastRow}`;
  const labels = dimensionIds.map((id) => {
    const dimension = rules.dimensions.find((d) => d.id === id);
    if (!dimension) throw new Error(`bench formulas: the service rules have no dimension ${id}`);
    return dimension.label.zh;
  });
  const keyOf = (sourceRow: number) => `${sheetRef(layout.customerSheet)}!$A${sourceRow}`;
  const first = columnLetter(0);
  const last = columnLetter(dimensionIds.length - 1);
  const means: FormulaColumn[] = dimensionIds.map((_, k) => ({
    header: `d${k + 1}`,
    text: false,
    formula: (_row, sourceRow) => `AVERAGEIFS(${range(layout.dimensionColumns[k]!)},${range(layout.keyColumn)},${keyOf(sourceRow)})`,
  }));
  const score: FormulaColumn = { header: 'ss', text: false, formula: (row) => `ROUND(AVERAGE(${first}${row}:${last}${row})/5*100,1)` };
  const weakest: FormulaColumn = {
    header: 'sw',
    text: true,
    formula: (row) => `CHOOSE(MATCH(MIN(${first}${row}:${last}${row}),${first}${row}:${last}${row},0),${labels.map(quoteText).join(',')})`,
  };
  const lastRow = 1 + layout.customers;
  const answers = range(layout.recommendColumn);
  const nps: FormulaColumn = {
    header: 'np',
    text: false,
    formula: () => `ROUND((COUNTIFS(${answers},">=9")-COUNTIFS(${answers},"<=6"))/COUNT(${answers})*100,1)`,
  };
  const dimensionMeans: FormulaColumn[] = dimensionIds.map((_, k) => ({
    header: `m${k + 1}`,
    text: false,
    formula: () => `AVERAGE(${columnLetter(k)}$2:${columnLetter(k)}$${lastRow})`,
  }));
  return { columns: [...means, score, weakest], summary: [nps, ...dimensionMeans] };
}

export interface TransactionsLayout extends AnalysisLayout {
  transactionsSheet: string;
  transactionsFirstRow: number;
  transactionsLastRow: number;
  /** The period, as Excel serials (both days included), and the as-of date. */
  from: number;
  to: number;
  asOf: number;
}

/**
 * RFM from a transactions table written as formulas (docs/scoring-rules.md section 6.6), one
 * row per customer of the customer table: F, M and the last purchase in the period (COUNTIFS,
 * SUMIFS, MAXIFS over the purchases of the customer dated within it), the days since it (a
 * customer without a purchase gets a number of days above any other: the worst R), each
 * letter's quintile score from its average rank RANK.AVG (worst first: the most days, the
 * fewest purchases, the least amount) as floor(5 × (r − 0.5) ÷ n) + 1, the weighted RFM score
 * and the segment. MAXIFS and RANK.AVG carry Excel's `_xlfn.` prefix, as Excel writes them.
 */
export function rfmFormulas(rules: RfmRules, layout: TransactionsLayout): AnalysisFormulas {
  const sheet = sheetRef(layout.transactionsSheet);
  const range = (column: number) => `${sheet}!$${columnLetter(column)}$${layout.transactionsFirstRow}:$${columnLetter(column)}$${layout.transactionsLastRow}`;
  const keyOf = (sourceRow: number) => `${sheetRef(layout.customerSheet)}!$A${sourceRow}`;
  const criteria = (sourceRow: number) => `${range(0)},${keyOf(sourceRow)},${range(1)},">=${layout.from}",${range(1)},"<=${layout.to}"`;
  const n = layout.customers;
  const lastRow = 1 + n;
  const column = (letter: string) => `$${letter}$2:$${letter}$${lastRow}`;
  // floor(5 × (r − 0.5) ÷ n) + 1, with 2r − 1 a whole number: exact in floating point.
  const quintile = (cell: string, letter: string, order: 0 | 1) => `INT(5*(2*_xlfn.RANK.AVG(${cell},${column(letter)},${order})-1)/${2 * n})+1`;
  const w = rules.weights;
  const label = (id: string) => {
    const segment = rules.segments.find((s) => s.id === id);
    if (!segment) throw new Error(`bench formulas: the RFM rules have no segment ${id}`);
    return quoteText(segment.label.zh);
  };
  const columns: FormulaColumn[] = [
    { header: 'nf', text: false, formula: (_row, sourceRow) => `COUNTIFS(${criteria(sourceRow)})` },
    { header: 'nm', text: false, formula: (_row, sourceRow) => `SUMIFS(${range(2)},${criteria(sourceRow)})` },
    { header: 'nl', text: false, formula: (_row, sourceRow) => `_xlfn.MAXIFS(${range(1)},${criteria(sourceRow)})` },
    { header: 'nd', text: false, formula: (row) => `IF(A${row}=0,999999,${layout.asOf}-C${row})` },
    { header: 'sr', text: false, formula: (row) => quintile(`D${row}`, 'D', 0) },
    { header: 'sf', text: false, formula: (row) => quintile(`A${row}`, 'A', 1) },
    { header: 'sm', text: false, formula: (row) => quintile(`B${row}`, 'B', 1) },
    {
      header: 'ss',
      text: false,
      formula: (row) =>
        `ROUND((${numberText(w.recency)}*E${row}+${numberText(w.frequency)}*F${row}+${numberText(w.monetary)}*G${row})/${numberText(w.recency + w.frequency + w.monetary)}*20,1)`,
    },
    {
      header: 'sg',
      text: true,
      formula: (row) =>
        `IF(E${row}<=2,${label('at-risk')},IF(AND(E${row}>=4,F${row}>=4,G${row}>=4),${label('high-value')},IF(AND(E${row}>=3,F${row}>=3,G${row}>=3),${label('potential')},${label('low-value')})))`,
    },
  ];
  return { columns, summary: [] };
}
