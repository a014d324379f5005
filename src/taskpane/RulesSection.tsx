/**
 * Tuning: save the rules in use (with the user's edits) and the mapping in the workbook, export
 * them as a JSON file, import a rules file, and the last runs the workbook records.
 *
 * A workbook can hold the service survey and purchases beside the evaluation table, and each of
 * those analyses has its own rules (not weighted indicators): the section exports the ones in
 * use, each as its own file, for the analyses the workbook has, and its import takes a file of
 * any of the three kinds, as `score --rules` does. Every analysis's tab has the section (a
 * workbook of a survey alone has no evaluation tab to show it in); the choice of the weighted
 * rules stays in the evaluation score's.
 */
import {
  Body1,
  Button,
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
import { type ChangeEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { isScoringError } from '../engine/errors';
import { anyRulesFromText, parseRfmRules, rulesFromText, type AnyRules, type RfmRules, type RuleSet, type ServiceRules } from '../engine/rules';
import type { WorkbookOps } from '../excel/ops';
import type { RunRecord, StoredMapping } from '../excel/rules-store';
import { describeProblem } from '../i18n/problems';
import { fill, pick, tierLabel } from '../i18n/scoring';
import { plural, type Language } from '../i18n/strings';
import type { AnalysisTabView } from './AnalysisApply';
import { errorSentence, formatCount, storedMappingOf, type AnalysisRulesFile } from './model';
import { analysisRulesIn } from './panel-state';
import { RulesPick, type RulesPickProps } from './RulesPick';
import { useStrings } from './strings-context';
import type { Panel } from './usePanel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
  number: { textAlign: 'end' },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBlockEnd: tokens.spacingVerticalXS },
  hash: { fontFamily: tokens.fontFamilyMonospace },
});

/** How many of the recorded runs are shown, newest first. */
export const RUNS_SHOWN = 5;

export interface RulesSectionProps {
  ops: WorkbookOps;
  /** The rules in use as edited; undefined while the edits are invalid (nothing to save or export). */
  rules?: RuleSet;
  /** Where the chosen tables are and the column of each indicator. */
  mapping: StoredMapping;
  /** The runs the workbook records, oldest first. */
  runs: readonly RunRecord[];
  /** Rule sets whose tier (or RFM segment) and preset labels name the runs' ids. */
  known: readonly KnownRules[];
  /** A good rules file was imported. */
  onImport(rules: RuleSet, file: string): void;
  /** A good rules file of the service survey or of RFM was imported. */
  onImportAnalysis?(imported: AnalysisRulesFile, file: string): void;
  /** Whether the workbook has the evaluation score: its rules are saved and exported here (true when absent). */
  scoring?: boolean;
  /** The service survey's and RFM's rules in use, each only when the workbook has that analysis: exported as their own files. */
  analyses?: { service?: ServiceRules; rfm?: RfmRules };
  /** After the rules were saved to the workbook (the panel reads the stored rules again). */
  onSaved?(): void;
  disabled?: boolean;
  /** Shown above the recorded runs (who is recorded with the next run). */
  children?: ReactNode;
}

type Note = { intent: 'success' | 'warning' | 'error'; text: string };

/** Rules that can name a recorded run: a weighted rule set (its tiers), RFM's (its segments) or the survey's. */
export type KnownRules = RuleSet | RfmRules | ServiceRules;

/** A file's text (FileReader: also where Blob.text is missing). */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/** A reading of a rules file, or the sentence saying why it cannot be used (the problem in the pane's language). */
function readOrSay<T>(read: () => T, language: Language): { ok: true; value: T } | { ok: false; sentence: string } {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (!isScoringError(e)) throw e;
    return { ok: false, sentence: describeProblem(e.problem, language) };
  }
}

/** A weighted rules file: its rules, or the sentence saying why they cannot be used. */
export function readRulesFile(text: string, file: string, language: Language): { ok: true; rules: RuleSet } | { ok: false; sentence: string } {
  const result = readOrSay(() => rulesFromText(text, file), language);
  return result.ok ? { ok: true, rules: result.value } : result;
}

/** A rules file of any kind (weighted, the service survey's, RFM's): its rules, or the sentence saying why they cannot be used. */
export function readAnyRulesFile(text: string, file: string, language: Language): { ok: true; read: AnyRules } | { ok: false; sentence: string } {
  const result = readOrSay(() => anyRulesFromText(text, file), language);
  return result.ok ? { ok: true, read: result.value } : result;
}

export function exportFileName(rules: RuleSet): string {
  return `${rules.id}.rules.json`;
}

