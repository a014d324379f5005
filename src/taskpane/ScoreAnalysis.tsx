/**
 * The evaluation-score analysis, task first: the *Flags as of* date, the preview dated by it
 * and Apply fit Excel's narrowest pane (320 × 600) without scrolling; the tuning behind them
 * (table and columns, weights, bands and cut-offs, rules and runs) is one collapsible section
 * each, closed at first and mounted only when opened, marked when it holds edits.
 *
 * More analyses (a service survey, RFM segments) go beside this one as sections of their own
 * under the same summary of what was found: each with its heading (h2), its task and its tuning.
 */
import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import type { RuleSet } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import { DEFAULT_MANAGED } from '../engine/managed';
import { fill, managedHeader } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { applyExplainAll, blockSentence } from './analysis-text';
import { ApplySection } from './ApplySection';
import { AsOfField } from './AsOfField';
import { problemSection } from './edit';
import { mappingFieldId, RULES_PROBLEM_ID, TABLE_PICK_ID } from './field-ids';
import { BandsSection, MappingSection, RulesTuning, WeightsSection } from './lazy';
import { describeBlocker, indicatorLabel } from './model';
import type { ApplyBlock, PanelView } from './panel-state';
import { PreviewSection } from './PreviewSection';
import { useStrings } from './strings-context';
import { TuningItem, TuningSections } from './TuningItem';
import type { Panel } from './usePanel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
});

export type TuningSection = 'mapping' | 'weights' | 'bands' | 'rules';

type Tunable = Extract<PanelView, { kind: 'ready' | 'blocked' | 'applying' }>;

export interface ScoreAnalysisProps {
  panel: Panel;
  view: Tunable;
  ops: WorkbookOps;
  presets: readonly RuleSet[];
}

/** The one click that fixes a blocked Apply: a section and field of this analysis, or another analysis's tab. */
type Fix = { label: string; section: TuningSection; focus: string } | { label: string; go: 'rfm' };

/** What a blocked Apply says, and the one click that fixes it: the section and the field to bring the user to. */
function blockedBy(block: ApplyBlock, view: Tunable, s: Strings, language: Language): { sentence: string; fix: Fix | undefined } {
  const rules = view.selection.rules;
  switch (block.code) {
    case 'unmapped': {
      const first = block.indicators[0];
      return {
        sentence: describeBlocker(block, rules, s, language),
        fix:
          first === undefined
            ? undefined
            : {
                label: fill(s.chooseColumnFor, { indicator: indicatorLabel(rules, first, language) }),
                section: 'mapping' as const,
                focus: mappingFieldId(first),
              },
      };
    }
    case 'no-key':
      return { sentence: describeBlocker(block, rules, s, language), fix: { label: s.fixNoKey, section: 'mapping' as const, focus: TABLE_PICK_ID } };
    case 'invalid-rules': {
      const problem = view.edit.problem;
      return {
        sentence: s.blockedInvalidRules,
        fix: problem ? { label: s.fixInvalidRules, section: problemSection(problem), focus: RULES_PROBLEM_ID } : undefined,
      };
    }
    case 'as-of':
      // The field is right above the preview, with its own message.
      return { sentence: s.blockedAsOf, fix: undefined };
    case 'rfm-weights':
    case 'period':
    case 'period-months':
      // RFM's own fields, in its tab.
      return { sentence: blockSentence(block, rules, s, language), fix: { label: s.tabRfm, go: 'rfm' as const } };
  }
}

export function ScoreAnalysis({ panel, view, ops, presets }: ScoreAnalysisProps) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { state, send } = panel;
  const busy = view.kind === 'applying';
  const { selection, edit, workbook, edited } = view;
  const [open, setOpen] = useState<TuningSection[]>([]);
  /** The field a blocked Apply's one click brings the user to, focused once its section's content is there. */
  const [focus, setFocus] = useState<string | null>(null);

  const blocked = view.kind === 'blocked' ? blockedBy(view.block, view, s, language) : undefined;
  const fix = blocked?.fix;
  const columns = DEFAULT_MANAGED.map((id) => managedHeader(id, language)).join(language === 'zh-CN' ? '、' : ', ');

  const item = (value: TuningSection, title: string, isEdited: boolean, body: ReactNode) => (
    <TuningItem value={value} title={title} edited={isEdited} focus={focus} onFocused={() => setFocus(null)}>
      {body}
    </TuningItem>
  );

  return (
    <section className={styles.section} aria-labelledby="score-heading">
      <Subtitle2 as="h2" id="score-heading" className={styles.heading}>
        {s.scoreHeading}
      </Subtitle2>
      <AsOfField asOf={state.asOf} onChange={(text) => send({ type: 'as-of', text })} disabled={busy} />
      {view.preview && (
        <PreviewSection state={view.preview} base={edit.base} rules={edit.valid} stale={edit.problem !== undefined} busy={busy} asOf={state.asOf.day} />
      )}
      <ApplySection
        blocked={blocked?.sentence}
        fix={
          fix
            ? {
                label: fix.label,
                onFix: () => {
                  if ('go' in fix) {
                    send({ type: 'choose-analysis', analysis: fix.go });
                    return;
                  }
                  setOpen((o) => (o.includes(fix.section) ? o : [...o, fix.section]));
                  setFocus(fix.focus);
                },
              }
            : undefined
        }
        step={view.kind === 'applying' ? view.step : undefined}
        progress={view.kind === 'applying' ? view.progress : undefined}
        onApply={panel.apply}
      />
      <Caption1 as="p" id="apply-explain" className={styles.heading}>
        {/* One Apply writes every analysis the workbook allows: the sentence names them all. */}
        {view.analyses.kinds.length > 1 ? applyExplainAll(view.analyses, selection.evaluation, s, language) : fill(s.applyExplain, { columns })}
      </Caption1>
      <TuningSections open={open} onOpen={setOpen}>
        {item(
          'mapping',
          s.sectionMapping,
          edited.mapping,
          <MappingSection
            candidates={workbook.scan.candidates}
            pickIndex={state.pickIndex}
            onPick={(index) => send({ type: 'pick-table', index })}
            selection={selection}
            columns={state.columns}
            without={state.without}
            onMap={(indicator, header) => send({ type: 'map-column', indicator, header })}
            onWithout={(indicator) => send({ type: 'score-without', indicator })}
            onResetMapping={() => send({ type: 'reset-mapping' })}
            disabled={busy}
          />,
        )}
        {item(
          'weights',
          s.sectionWeights,
          edited.weights,
          <WeightsSection
            edit={edit}
            mapping={selection.mapping}
            disabled={busy}
            onDraft={(draft) => send({ type: 'draft', draft })}
            onReset={() => send({ type: 'reset-rules' })}
          />,
        )}
        {item(
          'bands',
          s.sectionBands,
          edited.bands,
          <BandsSection
            edit={edit}
            mapping={selection.mapping}
            disabled={busy}
            onDraft={(draft) => send({ type: 'draft', draft })}
            onReset={() => send({ type: 'reset-rules' })}
          />,
        )}
        {item('rules', s.sectionRules, edited.rules, <RulesTuning panel={panel} view={view} ops={ops} presets={presets} withPick />)}
      </TuningSections>
    </section>
  );
}
