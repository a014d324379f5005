/**
 * No evaluation table for the rules in use: the sentence says what a table needs, then what
 * the pane can offer — the other rules that do find one, and every table the scan found to
 * score by hand (its columns chosen under "Table and columns").
 */
import { Body1, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { RuleSet } from '../engine/rules';
import { describeProblem } from '../i18n/problems';
import { fill, pick } from '../i18n/scoring';
import type { PanelView } from './panel-state';
import { useRulesLabel } from './RulesPick';
import { useStrings } from './strings-context';
import { TablePick } from './TablePick';
import type { Panel } from './usePanel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  offers: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  stretch: { alignSelf: 'stretch' },
});

export function NoTable({ panel, view, presets }: { panel: Panel; view: Extract<PanelView, { kind: 'no-table' }>; presets: readonly RuleSet[] }) {
  const styles = useStyles();
  const { s, language } = useStrings();
  const { state, send } = panel;
  const label = useRulesLabel(presets, view.workbook.stored, state.imported);
  const { candidates } = view.workbook.scan;
  return (
    <div className={styles.section}>
      <MessageBar intent="warning" className={styles.stretch}>
        <MessageBarBody>{describeProblem({ code: 'no-table', params: { preset: pick(view.selection.rules.label, language) } }, language)}</MessageBarBody>
      </MessageBar>
      {view.offers.length > 0 && (
        <div className={styles.offers}>
          <Body1 as="p">{s.noTableOffers}</Body1>
          {view.offers.map((choice) => (
            <Button key={label(choice)} appearance="primary" onClick={() => send({ type: 'choose-rules', choice })}>
              {fill(s.useRules, { name: label(choice) })}
            </Button>
          ))}
        </div>
      )}
      {candidates.length > 0 && (
        <div className={styles.stretch}>
          <TablePick candidates={candidates} pickIndex={null} onPick={(index) => send({ type: 'pick-table', index })} label={s.noTablePick} />
        </div>
      )}
      <Button onClick={panel.refresh}>{s.refresh}</Button>
    </div>
  );
}
