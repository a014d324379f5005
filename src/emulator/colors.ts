/** Colors as Excel takes them (`#RRGGBB` or an HTML color name) and gives them back (`#RRGGBB`). */

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  maroon: '#800000',
  olive: '#808000',
  lime: '#00FF00',
  aqua: '#00FFFF',
  cyan: '#00FFFF',
  teal: '#008080',
  navy: '#000080',
  fuchsia: '#FF00FF',
  magenta: '#FF00FF',
  pink: '#FFC0CB',
  gold: '#FFD700',
  lightgreen: '#90EE90',
  lightblue: '#ADD8E6',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkgreen: '#006400',
  darkred: '#8B0000',
  darkblue: '#00008B',
  brown: '#A52A2A',
  lightyellow: '#FFFFE0',
  lightpink: '#FFB6C1',
  salmon: '#FA8072',
};

/** `#RRGGBB` (upper case), or undefined when Excel would refuse the color. */
export function normalizeColor(color: unknown): string | undefined {
  if (typeof color !== 'string') return undefined;
  const text = color.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(text)) return text.toUpperCase();
  return NAMED[text.toLowerCase()];
}
