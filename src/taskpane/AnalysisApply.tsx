/**
 * Apply in the service and RFM tabs: the same Apply as the evaluation score's (one Apply
 * writes every analysis the workbook allows, so each tab shows it after its own preview),
 * what blocks it with the one click that leads to the fix, and which columns it writes where.
 */
import { Caption1, makeStyles } from '@fluentui/react-components';
import { applyExplainAll, blockHome, blockSentence } from './analysis-text';
import { ApplySection } from './ApplySection';
import type { PanelView } from './panel-state';
import { useStrings } from './strings-context';
import type { Panel } from './usePanel';

const useStyles = makeStyles({ flush: { margin: 0 } });

export type AnalysisTabView = Extract<PanelView, { kind: 'ready' | 'blocked' | 'applying' }>;

export interface AnalysisApplyProps {
  panel: Panel;
  view: AnalysisTabView;
  /** The fix of a block whose home is this tab (RFM's weights or period): open its section and focus the field. */
  fixHere?(home: 'scoring' | 'rfm'): { label: string; onFix(): void } | undefined;
}

export function AnalysisApply({ panel, view, fixHere }: AnalysisApplyProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const block = view.kind === 'blocked' ? view.block : undefined;
  const home = block ? blockHome(block) : undefined;
  const here = home ? fixHere?.(home) : undefined;
  const fix =
    here ?? (home ? { label: home === 'scoring' ? s.fixInScore : s.tabRfm, onFix: () => panel.send({ type: 'choose-analysis', analysis: home }) } : undefined);
  return (
    <>
      <ApplySection
        blocked={block ? blockSentence(block, view.selection.rules, s, language) : undefined}
        fix={block ? fix : undefined}
        step={view.kind === 'applying' ? view.step : undefined}
        progress={view.kind === 'applying' ? view.progress : undefined}
        onApply={panel.apply}
      />
      <Caption1 as="p" id="apply-explain" className={styles.flush}>
        {applyExplainAll(view.analyses, view.selection.evaluation, s, language)}
      </Caption1>
    </>
  );
}
