/**
 * One tab per analysis the workbook allows (评估得分 / 服务评价 / RFM 分层), shown only when there
 * is more than one: the pane shows one analysis at a time, each as short as the evaluation
 * score alone. Without an evaluation table to score, its tab stays, first, for the tables and
 * rules that would give one.
 */
import { Tab, TabList } from '@fluentui/react-components';
import type { AnalysisKind } from '../engine/analyses';
import type { AnalysesView } from './panel-state';
import { useStrings } from './strings-context';

export function AnalysisTabs({ analyses, onChoose }: { analyses: AnalysesView; onChoose(analysis: AnalysisKind): void }) {
  const { s } = useStrings();
  const tabs: AnalysisKind[] = analyses.scoring ? analyses.kinds : ['scoring', ...analyses.kinds];
  if (analyses.kinds.length + (analyses.scoring ? 0 : 1) < 2) return null;
  const label: Record<AnalysisKind, string> = { scoring: s.tabScore, service: s.tabService, rfm: s.tabRfm };
  return (
    <TabList size="small" selectedValue={analyses.current} aria-label={s.analysesLabel} onTabSelect={(_, data) => onChoose(data.value as AnalysisKind)}>
      {tabs.map((kind) => (
        <Tab key={kind} value={kind}>
          {label[kind]}
        </Tab>
      ))}
    </TabList>
  );
}
