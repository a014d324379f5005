/**
 * What the first screen does not need, loaded when it is first shown: the tuning sections
 * (their dropdowns, sliders and tables are a good part of the pane's code), the summary after
 * Apply with its charts, and the no-table view. The first screen (what was found, the date,
 * the preview, Apply) parses and runs less code before Apply is usable.
 */
import { lazy } from 'react';

export const MappingSection = lazy(() => import('./MappingSection').then((m) => ({ default: m.MappingSection })));
export const WeightsSection = lazy(() => import('./WeightsSection').then((m) => ({ default: m.WeightsSection })));
export const BandsSection = lazy(() => import('./BandsSection').then((m) => ({ default: m.BandsSection })));
export const RulesTuning = lazy(() => import('./RulesSection').then((m) => ({ default: m.RulesTuning })));
export const ResultSummary = lazy(() => import('./ResultSummary').then((m) => ({ default: m.ResultSummary })));
export const ChartsSection = lazy(() => import('./ChartsSection').then((m) => ({ default: m.ChartsSection })));
export const NoTable = lazy(() => import('./NoTable').then((m) => ({ default: m.NoTable })));
export const ServiceAnalysis = lazy(() => import('./ServiceAnalysis').then((m) => ({ default: m.ServiceAnalysis })));
export const RfmAnalysis = lazy(() => import('./RfmAnalysis').then((m) => ({ default: m.RfmAnalysis })));
export const AnalysesResults = lazy(() => import('./AnalysesResults').then((m) => ({ default: m.AnalysesResults })));