/** Downloads the rules as the file `name` through a temporary link; gives the name back. */
function download(rules: RuleSet | ServiceRules | RfmRules, name: string): string {
  const blob = new Blob([`${JSON.stringify(rules, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return name;
}

export function RulesSection({
  ops,
  rules,
  mapping,
  runs,
  known,
  onImport,
  onImportAnalysis,
  scoring = true,
  analyses = {},
  onSaved,
  disabled,
  children,
}: RulesSectionProps) {
  const { s, language } = useStrings();
  const styles = useStyles();
  const [note, setNote] = useState<Note | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  async function save(): Promise<void> {
    if (!rules) return;
    setSaving(true);
    setNote(null);
    try {
      await ops.storeRules(rules, mapping);
      if (live.current) setNote({ intent: 'success', text: s.rulesSaved });
      onSaved?.();
    } catch (e) {
      if (!isScoringError(e)) console.error(e);
      if (live.current) setNote({ intent: 'error', text: errorSentence(e, s, language) });
    } finally {
      if (live.current) setSaving(false);
    }
  }

  function exportRules(what: RuleSet | ServiceRules | RfmRules | undefined, name: string): void {
    if (!what) return;
    try {
      setNote({ intent: 'success', text: fill(s.rulesExported, { file: download(what, name) }) });
    } catch (e) {
      console.error(e);
      setNote({ intent: 'error', text: s.unexpectedError });
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    // Choosing the same file again must fire `change` again.
    event.target.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await readText(file);
    } catch (e) {
      // FileReader's DOMException names why (NotReadableError …); its message is English.
      const reason = e instanceof Error && e.name !== 'Error' ? e.name : 'unknown';
      if (live.current) setNote({ intent: 'error', text: describeProblem({ code: 'file-unreadable', params: { file: file.name, reason } }, language) });
      return;
    }
    if (!live.current) return;
    const result = readAnyRulesFile(text, file.name, language);
    if (!result.ok) {
      setNote({ intent: 'error', text: result.sentence });
      return;
    }
    const { read } = result;
    // An analysis's rules for a workbook without that analysis's tables: taken, but said to do nothing here.
    const idle = (read.kind === 'service' && analyses.service === undefined) || (read.kind === 'rfm' && analyses.rfm === undefined);
    const said = idle
      ? read.kind === 'service'
        ? s.serviceRulesIdle
        : s.rfmRulesIdle
      : read.kind === 'weighted'
        ? s.rulesImported
        : read.kind === 'service'
          ? s.serviceRulesImported
          : s.rfmRulesImported;
    setNote({ intent: idle ? 'warning' : 'success', text: fill(said, { name: pick(read.rules.label, language), file: file.name }) });
    if (read.kind === 'weighted') onImport(read.rules, file.name);
    else onImportAnalysis?.(read, file.name);
  }

  const { service, rfm } = analyses;
  // The weights as set may not score (all 0): nothing to export until they do.
  const rfmValid = rfm !== undefined && parseRfmRules(rfm).ok;
  const several = service !== undefined || rfm !== undefined;

  const shown = runs.slice(-RUNS_SHOWN).reverse();
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const rulesNamed = (id: string) => known.find((r) => r.id === id);
  /** A tier's label, or an RFM segment's (an RFM run records its customers per segment). */
  const groupLabel = (named: KnownRules | undefined, id: string): string => {
    if (named && 'tiers' in named) {
      const tier = named.tiers.find((t) => t.id === id);
      if (tier) return tierLabel(tier, language);
    }
    if (named && 'segments' in named) {
      const segment = named.segments.find((g) => g.id === id);
      if (segment) return pick(segment.label, language);
    }
    return id;
  };
  const tierCounts = (run: RunRecord) => {
    const named = rulesNamed(run.preset);
    const parts = Object.entries(run.tiers).map(([id, count]) => fill(s.runTierPart, { tier: groupLabel(named, id), count: formatCount(count, language) }));
    return parts.join(language === 'zh-CN' ? '，' : ', ');
  };
  const formatWhen = (at: string) => {
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? at : when.format(date);
  };

  return (
    <div className={styles.section}>
      <Body1 as="p">{scoring ? s.rulesExplain : s.rulesExplainAnalyses}</Body1>
      {scoring && !rules && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.rulesInvalidNoSave}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        {scoring && (
          <>
            <Button
              disabled={disabled || saving || !rules}
              onClick={() => {
                void save();
              }}
            >
              {s.saveRules}
            </Button>
            <Button disabled={disabled || !rules} onClick={() => exportRules(rules, rules ? exportFileName(rules) : '')}>
              {several ? s.exportScoringRules : s.exportRules}
            </Button>
          </>
        )}
        {service && (
          <Button disabled={disabled} onClick={() => exportRules(service, s.serviceRulesFile)}>
            {s.exportServiceRules}
          </Button>
        )}
        {rfm && (
          <Button disabled={disabled || !rfmValid} onClick={() => exportRules(rfm, s.rfmRulesFile)}>
            {s.exportRfmRules}
          </Button>
        )}
        <Button disabled={disabled} onClick={() => input.current?.click()}>
          {s.importRules}
        </Button>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          accept=".json,application/json"
          aria-label={s.importRules}
          tabIndex={-1}
          disabled={disabled}
          onChange={(e) => {
            void importFile(e);
          }}
        />
      </div>
      {note && (
        <MessageBar intent={note.intent} role={note.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      {children}
      {shown.length > 0 && (
        <>
          <Subtitle2 as="h4" id="runs-heading">
            {s.runsHeading}
          </Subtitle2>
          <Table size="small">
            <caption className={styles.caption}>
              {fill(plural(s.runsCaption, runs.length, language), { count: formatCount(shown.length, language), total: formatCount(runs.length, language) })}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.runWhen}</TableHeaderCell>
                <TableHeaderCell>{s.runBy}</TableHeaderCell>
                <TableHeaderCell>{s.runPreset}</TableHeaderCell>
                <TableHeaderCell>{s.runHash}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{s.runCustomers}</TableHeaderCell>
                <TableHeaderCell>{s.runTiers}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((run, i) => {
                const named = rulesNamed(run.preset);
                return (
                  <TableRow key={`${run.at}-${i}`}>
                    <TableCell>{formatWhen(run.at)}</TableCell>
                    <TableCell>{run.by || '—'}</TableCell>
                    <TableCell>{named ? pick(named.label, language) : run.preset}</TableCell>
                    <TableCell className={styles.hash}>{run.rulesHash.slice(0, 8)}</TableCell>
                    <TableCell className={styles.number}>{formatCount(run.customers, language)}</TableCell>
                    <TableCell>{tierCounts(run)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}

/** Who runs the scoring: kept in the run record, remembered on this computer. */
export function RecordedBy({ by, onBy, disabled }: { by: string; onBy(name: string): void; disabled?: boolean }) {
  const { s } = useStrings();
  return (
    <Field label={s.byLabel} hint={s.byHint}>
      <Input value={by} maxLength={100} autoComplete="name" disabled={disabled} onChange={(_, data) => onBy(data.value)} />
    </Field>
  );
}

/** The "Rules and runs" tuning section: the rules to score with, what can be done with them, who is recorded, the runs recorded. */
export function RulesAndRuns({ rulesPick, by, onBy, ...section }: RulesSectionProps & { rulesPick?: RulesPickProps; by: string; onBy(name: string): void }) {
  return (
    <>
      {rulesPick && <RulesPick {...rulesPick} />}
      <RulesSection {...section}>
        <RecordedBy by={by} onBy={onBy} {...(section.disabled !== undefined ? { disabled: section.disabled } : {})} />
      </RulesSection>
    </>
  );
}

export interface RulesTuningProps {
  panel: Panel;
  view: AnalysisTabView;
  ops: WorkbookOps;
  presets: readonly RuleSet[];
  /** The choice of the weighted rules: in the evaluation score's tab only. */
  withPick?: boolean;
}

/**
 * The "Rules and runs" section as an analysis's tab shows it, from the panel's state: the
 * weighted rules when the workbook has the evaluation score, the service survey's and RFM's
 * rules in use when it has them (RFM's with the weights and months set), the runs recorded.
 */
export function RulesTuning({ panel, view, ops, presets, withPick = false }: RulesTuningProps) {
  const { state, send } = panel;
  const busy = view.kind === 'applying';
  const { selection, edit, workbook, analyses } = view;
  const inUse = analysisRulesIn(state);
  return (
    <RulesAndRuns
      {...(withPick
        ? {
            rulesPick: {
              presets,
              stored: workbook.stored,
              imported: state.imported,
              choice: state.choice,
              onChoose: (choice) => send({ type: 'choose-rules', choice }),
              disabled: busy,
            },
          }
        : {})}
      ops={ops}
      scoring={analyses.scoring}
      {...(edit.problem ? {} : { rules: edit.valid })}
      analyses={{
        ...(inUse && analyses.kinds.includes('service') ? { service: inUse.service } : {}),
        ...(analyses.rfm ? { rfm: analyses.rfm } : {}),
      }}
      mapping={storedMappingOf(selection)}
      runs={workbook.stored?.runs ?? []}
      known={[
        ...presets,
        ...(workbook.stored ? [workbook.stored.rules] : []),
        ...(state.imported ? [state.imported.rules] : []),
        ...(inUse ? [inUse.service, inUse.rfm] : []),
      ]}
      onImport={(rules, file) => send({ type: 'import-rules', rules, file })}
      onImportAnalysis={(imported, file) => send({ type: 'import-analysis-rules', imported, file })}
      onSaved={panel.rulesSaved}
      disabled={busy}
      by={state.by}
      onBy={panel.setBy}
    />
  );
}
