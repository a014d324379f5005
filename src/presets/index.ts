import { RfmRulesSchema, RuleSetSchema, ServiceRulesSchema, type RfmRules, type RuleSet, type ServiceRules } from '../engine/rules';
import { evaluationPreset } from './evaluation';
import { gradingPreset } from './grading';
import { maintenancePreset } from './maintenance';
import { rfmPreset } from './rfm';
import { servicePreset } from './service';

/** The weighted presets (indicators with bands, tiers by score). */
export const PRESET_IDS = ['evaluation', 'grading', 'maintenance'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** The presets of the other analyses: the service survey and RFM (docs/scoring-rules.md section 6). */
export const ANALYSIS_PRESET_IDS = ['service', 'rfm'] as const;
export type AnalysisPresetId = (typeof ANALYSIS_PRESET_IDS)[number];

/** Every preset the `score` command's --preset takes. */
export const ALL_PRESET_IDS = [...PRESET_IDS, ...ANALYSIS_PRESET_IDS] as const;

const SOURCES = { evaluation: evaluationPreset, grading: gradingPreset, maintenance: maintenancePreset };

/** A shipped preset, validated through the same schema as an imported rule set (a fresh copy each call). */
export function getPreset(id: PresetId): RuleSet {
  return RuleSetSchema.parse(structuredClone(SOURCES[id]));
}

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

export function isAnalysisPresetId(id: string): id is AnalysisPresetId {
  return (ANALYSIS_PRESET_IDS as readonly string[]).includes(id);
}

export function allPresets(): RuleSet[] {
  return PRESET_IDS.map(getPreset);
}

/** The shipped RFM rules (equal weights, the 12 months up to the as-of date), a fresh copy each call. */
export function getRfmPreset(): RfmRules {
  return RfmRulesSchema.parse(structuredClone(rfmPreset));
}

/** The shipped service-survey rules, a fresh copy each call. */
export function getServicePreset(): ServiceRules {
  return ServiceRulesSchema.parse(structuredClone(servicePreset));
}
