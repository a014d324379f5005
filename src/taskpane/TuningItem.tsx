/**
 * One collapsible tuning section of an analysis (the evaluation score's four, RFM's two): its
 * header (an h3) with the *edited* marker when it holds the user's edits, and its content,
 * which may load when first opened. A blocked Apply's one click opens a section and focuses a
 * field in it: `focus` names the field, focused once the content is there.
 */
import { AccordionHeader, AccordionItem, AccordionPanel, Badge, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  panel: { paddingBlockEnd: tokens.spacingVerticalM },
});

/**
 * Focuses the element with id `target` once it is in the page: placed after a section's content,
 * its effect runs when that content has mounted (the section may have just been opened).
 */
function FocusWhenThere({ target, onDone }: { target: string | null; onDone(): void }) {
  useEffect(() => {
    const field = target ? document.getElementById(target) : null;
    if (!field) return;
    field.scrollIntoView?.({ block: 'center' });
    field.focus();
    onDone();
  });
  return null;
}

export interface TuningItemProps {
  value: string;
  title: string;
  edited: boolean;
  /** The field to focus once the content is there (null: none). */
  focus: string | null;
  onFocused(): void;
  children: ReactNode;
}

export function TuningItem({ value, title, edited, focus, onFocused, children }: TuningItemProps) {
  const styles = useStyles();
  const { s } = useStrings();
  return (
    <AccordionItem value={value}>
      <AccordionHeader as="h3">
        <span className={styles.header}>
          {title}
          {edited && (
            <Badge appearance="tint" size="small">
              {s.editedMarker}
            </Badge>
          )}
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel}>
        {/* The section's code may load when it is first opened; the focus waits for its fields. */}
        <Suspense fallback={<Spinner size="tiny" label={s.loadingSection} />}>
          {children}
          <FocusWhenThere target={focus} onDone={onFocused} />
        </Suspense>
      </AccordionPanel>
    </AccordionItem>
  );
}
