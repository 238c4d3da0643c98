// Lockstep's public API. Every name is listed; types use `export type`.

export { JsonSyntaxError, parseLosslessJson } from './codec/lossless-json.ts';
export { stringifyLosslessJson } from './codec/lossless-stringify.ts';
export { compileComparator, type PairObserver, type RecordComparator } from './compare/compare-features.ts';
export { DIVERGENCE_KINDS, type Divergence, type DivergenceKind, type SideName } from './compare/divergence.ts';
export type {
  CommandSideSpec,
  ContractBinding,
  HttpSideSpec,
  LockstepConfig,
  SideSpec,
} from './config/define-config.ts';
export { defineConfig } from './config/define-config.ts';
export { type LoadedConfig, loadConfig } from './config/load-config.ts';
export type {
  Contract,
  ContractDefinition,
  ContractFeatures,
  ContractInput,
  FeatureSpecs,
} from './contract/contract.ts';
export { defineContract } from './contract/define-contract.ts';
export type {
  BoolFeature,
  CategoryFeature,
  FeatureRecord,
  FeatureSpec,
  FeatureType,
  FeatureValue,
  FloatFeature,
  FloatTolerance,
  IntFeature,
  NumericRange,
  StringFeature,
  TimestampFeature,
  VectorFeature,
  VectorTolerance,
} from './contract/feature-spec.ts';
export { isSkewError, SkewError, type SkewErrorCode } from './errors.ts';
export { type CommandSideOptions, commandSide } from './implementations/command-side.ts';
export { type HttpSideOptions, httpSide } from './implementations/http-side.ts';
export {
  entitySide,
  type HistoryEvent,
  type InProcessOptions,
  loggedSide,
  recordSide,
} from './implementations/in-process.ts';
export type { Side, SideDiagnostic, SideOutcome, SidePair, SideRecord, SideShape } from './implementations/side.ts';
export { createFsSpillStore } from './io/fs-spill-store.ts';
export { fileLineSource } from './io/line-source.ts';
export type { InvalidLine } from './replay/invalid-line.ts';
export { DEFAULT_LOG_FORMAT, type LogFormat } from './replay/log-format.ts';
export type { LineSource, SpillStore } from './replay/ports.ts';
export {
  type PartitionExecutor,
  type ReplayOptions,
  type ReplayProgress,
  replayContract,
} from './replay/replay.ts';
export type {
  DivergenceClass,
  DivergenceExample,
  FeatureReport,
  ReplayCounts,
  ReplayReport,
  SideReport,
} from './replay/replay-report.ts';
export { RECORD_FEATURE } from './replay/report-builder.ts';
export { formatTerminalReport } from './report/format-terminal.ts';
export { JsonReporter } from './report/json-reporter.ts';
export type { ContractStart, Reporter, ReporterOutput, RunSummary } from './report/reporter.ts';
export { type ReporterName, ReportersMap, type ReporterTargets } from './report/reporters-map.ts';
export { TerminalReporter, type TerminalReporterOptions } from './report/terminal-reporter.ts';
export { type RunReplayOptions, runReplay } from './runner/run-replay.ts';
