import { renderTabList_unstable, Tab, useTabList_unstable, useTabListContextValues_unstable, useTabListStyles_unstable } from '@fluentui/react-components';
import type { CSSProperties, KeyboardEvent } from 'react';

/** The id of a sheet's tab (the tab panel is labelled by it). */
export const sheetTabId = (base: string, index: number) => `${base}-tab-${index}`;

/**
 * The sheet tabs: Fluent's TabList (same look and context for its Tabs) without Tabster's
 * arrow-key "mover". The mover surrounds the tabs with focusable `aria-hidden` placeholders
 * (`<i data-tabster-dummy tabindex="0">`), which axe reports as aria-hidden-focus (serious);
 * see microsoft/fluentui#25133. The tabs keep one tab stop (the selected tab) and the keys of
 * the ARIA tabs pattern (←/→, Home/End move the focus; Enter or Space selects).
 */
export function SheetTabs({
  sheets,
  selected,
  onSelect,
  idBase,
  panelId,
  label,
  style,
}: {
  sheets: string[];
  selected: string | undefined;
  onSelect: (sheet: string) => void;
  /** Prefix of the tabs' ids (sheetTabId). */
  idBase: string;
  /** The id of the panel that shows the selected sheet. */
  panelId: string;
  label: string;
  style?: CSSProperties;
}) {
  const tabs = sheets.map((name, i) => (
    <Tab key={name} value={name} id={sheetTabId(idBase, i)} tabIndex={name === selected ? 0 : -1} aria-controls={name === selected ? panelId : undefined}>
      {name}
    </Tab>
  ));
  const state = useTabList_unstable(
    {
      selectedValue: selected,
      onTabSelect: (_, data) => onSelect(String(data.value)),
      size: 'small',
      'aria-label': label,
      style,
      onKeyDown: moveFocus,
      children: tabs,
    },
    null,
  );
  // The mover's attribute (useTabListA11yBehavior_unstable): without it Tabster adds no placeholders.
  // eslint-disable-next-line react-hooks/immutability -- Fluent's own composition pattern: the state a use…_unstable hook returns is meant to be adjusted before rendering.
  delete (state.root as Record<string, unknown>)['data-tabster'];
  const contextValues = useTabListContextValues_unstable(state);
  useTabListStyles_unstable(state);
  return renderTabList_unstable(state, contextValues);
}

/** ←/→ (circular), Home and End move the focus between the tabs of the list. */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]:not([disabled])')];
  const at = tabs.indexOf(document.activeElement as HTMLElement);
  if (at < 0 || tabs.length === 0) return;
  const targets: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
  const next = targets[event.key];
  if (next === undefined) return;
  event.preventDefault();
  tabs[(next + tabs.length) % tabs.length]!.focus();
}
