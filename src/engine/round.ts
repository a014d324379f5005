/** Rounds to one decimal, half away from zero, immune to binary noise such as 89.24999999999999. */
export function roundScore(value: number): number {
  const scaled = Number((Math.abs(value) * 10).toPrecision(12));
  const rounded = Math.round(scaled) / 10;
  return value < 0 ? -rounded : rounded;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
