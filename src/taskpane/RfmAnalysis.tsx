/**
 * RFM's analysis (docs/scoring-rules.md section 6 `rfm`), task first like the evaluation score's: the
 * as-of date R is counted to, where the letters come from (and the period of a transactions
 * table), the preview — customers per segment, the mean RFM score under the weights set, the
 * values each letter's scores 1-5 stand for — then Apply. Behind them, two collapsible
 * sections: the weights per letter (with seed 003's two examples as one click: an online shop
 * raises F, a manufacturer raises M) and the period (its first and last day, or the months it
 * goes back when the first is empty; the months are stored with the RFM rules on Apply, like
 * the weights), and the rules section (export the RFM rules in use, or import a file of them:
 * its weights, period and segments replace those in use). The weights change the RFM score only; the letter scores and the segments are
 * the quintiles', worked out when the rows were read (the period reads them again).
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ReactNode, useMemo, useState } from 'react';
import { cutsOf } from '../engine/analysis-report';
import { isoFromSerial } from '../engine/parse';
import { meanRfmScore, rfmPeriod, scoreRfm, type RfmRun } from '../engine/rfm';
import { RFM_LETTERS, rfmWeightsScore, type RfmLetter, type RfmRules, type RuleSet } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import { analysisWords, LETTER_LABELS } from '../i18n/results';
import { describeWarning, fill, formatNumber, pick } from '../i18n/scoring';
import type { Language, Strings } from '../i18n/strings';
import { AnalysisApply, type AnalysisTabView } from './AnalysisApply';
import { AsOfField } from './AsOfField';
import { CountsBar } from './CountsBar';
import { formatDay } from './dates';
import { readNumber, showNumber } from './edit';
import { PERIOD_FROM_ID, PERIOD_MONTHS_ID, rfmWeightId } from './field-ids';
import { RulesTuning } from './lazy';
import { formatCount } from './model';
import { useStrings } from './strings-context';
import { PreviewPending, TuningItem, TuningSections } from './TuningItem';
import type { Panel } from './usePanel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  preview: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  weights: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  weight: { width: '5.5em' },
  examples: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
  number: { textAlign: 'end' },
});

type RfmSection = 'weights' | 'period' | 'rules';

/** Seed 003's examples: an online shop raises F, a manufacturer raises M. */
export const RFM_EXAMPLES = {
  shop: { recency: 1, frequency: 2, monetary: 1 },
  maker: { recency: 1, frequency: 1, monetary: 2 },
} as const satisfies Record<string, RfmRules['weights']>;

const EQUAL: RfmRules['weights'] = { recency: 1, frequency: 1, monetary: 1 };

