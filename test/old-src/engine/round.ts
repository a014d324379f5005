/** Rounds to one decimal, half away from zero, immune to binary noise such as 89.24999999999999. */
export function roundScore(value: number): number {
  const scaled = Math.abs(value) * 10;
  // Lift by a relative 1e-12 so that binary noise just below a half (892.4999999999999) rounds up.
  const rounded = Math.round(scaled + scaled * 1e-12) / 10;
  return value < 0 ? -rounded : rounded;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
