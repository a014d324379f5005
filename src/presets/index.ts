import { RuleSetSchema, type RuleSet } from '../engine/rules';
import { evaluationPreset } from './evaluation';
import { gradingPreset } from './grading';
import { maintenancePreset } from './maintenance';

export const PRESET_IDS = ['evaluation', 'grading', 'maintenance'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const SOURCES = { evaluation: evaluationPreset, grading: gradingPreset, maintenance: maintenancePreset };

/** A shipped preset, validated through the same schema as an imported rule set (a fresh copy each call). */
export function getPreset(id: PresetId): RuleSet {
  return RuleSetSchema.parse(structuredClone(SOURCES[id]));
}

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

export function allPresets(): RuleSet[] {
  return PRESET_IDS.map(getPreset);
}
