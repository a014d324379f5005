/** The sheets the add-in owns: the charts sheet and the very hidden rules sheet. The table finder never looks at them. */

export const CHARTS_SHEET = { zh: '评分图表', en: 'Scoring charts' } as const;
export const RULES_SHEET = '_CustomerScoring';

export function isManagedSheet(name: string): boolean {
  return name === CHARTS_SHEET.zh || name === CHARTS_SHEET.en || name === RULES_SHEET;
}
