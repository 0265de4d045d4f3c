/** Hypotheses H1-H6 as data, evaluated across posterior draws and seeds. */
import './clusterSpecs';

export { hypotheses, hypothesesText, VERDICT_RULE, SUPPORT_SHARE, CONTRADICT_SHARE } from './evaluate';
export type { HypothesesOptions, HypothesesResult, HypothesisRow, Verdict } from './evaluate';
export { verdictsAcross, verdictsAcrossText } from './acrossCalibrations';
export type { VerdictsAcross, VerdictAcrossRow } from './acrossCalibrations';
export { registerHypotheses, hypothesisSpecs, modelsWithHypotheses, measureValue } from './spec';
export type { HypothesisSpec, Measure, Arm } from './spec';
export { tomatoHypotheses, salmonHypotheses } from './clusterSpecs';
export { compareModels, comparisonText, PATTERN_RULE, PRODUCES_SHARE, RARELY_SHARE } from './rival';
export type { CompareOptions, ComparisonResult, FactFit, DistanceRow, PatternRow } from './rival';
export { patternsFor, salmonPatterns, tomatoPatterns } from './patterns';
export type { Pattern } from './patterns';
