// Organisation indicators (issue: "Indicators, per profile and per cluster"): pure functions over
// plain data. See docs/indicators.md.

export * from './types.ts';
export { EXPLANATIONS } from './explanations.ts';
export {
  compileIndicatorPhrases,
  defaultIndicatorPhrasesDir,
  findAvailability,
  findReviewDistress,
  findThirdParty,
  INDICATOR_PHRASE_FILES,
  loadIndicatorPhrases,
  parseIndicatorPhraseList,
  type IndicatorListName,
  type IndicatorPhraseList,
  type IndicatorPhrases,
} from './phrases.ts';
export { profileIndicators, isForeignCountry, DOMESTIC_COUNTRY, type ProfileIndicatorInput } from './profile-indicators.ts';
export {
  clusterIndicators,
  regionMoves,
  describeMove,
  DEFAULT_CLUSTER_INDICATOR_CONFIG,
  AGGREGATED_CODES,
  type ClusterIndicatorConfig,
  type ClusterIndicatorInput,
  type RegionMove,
  type RegionObservation,
} from './cluster-indicators.ts';
export {
  priorityScore,
  comparePriority,
  explainPriority,
  explanationOf,
  indicatorName,
  PRIORITY_WEIGHTS,
  type PriorityFacts,
  type PriorityPart,
  type PriorityScore,
} from './priority.ts';
