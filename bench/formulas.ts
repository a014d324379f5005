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
import { isLabelBand, maxPointsOf, type IndicatorRule, type RuleSet } from '../src/engine/rules';

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
