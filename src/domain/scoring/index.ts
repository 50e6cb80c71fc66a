export { SCORING_BANDS, PROCESS_DIMENSIONS, RESULT_DIMENSIONS, bandOf, bandDescription, isValidPercent, type ScoringBand, type ItemKind } from './bands.js';
export {
  SCOREBOOK_TEXT_MAX,
  scorebookEntrySchema,
  scorebookItemsSchema,
  itemsOf,
  itemScore,
  scorebookTotals,
  isComplete,
  type ScorebookEntry,
  type ScorebookItems,
  type ScorebookTotals,
  type TemplateItemRef,
} from './scorebook.js';
export {
  aggregatePanel,
  type AggregationMethod,
  type AggregateOptions,
  type ConsensusScorebook,
  type DisagreementThresholds,
  type ExpertScorebook,
  type ItemAggregate,
  type PanelAggregate,
  type Spread,
} from './aggregate.js';
export {
  calibrate,
  DEFAULT_SHRINKAGE,
  type CalibrationScore,
  type CalibrationOptions,
  type CalibrationResult,
  type CalibratedApplication,
  type ExpertOffset,
} from './calibration.js';
export { rankForAdvancement, type AdvancementRule, type AdvancementResult, type RankedEntry } from './advancement.js';
