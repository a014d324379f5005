/**
 * The service survey's analysis (docs/scoring-rules.md section 6 `service`): its preview, read with the
 * other analyses, then Apply. The preview says what Apply writes and what the survey says over
 * all customers: the customers and rows read, the mean 百分制 service score and how the scores
 * spread, each dimension's mean with the customers it is weakest for, the NPS with its
 * promoters, passives and detractors (and the thin-sample notice below the rules' minimum),
 * and the survey's customers the customer table lacks. Nothing here depends on the weights or
 * the date: the survey's only tuning is its rules, in the rules section behind Apply (export
 * them, or import a service rules file: a dimension added there counts at once).
 */
import {
  Body1,
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
import { useMemo, useState } from 'react';
import type { RuleSet } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import { analyseService, SERVICE_BANDS, serviceSpread, type ServiceRun } from '../engine/service';
import { analysisWords } from '../i18n/results';
import { describeWarning, fill, formatNumber } from '../i18n/scoring';
import { plural, type Language, type Strings } from '../i18n/strings';
import { AnalysisApply, type AnalysisTabView } from './AnalysisApply';
import { RulesTuning } from './lazy';
import { formatCount } from './model';
import { useStrings } from './strings-context';
import { PreviewPending, TuningItem, TuningSections } from './TuningItem';
import type { Panel } from './usePanel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  preview: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  inline: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: 'none' },
  number: { textAlign: 'end' },
});

/** A band as the pane writes it: 90–100. */
const bandLabel = (b: { min: number; max: number }) => `${b.min}–${b.max}`;

/** An NPS as shown: a sign before a positive figure (+20), as the NPS is usually written. */
function npsText(score: number): string {
  return score > 0 ? `+${formatNumber(score, 1)}` : formatNumber(score, 1);
}

function ServicePreview({ run, unknown, scoring, s, language }: { run: ServiceRun; unknown: string[]; scoring: boolean; s: Strings; language: Language }) {
  const styles = useStyles();
  const words = analysisWords({ service: run.rules }, language);
  const { mean, bands } = serviceSpread(run);
  const rows = run.customers.reduce((n, c) => n + c.rows.length, 0);
  const weakest = (id: string) => run.customers.filter((c) => c.weakest === id).length;
  const { nps } = run;
  const zh = language === 'zh-CN';
  const thin =
    nps.answers > 0 && nps.thin ? describeWarning({ code: 'nps-thin', answers: nps.answers, minimum: run.rules.minAnswers }, undefined, language) : undefined;
  return (
    <>
      <Body1 as="p" className={styles.flush}>
        {fill(plural(s.serviceSummary, run.customers.length, language), {
          customers: formatCount(run.customers.length, language),
          rows: formatCount(rows, language),
        })}
      </Body1>
      {mean !== null && (
        <Body1 as="p" className={styles.flush}>
          {fill(s.serviceMean, { mean: formatNumber(mean, 1) })}
        </Body1>
      )}
      <ul
        className={styles.inline}
        aria-label={fill(s.serviceBandsLabel, {
          counts: SERVICE_BANDS.map((b, i) => fill(s.serviceBandPart, { band: bandLabel(b), count: formatCount(bands[i]!, language) })).join(zh ? '，' : ', '),
        })}
      >
        {SERVICE_BANDS.map((b, i) => (
          <li key={bandLabel(b)}>
            <Body1>{fill(s.serviceBandPart, { band: bandLabel(b), count: formatCount(bands[i]!, language) })}</Body1>
          </li>
        ))}
      </ul>
      <Subtitle2 as="h4" id="service-dimensions-heading" className={styles.flush}>
        {s.dimensionsHeading}
      </Subtitle2>
      <Table size="small" aria-labelledby="service-dimensions-heading">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.dimensionColumn}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{s.dimensionMeanColumn}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{s.dimensionWeakestColumn}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {run.dimensions.map((d, i) => {
            const m = run.means[i];
            return (
              <TableRow key={d.id}>
                <TableCell>{words.dimension(d.id)}</TableCell>
                <TableCell className={styles.number}>
                  {m === null || m === undefined ? '—' : fill(s.dimensionMean, { mean: formatNumber(m, 1), max: formatNumber(d.scale.max) })}
                </TableCell>
                <TableCell className={styles.number}>{formatCount(weakest(d.id), language)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Subtitle2 as="h4" className={styles.flush}>
        {s.npsHeading}
      </Subtitle2>
      {!run.mapping.recommend ? (
        <Body1 as="p" className={styles.flush}>
          {s.npsNoColumn}
        </Body1>
      ) : nps.score === null ? (
        <Body1 as="p" className={styles.flush}>
          {describeWarning({ code: 'no-nps-answers' }, undefined, language)}
        </Body1>
      ) : (
        <Body1 as="p" className={styles.flush}>
          {fill(s.npsValue, {
            score: npsText(nps.score),
            promoters: formatCount(nps.promoters, language),
            passives: formatCount(nps.passives, language),
            detractors: formatCount(nps.detractors, language),
            answers: formatCount(nps.answers, language),
          })}
        </Body1>
      )}
      {thin && (
        <MessageBar intent="warning">
          <MessageBarBody>{thin}</MessageBarBody>
        </MessageBar>
      )}
      {/* A score column the rules lack, or rows the survey's end left out, change what the user expects: said before Apply. */}
      {run.warnings
        .filter((w) => w.code === 'service-column-unused' || w.code === 'rows-skipped')
        .map((w, i) => (
          <MessageBar key={i} intent="warning">
            <MessageBarBody>{describeWarning(w, undefined, language)}</MessageBarBody>
          </MessageBar>
        ))}
      {unknown.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            {fill(plural(s.serviceUnknown, unknown.length, language), {
              count: formatCount(unknown.length, language),
              table: scoring ? s.evaluationTableWord : s.customerTableWord,
              names: unknown.join(zh ? '、' : ', '),
            })}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

export function ServiceAnalysis({ panel, view, ops, presets }: { panel: Panel; view: AnalysisTabView; ops: WorkbookOps; presets: readonly RuleSet[] }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const [open, setOpen] = useState<'rules'[]>([]);
  const shown = view.analyses.preview;
  const prepared = shown?.status === 'ready' ? shown.data.prepared : undefined;
  const run = useMemo(() => (prepared?.service ? analyseService(prepared.service) : undefined), [prepared]);
  const unknown = useMemo(() => (prepared?.warnings ?? []).flatMap((w) => (w.code === 'unknown-service-customer' ? [w.key] : [])), [prepared]);
  let body = <PreviewPending state={shown} />;
  if (shown?.status === 'ready' && run)
    body = <ServicePreview run={run} unknown={unknown} scoring={prepared?.scoring !== undefined} s={s} language={language} />;
  return (
    <section className={styles.section} aria-labelledby="service-heading">
      <Subtitle2 as="h2" id="service-heading" className={styles.flush}>
        {s.serviceHeading}
      </Subtitle2>
      <div className={styles.preview}>
        <Subtitle2 as="h3" className={styles.flush}>
          {s.previewHeading}
        </Subtitle2>
        {body}
      </div>
      <AnalysisApply panel={panel} view={view} />
      <TuningSections open={open} onOpen={setOpen}>
        <TuningItem value="rules" title={s.sectionRules} edited={panel.state.importedAnalyses.service !== undefined} focus={null} onFocused={() => {}}>
          <RulesTuning panel={panel} view={view} ops={ops} presets={presets} />
        </TuningItem>
      </TuningSections>
    </section>
  );
}
