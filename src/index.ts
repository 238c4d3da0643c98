// Lockstep's public API. Every name is listed; types use `export type`.

export { arbitraryHistories, type HistoryConstraints } from './arbitraries/entity-histories.ts';
export { type ArbitraryOptions, arbitraryFromSchema } from './arbitraries/from-schema.ts';
export type { AaCalibration, AaSideRun, NondeterministicFeature } from './calibration/aa-result.ts';
export { AA_LINES_KEPT, type AaSelfRun, calibrateAa } from './calibration/calibrate-aa.ts';
export { type AaFields, aaFields, markNondeterministic } from './calibration/mark-nondeterministic.ts';
export { mergeAaCalibrations } from './calibration/merge-aa.ts';
export { JsonSyntaxError, parseLosslessJson } from './codec/lossless-json.ts';
export { stringifyLosslessJson } from './codec/lossless-stringify.ts';
export { compileComparator, type PairObserver, type RecordComparator } from './compare/compare-features.ts';
export { DIVERGENCE_KINDS, type Divergence, type DivergenceKind, type SideName } from './compare/divergence.ts';
export { precomputedMissingMessage } from './compare/precomputed-missing.ts';
export {
  type SideUnavailable,
  sideUnavailable,
  type UnavailableParts,
  unavailableMessage,
} from './compare/side-unavailable.ts';
export type {
  CommandSideSpec,
  ContractBinding,
  ContractBindingSpec,
  FeatureFileSpec,
  FrameSideSpec,
  HttpSideSpec,
  LockstepConfig,
  LockstepConfigSpec,
  SideSpec,
} from './config/define-config.ts';
export { defineConfig } from './config/define-config.ts';
export { type LoadedConfig, loadConfig } from './config/load-config.ts';
export type {
  Contract,
  ContractDefinition,
  ContractFeatures,
  ContractInput,
  ExtraFields,
  FeatureSpecs,
} from './contract/contract.ts';
export { contractDocumentIssues } from './contract/contract-document-issues.ts';
export { type ContractIssue, formatContractIssues } from './contract/contract-issue.ts';
export { CONTRACT_META_SCHEMA } from './contract/contract-meta-schema.ts';
export { defineContract } from './contract/define-contract.ts';
export { contractDefinitionSite, type SourceLocation } from './contract/definition-site.ts';
export type { DistributionThresholds } from './contract/distribution-thresholds.ts';
export { applyExtraFields, EXTRA_FIELDS, extraFieldsOf, type PolicedInput } from './contract/extra-fields.ts';
export type { ExtraFeatureKeys, NoExtraFeatures } from './contract/feature-keys.ts';
export type {
  BoolFeature,
  CategoryFeature,
  FeatureRecord,
  FeatureSpec,
  FeatureType,
  FeatureValue,
  FloatFeature,
  FloatTolerance,
  IndexCategoryFeature,
  IntFeature,
  LabelCategoryFeature,
  NanPolicy,
  NumericRange,
  StringFeature,
  TimestampFeature,
  ToleranceRule,
  VectorFeature,
  VectorTolerance,
} from './contract/feature-spec.ts';
export { contractFromJsonSchema } from './contract/from-json-schema.ts';
export { redactFieldsProblem } from './contract/redact-fields.ts';
export {
  type ContractJson,
  contractToJson,
  contractToJsonSchema,
  featureJsonSchema,
  type JsonSchema,
} from './contract/to-json-schema.ts';
export {
  jensenShannonDistance,
  kolmogorovSmirnov,
  lInfinityDistance,
  populationStabilityIndex,
} from './distribution/distances.ts';
export type { DistributionTally, SideDistributionTally } from './distribution/distribution-tally.ts';
export type {
  DistanceBreach,
  DistributionBin,
  DistributionCounts,
  FeatureDistribution,
  ScatterSample,
} from './distribution/feature-distribution.ts';
export { isSkewError, SkewError, type SkewErrorCode } from './errors.ts';
export { type HintContext, skewHints } from './explain/skew-hints.ts';
export type { HistoryLimits } from './fuzz/case-arbitrary.ts';
export { type FuzzReportOptions, formatFinding, formatFuzzReport } from './fuzz/format-fuzz-report.ts';
export { DEFAULT_FUZZ_RUNS, type FuzzOptions, fuzzContract } from './fuzz/fuzz-contract.ts';
export type { CorpusReport, Finding, FuzzResult, FuzzSides, FuzzUnavailable, SideFactory } from './fuzz/fuzz-result.ts';
export type { FuzzSettings } from './fuzz/fuzz-settings.ts';
export { type AcceptedUpdate, type AcceptedWrite, acceptClasses } from './gate/accept-classes.ts';
export {
  type AcceptedClass,
  type AcceptedFile,
  formatAcceptedFile,
  PLACEHOLDER_REASON,
  parseAcceptedFile,
} from './gate/accepted-file.ts';
export type { AcceptedStore } from './gate/accepted-store.ts';
export { buildVerdict, combineVerdicts, type VerdictParts } from './gate/build-verdict.ts';
export { type ClassIdentity, causeShape, classSignature, SIGNATURE_VERSION } from './gate/class-signature.ts';
export { coverageReasons } from './gate/coverage-reasons.ts';
export { classDenominator, decideClasses } from './gate/decide-classes.ts';
export { distributionReasons } from './gate/distribution-reasons.ts';
export { type FuzzGateOptions, type FuzzOutcome, fuzzVerdict } from './gate/fuzz-verdict.ts';
export { type GoldenOutcome, goldenVerdict } from './gate/golden-verdict.ts';
export {
  describeInvalidBudget,
  type InvalidBudget,
  NO_INVALID,
  parseInvalidBudget,
  withinInvalidBudget,
} from './gate/invalid-budget.ts';
export { mismatchRateReasons } from './gate/mismatch-rate.ts';
export { type ReplayGateOptions, replayVerdict } from './gate/replay-verdict.ts';
export {
  type ClassDecision,
  EXIT_CODES,
  type ExitCode,
  type GateReason,
  type GateReasonCode,
  type GateStage,
  type StageOutcome,
  type Verdict,
} from './gate/verdict.ts';
export { type CheckGoldenOptions, checkGolden } from './golden/check-golden.ts';
export { goldenCasesFromCorpus } from './golden/corpus-cases.ts';
export {
  type ComputedCase,
  type DecideGoldenOptions,
  decideGolden,
  type GoldenDecision,
} from './golden/decide-golden.ts';
export { formatGoldenReport } from './golden/format-golden-report.ts';
export {
  formatGoldenFile,
  GOLDEN_FORMAT,
  type GoldenAcceptance,
  type GoldenCase,
  type GoldenCaseBase,
  type GoldenFeatures,
  type GoldenFile,
  type GoldenHistoryCase,
  type GoldenRecordCase,
  goldenEvents,
  parseGoldenFile,
  verbatimInputText,
} from './golden/golden-file.ts';
export type {
  GoldenCaseSpec,
  GoldenChange,
  GoldenCounts,
  GoldenObsolete,
  GoldenResult,
  GoldenSideError,
  GoldenSkipped,
  GoldenSource,
  GoldenValueChange,
  GoldenVersionRule,
} from './golden/golden-result.ts';
export type { GoldenStore } from './golden/golden-store.ts';
export { assertGoldenFile, type GoldenFileProblem, validateGoldenFile } from './golden/validate-golden-file.ts';
export { type HistoryRun, historyEntry } from './history/entry-from-report.ts';
export {
  entriesByContract,
  type HistorySelection,
  historyWithRun,
  lastEntryOf,
  selectHistory,
} from './history/history-by-contract.ts';
export type { HistoryClass, HistoryEntry, HistoryFeature } from './history/history-entry.ts';
export type { HistoryFileNote, HistoryLineProblem, HistoryView } from './history/history-note.ts';
export { markNewClasses } from './history/mark-new-classes.ts';
export { type HistoryLineResult, parseHistoryLine } from './history/parse-history-line.ts';
export { type CommandSideOptions, commandSide } from './implementations/command-side.ts';
export { type FeatureFileSideOptions, featureFileSide } from './implementations/feature-file-side.ts';
export { type FrameSideOptions, frameSide } from './implementations/frame-side.ts';
export { type HttpSideOptions, httpSide } from './implementations/http-side.ts';
export {
  entitySide,
  type HistoryEvent,
  type InProcessOptions,
  loggedSide,
  recordSide,
  type StatefulSideOptions,
} from './implementations/in-process.ts';
export type { Side, SideDiagnostic, SideOutcome, SidePair, SideRecord, SideShape } from './implementations/side.ts';
export { chooseEntity, chooseRecordId, chooseTimestamp, type KeyChoice } from './init/choose-keys.ts';
export { decodeSampleLine, WrittenFloat } from './init/decode-sample-line.ts';
export { type ContractDraft, type DraftOptions, draftContract } from './init/draft-contract.ts';
export { type FeatureGuess, inferFeatures } from './init/infer-features.ts';
export {
  DEFAULT_INFER_CONSTRAINTS,
  type FieldGuess,
  guessField,
  type InferConstraints,
} from './init/infer-fields.ts';
export { type RenderConfigOptions, renderConfig } from './init/render-config.ts';
export { renderJsonContract } from './init/render-json-contract.ts';
export { renderTsContract } from './init/render-ts-contract.ts';
export { loadContractFile } from './io/contract-file.ts';
export { csvLineSource } from './io/csv-line-source.ts';
export {
  type FeatureFileFormat,
  type FeatureTable,
  type FeatureTableOptions,
  featureFileFormat,
} from './io/feature-table.ts';
export { fsAcceptedStore } from './io/fs-accepted-store.ts';
export { createFsSpillStore } from './io/fs-spill-store.ts';
export { appendHistoryEntries, type HistoryRead, readHistoryFile } from './io/history-file.ts';
export { fileLineSource, fileRangeSource } from './io/line-source.ts';
export { loadFeatureTable } from './io/load-feature-table.ts';
export { checkLogFile, type LogBytes, logFormatProblem, sniffLogBytes } from './io/log-file-check.ts';
export { LOG_FILE_FORMATS, type LogFileFormat, logFileFormatOf } from './io/log-file-format.ts';
export { checkLogContent, type LogSourceOptions, logLineSource, rowLogsNote } from './io/log-source-for.ts';
export { parquetLineSource } from './io/parquet-line-source.ts';
export { type ParquetRowsOptions, readParquetRows } from './io/parquet-rows.ts';
export { fieldsPresent } from './redact/fields-present.ts';
export { redactExample } from './redact/redact-example.ts';
export { redactFuzzResult } from './redact/redact-fuzz-result.ts';
export { redactGoldenResult } from './redact/redact-golden-result.ts';
export { redactGoldenSample } from './redact/redact-golden-sample.ts';
export { CUT_VALUE, redactJsonText } from './redact/redact-json-text.ts';
export { redactedPathOf, redactPaths, type TokenOf } from './redact/redact-paths.ts';
export { redactReplayReport } from './redact/redact-replay-report.ts';
export { redactSlice } from './redact/redact-slice.ts';
export { redactSliceCounts } from './redact/redact-slice-counts.ts';
export { isRedactionToken, redactionToken } from './redact/redaction-token.ts';
export { createRedactor, type Redactor, type RedactorOptions } from './redact/redactor.ts';
export { scrubStrings } from './redact/scrub-strings.ts';
export { MIN_SECRET_LENGTH, SecretTexts } from './redact/secret-texts.ts';
export type { InvalidLine } from './replay/decode/invalid-line.ts';
export { DEFAULT_MAX_ENTITY_EVENTS } from './replay/entity-wise/entity-limit.ts';
export { DEFAULT_LOG_FORMAT, type LogFormat } from './replay/log-format.ts';
export type { LineSource, SpillStore } from './replay/ports.ts';
export {
  DEFAULT_MEMORY_BUDGET_BYTES,
  DEFAULT_PARTITION_BYTES,
  type ParallelStages,
  type PartitionExecutor,
  type ReplayOptions,
  type ReplayProgress,
  replayContract,
} from './replay/replay.ts';
export {
  type DivergenceClass,
  type DivergenceExample,
  type FeatureReport,
  type LogLine,
  logLineOf,
  type MinimalInput,
  type ReplayCounts,
  type ReplayReport,
  type SideReport,
} from './replay/replay-report.ts';
export { checkSampleRate, type LineSelection, type Shard } from './replay/sample.ts';
export type { SourceError, StageOne } from './replay/stage-one.ts';
export { mergeReplayReports } from './replay/tally/merge-reports.ts';
export type { FeatureTally, HistogramTally, MergeableTally } from './replay/tally/mergeable-tally.ts';
export type { Explanation } from './replay/tally/report-builder.ts';
export { RECORD_FEATURE } from './replay/tally/report-builder.ts';
export { formatHistory, formatSkippedLine } from './report/format-history.ts';
export { formatTerminalReport, reasonLines, verdictLabel } from './report/format-terminal.ts';
export { gateView } from './report/gate-view.ts';
export type { ClassView, FeatureView, GateView, LogPlace, SuiteView } from './report/gate-view-types.ts';
export { ANNOTATIONS_PER_LEVEL, GithubReporter, githubAnnotations } from './report/github-reporter.ts';
export { HtmlReporter } from './report/html/html-reporter.ts';
export { formatHtmlReport } from './report/html/page.ts';
export {
  JSON_REPORT_SCHEMA_VERSION,
  JSON_REPORT_VERSION,
  type JsonReportDocument,
  JsonReporter,
  jsonReportDocument,
} from './report/json-reporter.ts';
export { formatJunit, JunitReporter } from './report/junit-reporter.ts';
export { formatMarkdownSummary, MarkdownReporter } from './report/markdown-reporter.ts';
export { parseReportFile, READABLE_REPORT_VERSIONS, type ReportFile } from './report/report-file.ts';
export type {
  ContractStart,
  FuzzResultContext,
  Reporter,
  ReporterOutput,
  RunStart,
  RunSummary,
} from './report/reporter.ts';
export { REPORT_FILES, type ReporterName, ReportersMap, type ReporterTargets } from './report/reporters-map.ts';
export type { ContractInfo, FeatureTolerance, RunCommand, RunInfo } from './report/run-info.ts';
export { checkShardSet } from './report/shard-set.ts';
export { TerminalReporter, type TerminalReporterOptions } from './report/terminal-reporter.ts';
export {
  type Annotation,
  type AnnotationLevel,
  escapeCommandData,
  escapeCommandProperty,
  formatWorkflowCommand,
} from './report/workflow-command.ts';
export type { Invocation } from './runner/gather-run-info.ts';
export { DEFAULT_HISTORY_FILE, type HistorySettings } from './runner/history-session.ts';
export type { ReplayGateSettings } from './runner/replay-gate.ts';
export { type RunCheckOptions, runCheck } from './runner/run-check.ts';
export { type RunFuzzOptions, runFuzz } from './runner/run-fuzz.ts';
export { type RunFuzzGateOptions, runFuzzGate } from './runner/run-fuzz-gate.ts';
export { type GoldenRun, type RunGoldenOptions, runGolden } from './runner/run-golden.ts';
export { type RunGoldenGateOptions, runGoldenGate } from './runner/run-golden-gate.ts';
export { type RunHistoryOptions, runHistory } from './runner/run-history.ts';
export { type InitResult, type RunInitOptions, runInit } from './runner/run-init.ts';
export { type RunMergeOptions, runMerge } from './runner/run-merge.ts';
export { type RunReplayOptions, runReplay } from './runner/run-replay.ts';
export {
  contractTypeName,
  generateContractTypes,
  type TypesFileState,
  typesFileState,
  typesVerdict,
  writeTypesFile,
} from './runner/run-types.ts';
export { type MinimizedInput, type MinimizeInputOptions, minimizeInput } from './shrink/minimize-input.ts';
export {
  type CorpusEntry,
  type CorpusStore,
  corpusKey,
  type StoredCase,
  type UpdateMode,
} from './snapshot/corpus-entry.ts';
export { fsCorpusStore } from './snapshot/fs-corpus-store.ts';
export { fsGoldenStore } from './snapshot/fs-golden-store.ts';
export { memoryCorpusStore } from './snapshot/memory-corpus-store.ts';
export { memoryGoldenStore } from './snapshot/memory-golden-store.ts';
