/**
 * What the pane says about the analyses that is shared by their sections: why Apply is
 * blocked (one sentence whichever tab shows it) and which columns Apply writes where (every
 * analysis's, since one Apply writes them all).
 */
import { ANALYSIS_COLUMNS, RFM_WRITTEN, SERVICE_WRITTEN } from '../engine/columns';
import { DEFAULT_MANAGED } from '../engine/managed';
import { fill, managedHeader, pick } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { describeBlocker } from './model';
import type { AnalysesView, ApplyBlock } from './panel-state';
import type { RuleSet } from '../engine/rules';
import type { TableCandidate } from '../engine/tables';

/** Why Apply cannot run, as a sentence. */
export function blockSentence(block: ApplyBlock, rules: RuleSet, s: Strings, language: Language): string {
  switch (block.code) {
    case 'no-key':
    case 'unmapped':
      return describeBlocker(block, rules, s, language);
    case 'invalid-rules':
      return s.blockedInvalidRules;
    case 'as-of':
      return s.blockedAsOf;
    case 'rfm-weights':
      return s.blockedRfmWeights;
    case 'period':
      return s.blockedPeriod;
    case 'period-months':
      return s.blockedPeriodMonths;
  }
}

/** The analysis whose tab holds the fix of a block. */
export function blockHome(block: ApplyBlock): 'scoring' | 'rfm' | undefined {
  switch (block.code) {
    case 'no-key':
    case 'unmapped':
    case 'invalid-rules':
      return 'scoring';
    case 'rfm-weights':
    case 'period':
    case 'period-months':
      return 'rfm';
    case 'as-of':
      return undefined;
  }
}

/**
 * The sentence under Apply when it writes several analyses: each analysis's columns and the
 * sheets they go to (`evaluation` the evaluation table when the scoring runs).
 */
export function applyExplainAll(analyses: AnalysesView, evaluation: TableCandidate | undefined, s: Strings, language: Language): string {
  const zh = language === 'zh-CN';
  const list = (items: readonly string[]) => items.join(zh ? '、' : ', ');
  const sheets = (tables: readonly (TableCandidate | undefined)[]) =>
    list([...new Set(tables.flatMap((t) => (t ? [zh ? `「${t.sheet}」` : `“${t.sheet}”`] : [])))]);
  const customers = analyses.scoring ? evaluation : analyses.customers;
  const parts: string[] = [];
  if (analyses.scoring)
    parts.push(fill(s.applyExplainPart, { columns: list(DEFAULT_MANAGED.map((id) => managedHeader(id, language))), sheets: sheets([evaluation]) }));
  if (analyses.kinds.includes('service'))
    parts.push(
      fill(s.applyExplainPart, {
        columns: list(SERVICE_WRITTEN.map((id) => pick(ANALYSIS_COLUMNS[id], language))),
        sheets: sheets([analyses.service, customers]),
      }),
    );
  if (analyses.kinds.includes('rfm'))
    parts.push(
      fill(s.applyExplainPart, {
        columns: list(RFM_WRITTEN.map((id) => pick(ANALYSIS_COLUMNS[id], language))),
        sheets: sheets([customers ?? analyses.rfmColumns ?? analyses.transactions]),
      }),
    );
  return fill(s.applyExplainAll, { parts: parts.join(zh ? '；' : '; ') });
}
