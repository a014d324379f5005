/**
 * What the analyses' sections share: the collapsible tuning sections (the evaluation score's
 * four, RFM's three, the survey's one) — each header an h3 with the *edited* marker when it holds the user's edits,
 * its content possibly loaded when first opened; a blocked Apply's one click opens a section
 * and focuses a field in it (`focus`, focused once the content is there) — and the preview's
 * state while it is read or when the read failed.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
  type AccordionToggleData,
} from '@fluentui/react-components';
import { fill } from '../i18n/scoring';
import { errorSentence } from './model';
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

/** An analysis's tuning sections, closed at first; `open` are the ones open. */
export function TuningSections<T extends string>({ open, onOpen, children }: { open: T[]; onOpen(items: T[]): void; children: ReactNode }) {
  const { s } = useStrings();
  return (
    <Accordion
      multiple
      collapsible
      openItems={open}
      role="group"
      aria-label={s.tuningLabel}
      onToggle={(_, data: AccordionToggleData<T>) => onOpen(data.openItems)}
    >
      {children}
    </Accordion>
  );
}

/** A preview being read (a spinner) or whose read failed (the sentence); nothing once it is ready. */
export function PreviewPending({ state }: { state: { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready' } | undefined }) {
  const { s, language } = useStrings();
  if (!state || state.status === 'loading') return <Spinner size="small" label={s.previewLoading} />;
  if (state.status === 'ready') return null;
  return (
    <MessageBar intent="warning">
      <MessageBarBody>{fill(s.previewFailed, { reason: errorSentence(state.error, s, language) })}</MessageBarBody>
    </MessageBar>
  );
}