function RfmPreview({ run, s, language }: { run: RfmRun; s: Strings; language: Language }) {
  const styles = useStyles();
  const words = analysisWords({ rfm: run.rules }, language);
  const cuts = cutsOf(run, words);
  const mean = meanRfmScore(run);
  return (
    <>
      <CountsBar
        groups={run.rules.segments.map((seg) => ({ id: seg.id, label: pick(seg.label, language), count: run.summary.segments[seg.id], color: seg.color }))}
        label={s.rfmSegmentsLabel}
      />
      {mean !== null && (
        <Body1 as="p" className={styles.flush} aria-live="polite">
          {fill(s.rfmMeanScore, { mean: formatNumber(mean, 1) })}
        </Body1>
      )}
      <Subtitle2 as="h4" id="rfm-cuts-heading" className={styles.flush}>
        {s.rfmCutsHeading}
      </Subtitle2>
      <Table size="small" aria-labelledby="rfm-cuts-heading">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.rfmScoreColumn}</TableHeaderCell>
            {RFM_LETTERS.map((letter) => (
              <TableHeaderCell key={letter} aria-label={pick(LETTER_LABELS[letter], language)}>
                {letter === 'recency' ? 'R' : letter === 'frequency' ? 'F' : 'M'}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {[1, 2, 3, 4, 5].map((score) => (
            <TableRow key={score}>
              <TableCell>{score}</TableCell>
              {RFM_LETTERS.map((letter) => (
                <TableCell key={letter}>{cuts[letter][score - 1]!.text}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

export function RfmAnalysis({ panel, view, ops, presets }: { panel: Panel; view: AnalysisTabView; ops: WorkbookOps; presets: readonly RuleSet[] }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { state, send } = panel;
  const busy = view.kind === 'applying';
  const [open, setOpen] = useState<RfmSection[]>([]);
  const [focus, setFocus] = useState<string | null>(null);
  const rules = view.analyses.rfm;
  const shown = view.analyses.preview;
  const prepared = shown?.status === 'ready' ? shown.data.prepared.rfm : undefined;
  const valid = rules !== undefined && rfmWeightsScore(rules.weights);
  // Weights that cannot score leave the preview on the rules' own weights (Apply is blocked meanwhile).
  const scoredWith = valid ? rules : shown?.status === 'ready' ? shown.data.options.rfm : undefined;
  const run = useMemo(() => (prepared && scoredWith ? scoreRfm(prepared, scoredWith) : undefined), [prepared, scoredWith]);
  const period =
    rules && view.analyses.transactions
      ? (run?.period ??
        rfmPeriod(state.asOf.day, rules, {
          ...(state.period.from.day !== null ? { from: state.period.from.day } : {}),
          ...(state.period.to.day !== null ? { to: state.period.to.day } : {}),
        }))
      : undefined;
  const weights = rules?.weights ?? EQUAL;

  let body = <PreviewPending state={shown} />;
  if (shown?.status === 'ready' && run) body = <RfmPreview run={run} s={s} language={language} />;

  const openAt = (section: RfmSection, field: string) => ({
    label: section === 'weights' ? s.fixRfmWeights : s.fixPeriod,
    onFix: () => {
      setOpen((o) => (o.includes(section) ? o : [...o, section]));
      setFocus(field);
    },
  });
  const setWeight = (letter: RfmLetter, text: string) => send({ type: 'rfm-weights', weights: { ...weights, [letter]: readNumber(text) } });
  const sameWeights = (w: RfmRules['weights']) => RFM_LETTERS.every((l) => w[l] === weights[l]);
  const item = (value: RfmSection, title: string, edited: boolean, content: ReactNode) => (
    <TuningItem value={value} title={title} edited={edited} focus={focus} onFocused={() => setFocus(null)}>
      <div className={styles.panel}>{content}</div>
    </TuningItem>
  );
  const months = rules?.period.months ?? 12;
  const periodEdited = state.period.from.text !== '' || state.period.to.text !== '' || state.period.months.text !== '';

  return (
    <section className={styles.section} aria-labelledby="rfm-heading">
      <Subtitle2 as="h2" id="rfm-heading" className={styles.flush}>
        {s.rfmHeading}
      </Subtitle2>
      <AsOfField asOf={state.asOf} onChange={(text) => send({ type: 'as-of', text })} disabled={busy} />
      {run && (
        <Caption1 as="p" className={styles.flush}>
          {run.source === 'transactions' && run.period
            ? fill(s.rfmFromTransactions, {
                purchases: formatCount(run.purchases, language),
                outside: formatCount(run.outside, language),
                from: formatDay(run.period.from, language),
                to: formatDay(run.period.to, language),
              })
            : fill(s.rfmFromColumns, { sheet: run.table.sheet })}
        </Caption1>
      )}
      {/* No purchase in the period: every customer ties, and the preview's segments say nothing (the date or the period is likely off). */}
      {run?.warnings
        .filter((w) => w.code === 'no-purchases-in-period')
        .map((w) => (
          <MessageBar key={w.code} intent="warning">
            <MessageBarBody>{describeWarning(w, undefined, language)}</MessageBarBody>
          </MessageBar>
        ))}
      <div className={styles.preview}>
        <Subtitle2 as="h3" className={styles.flush}>
          {s.previewHeading}
        </Subtitle2>
        {body}
      </div>
      <AnalysisApply
        panel={panel}
        view={view}
        fixHere={(home) =>
          home !== 'rfm' || view.kind !== 'blocked'
            ? undefined
            : view.block.code === 'period'
              ? openAt('period', PERIOD_FROM_ID)
              : view.block.code === 'period-months'
                ? openAt('period', PERIOD_MONTHS_ID)
                : openAt('weights', rfmWeightId('recency'))
        }
      />
      <TuningSections open={open} onOpen={setOpen}>
        {item(
          'weights',
          s.sectionRfmWeights,
          state.rfmWeights !== null,
          <>
            <Body1 as="p" className={styles.flush}>
              {s.rfmWeightsNote}
            </Body1>
            <div className={styles.weights}>
              {RFM_LETTERS.map((letter) => (
                <Field key={letter} label={pick(LETTER_LABELS[letter], language)}>
                  <Input
                    id={rfmWeightId(letter)}
                    className={styles.weight}
                    type="number"
                    min={0}
                    step={1}
                    disabled={busy}
                    value={showNumber(weights[letter])}
                    onChange={(_, data) => setWeight(letter, data.value)}
                  />
                </Field>
              ))}
            </div>
            {!valid && (
              <MessageBar intent="error">
                <MessageBarBody>{s.rfmWeightsInvalid}</MessageBarBody>
              </MessageBar>
            )}
            <div className={styles.examples}>
              <Button disabled={busy || sameWeights(RFM_EXAMPLES.shop)} onClick={() => send({ type: 'rfm-weights', weights: RFM_EXAMPLES.shop })}>
                {s.rfmExampleShop}
              </Button>
              <Button disabled={busy || sameWeights(RFM_EXAMPLES.maker)} onClick={() => send({ type: 'rfm-weights', weights: RFM_EXAMPLES.maker })}>
                {s.rfmExampleMaker}
              </Button>
              <Button disabled={busy || state.rfmWeights === null} onClick={() => send({ type: 'reset-rfm' })}>
                {s.resetRules}
              </Button>
            </div>
          </>,
        )}
        {view.analyses.transactions &&
          item(
            'period',
            s.sectionPeriod,
            periodEdited,
            <>
              {period && (
                <Body1 as="p" className={styles.flush}>
                  {fill(s.periodNow, { from: formatDay(period.from, language), to: formatDay(period.to, language) })}
                </Body1>
              )}
              {(['from', 'to'] as const).map((which) => (
                <Field
                  key={which}
                  label={which === 'from' ? s.periodFrom : s.periodTo}
                  hint={fill(s.periodHint, { months })}
                  validationState={state.period[which].valid ? 'none' : 'error'}
                  validationMessage={state.period[which].valid ? undefined : s.asOfInvalid}
                >
                  <Input
                    {...(which === 'from' ? { id: PERIOD_FROM_ID } : {})}
                    value={state.period[which].text}
                    autoComplete="off"
                    placeholder={period ? formatDay(which === 'from' ? period.from : period.to, language) : isoFromSerial(state.asOf.day)}
                    disabled={busy}
                    onChange={(_, data) => send({ type: 'period', which, text: data.value })}
                  />
                </Field>
              ))}
              <Field
                label={s.periodMonths}
                hint={s.periodMonthsHint}
                validationState={state.period.months.valid ? 'none' : 'error'}
                validationMessage={state.period.months.valid ? undefined : s.periodMonthsInvalid}
              >
                <Input
                  id={PERIOD_MONTHS_ID}
                  className={styles.weight}
                  inputMode="numeric"
                  autoComplete="off"
                  value={state.period.months.text}
                  placeholder={String(months)}
                  disabled={busy}
                  onChange={(_, data) => send({ type: 'period-months', text: data.value })}
                />
              </Field>
              <div className={styles.examples}>
                <Button disabled={busy || !periodEdited} onClick={() => send({ type: 'reset-period' })}>
                  {s.resetPeriod}
                </Button>
              </div>
            </>,
          )}
        <TuningItem value="rules" title={s.sectionRules} edited={state.importedAnalyses.rfm !== undefined} focus={focus} onFocused={() => setFocus(null)}>
          <RulesTuning panel={panel} view={view} ops={ops} presets={presets} />
        </TuningItem>
      </TuningSections>
    </section>
  );
}
