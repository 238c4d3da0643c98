/** Flags as data: one table per command, shared by the parser and by `--help`. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  readonly value?: string;
  readonly help: string;
}

export const commonFlags: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const replayFlags: Record<string, FlagSpec> = {
  config: {
    type: 'string',
    short: 'c',
    value: 'file',
    help: 'config file (default: lockstep.config.ts in the working directory)',
  },
  contract: { type: 'string', value: 'name', help: 'replay only this contract' },
  training: {
    type: 'string',
    value: 'side',
    help: 'training side: logged | http(s)://url | features file (.parquet, .jsonl[.gz]; or features:<path>) | command line | ["json","array"] | entity:<command> | frames:<command> | entity-frames:<command> (Arrow batches, pandas/polars)',
  },
  serving: { type: 'string', value: 'side', help: 'serving side (same forms as --training)' },
  log: {
    type: 'string',
    multiple: true,
    value: 'file',
    help: 'log to replay instead of the config’s: .jsonl[.gz], .parquet or .csv[.gz] (repeatable)',
  },
  'log-format': {
    type: 'string',
    value: 'jsonl|parquet|csv',
    help: 'how the logs are encoded (default: by each log’s name; anything but .parquet/.csv[.gz] is JSONL)',
  },
  reporter: {
    type: 'string',
    multiple: true,
    value: 'name',
    help: 'default | json | junit | markdown | html | github (alias github-actions); repeatable (default: default)',
  },
  'output-dir': {
    type: 'string',
    value: 'dir',
    help: 'write file reporters here: lockstep-report.json, junit.xml, summary.md, lockstep-report.html (markdown is also appended to $GITHUB_STEP_SUMMARY when set)',
  },
  divergences: { type: 'string', value: 'file', help: 'write every divergence as one JSON line to this file' },
  history: {
    type: 'string',
    value: 'file',
    help: 'append the run’s summary to this history file (default: the config’s history, else lockstep-report/history.jsonl; never for one --shard)',
  },
  'no-history': { type: 'boolean', help: 'keep no history: read none (no class marked new), append nothing' },
  'max-invalid': {
    type: 'string',
    value: 'n|p%',
    help: 'invalid lines a contract may hold and still pass: a count or a percent of lines read (default 0)',
  },
  accept: {
    type: 'boolean',
    help: 'write every divergence class seen to <snapshot-dir>/<contract>/accepted.json for review (refused when CI is set)',
  },
  'snapshot-dir': {
    type: 'string',
    value: 'dir',
    help: 'where accepted files live (default snapshots): <dir>/<contract>/accepted.json',
  },
  'minimize-seconds': {
    type: 'string',
    value: 's',
    help: 'wall-clock cap of minimization per contract (default 60); a class cut short says so',
  },
  'minimize-steps': {
    type: 'string',
    value: 'n',
    help: 'side calls to reduce each class’s first record to a minimal input (default 60; 0: off)',
  },
  examples: { type: 'string', value: 'n', help: 'examples kept per feature (default 5)' },
  'batch-size': { type: 'string', value: 'n', help: 'records per side call (default 512)' },
  'max-entity-events': {
    type: 'string',
    value: 'n',
    help: 'events one entity may have; an entity above it is not replayed, its records errored (default 1000000)',
  },
  concurrency: {
    type: 'string',
    value: 'n',
    help: 'child processes / HTTP requests in parallel per side (default: cores)',
  },
  workers: {
    type: 'string',
    value: 'n|auto',
    help: 'worker threads for in-process sides, or auto (one per core): faster, more memory (default 1)',
  },
  shard: { type: 'string', value: 'i/n', help: 'replay only shard i of n (entities by hash), e.g. 1/4' },
  aa: {
    type: 'boolean',
    help: 'A/A calibration first: run each side against itself (twice, fresh state) and report nondeterministic features',
  },
  sample: {
    type: 'string',
    value: 'rate',
    help: 'replay only this share of entities (0 < rate <= 1, by a hash of the entity: the same on every run and shard)',
  },
  'timestamp-field': { type: 'string', value: 'name', help: 'log field with the event time (default timestamp)' },
  'input-field': { type: 'string', value: 'name', help: 'log field with the input (default input)' },
  'served-field': { type: 'string', value: 'name', help: 'log field with the served features (default served)' },
  'entity-field': {
    type: 'string',
    value: 'name',
    help: 'top-level log field with the entity (default: the contract’s entity in the input)',
  },
  'id-field': {
    type: 'string',
    value: 'name',
    help: 'field naming each record in reports, top-level or in the input (default id, when present)',
  },
  'features-id-field': {
    type: 'string',
    value: 'name',
    help: 'id column of a features file given as --training/--serving, joined to the log’s id (default id)',
  },
};

export const fuzzFlags: Record<string, FlagSpec> = {
  config: replayFlags.config as FlagSpec,
  contract: { type: 'string', value: 'name', help: 'fuzz only this contract' },
  training: replayFlags.training as FlagSpec,
  serving: replayFlags.serving as FlagSpec,
  runs: { type: 'string', value: 'n', help: 'generated cases per contract (default 1000; shrinking not counted)' },
  seed: { type: 'string', value: 'n', help: 'fast-check seed (default: random, printed in the report)' },
  path: { type: 'string', value: 'path', help: 'with --seed: replay exactly the one case at this fast-check path' },
  reporter: replayFlags.reporter as FlagSpec,
  'output-dir': replayFlags['output-dir'] as FlagSpec,
  update: {
    type: 'boolean',
    short: 'u',
    help: 'update mode all: write new counterexamples and remove fixed or stale corpus cases',
  },
  ci: { type: 'boolean', help: 'update mode none: report, write nothing (the default when CI is set)' },
  prune: { type: 'boolean', help: 'remove corpus cases that agree now or no longer fit the contract' },
  'snapshot-dir': {
    type: 'string',
    value: 'dir',
    help: 'corpus root (default snapshots): <dir>/<contract>/fuzz-corpus/<feature>.<kind>.<hash>.json',
  },
};

export const goldenFlags: Record<string, FlagSpec> = {
  config: replayFlags.config as FlagSpec,
  reporter: replayFlags.reporter as FlagSpec,
  'output-dir': replayFlags['output-dir'] as FlagSpec,
  contract: { type: 'string', value: 'name', help: 'check only this contract' },
  update: {
    type: 'boolean',
    short: 'u',
    help: 'update mode all: rewrite the stored values that changed (after printing the diff)',
  },
  ci: { type: 'boolean', help: 'update mode none: report, write nothing (the default when CI is set)' },
  prune: { type: 'boolean', help: 'remove obsolete cases and features (never in update mode none)' },
  'accept-without-bump': {
    type: 'boolean',
    help: 'with -u: rewrite stored values although the contract version is unchanged (recorded in the golden file)',
  },
  'snapshot-dir': {
    type: 'string',
    value: 'dir',
    help: 'where golden files live (default snapshots): <dir>/<contract>/golden.jsonl',
  },
  'from-log': {
    type: 'string',
    value: 'log',
    help: 'add a stratified sample of this log (.jsonl[.gz], .parquet, .csv[.gz]) as golden cases (refused when CI is set)',
  },
  cases: { type: 'string', value: 'n', help: 'with --from-log: pick at most n cases (default 50)' },
};

export const checkFlags: Record<string, FlagSpec> = {
  config: replayFlags.config as FlagSpec,
  contract: { type: 'string', value: 'name', help: 'check only this contract' },
  skip: { type: 'string', value: 'stages', help: 'stages not to run, comma-separated: golden,fuzz,replay' },
  runs: { type: 'string', value: 'n', help: 'generated fuzz cases per contract after the corpus (default 200)' },
  seed: { type: 'string', value: 'n', help: 'fast-check seed of the fuzz stage (default: random, printed)' },
  'minimize-steps': replayFlags['minimize-steps'] as FlagSpec,
  'minimize-seconds': replayFlags['minimize-seconds'] as FlagSpec,
  'max-invalid': replayFlags['max-invalid'] as FlagSpec,
  reporter: replayFlags.reporter as FlagSpec,
  'output-dir': replayFlags['output-dir'] as FlagSpec,
  history: replayFlags.history as FlagSpec,
  'no-history': replayFlags['no-history'] as FlagSpec,
  ci: { type: 'boolean', help: 'update mode none: write no golden case or corpus case (the default when CI is set)' },
  'snapshot-dir': {
    type: 'string',
    value: 'dir',
    help: 'golden files, corpus and accepted files (default snapshots): <dir>/<contract>/…',
  },
};

export const mergeFlags: Record<string, FlagSpec> = {
  reporter: replayFlags.reporter as FlagSpec,
  'output-dir': replayFlags['output-dir'] as FlagSpec,
  'max-invalid': replayFlags['max-invalid'] as FlagSpec,
  'snapshot-dir': replayFlags['snapshot-dir'] as FlagSpec,
  history: {
    type: 'string',
    value: 'file',
    help: 'append the merged run’s summary to this history file (default lockstep-report/history.jsonl)',
  },
  'no-history': replayFlags['no-history'] as FlagSpec,
};

export const historyFlags: Record<string, FlagSpec> = {
  history: {
    type: 'string',
    value: 'file',
    help: 'the history file (default: the config’s history with --config, else lockstep-report/history.jsonl)',
  },
  config: {
    type: 'string',
    short: 'c',
    value: 'file',
    help: 'read the history file named by this config’s history field',
  },
  contract: { type: 'string', value: 'name', help: 'only this contract' },
  feature: { type: 'string', value: 'name', help: 'only this feature' },
  last: { type: 'string', value: 'n', help: 'the last n runs of each contract (default 10)' },
  json: { type: 'boolean', help: 'print the selected entries as JSON: { file, skipped, contracts }' },
};

export const schemaFlags: Record<string, FlagSpec> = {
  config: replayFlags.config as FlagSpec,
  contract: { type: 'string', value: 'name', help: 'export only this contract' },
  'contract-file': {
    type: 'string',
    value: 'file',
    help: 'export this contract file (.json, .yaml, .yml; docs/contracts.md) instead of the config’s contracts',
  },
  'out-dir': {
    type: 'string',
    value: 'dir',
    help: 'where to write <contract>.contract.json and <contract>.schema.json (default: .)',
  },
};

export const typesFlags: Record<string, FlagSpec> = {
  contract: {
    type: 'string',
    value: 'file',
    help: 'the contract file (.json, .yaml, .yml) to generate types for (default: the config’s types files)',
  },
  'contract-file': { type: 'string', value: 'file', help: 'same as --contract' },
  out: { type: 'string', value: 'file.ts', help: 'with --contract: write the types here (default: print them)' },
  check: {
    type: 'boolean',
    help: 'write nothing; exit 1 when a types file is stale or missing (as lockstep check does for types: files)',
  },
  config: replayFlags.config as FlagSpec,
};

export const initFlags: Record<string, FlagSpec> = {
  log: {
    type: 'string',
    value: 'file',
    help: 'the log to draft from: .jsonl[.gz], .parquet or .csv[.gz] (required)',
  },
  format: {
    type: 'string',
    value: 'json|ts',
    help: 'the contract as a JSON contract file or a TypeScript module (default json)',
  },
  'out-dir': {
    type: 'string',
    value: 'dir',
    help: 'where to write <name>.contract.* and lockstep.config.ts (default: .)',
  },
  sample: { type: 'string', value: 'n', help: 'lines read from the start of the log (default 10000)' },
  name: { type: 'string', value: 'name', help: 'the contract name (default: the log file name)' },
  force: { type: 'boolean', help: 'overwrite files that exist (default: refuse, exit 2)' },
  'log-format': replayFlags['log-format'] as FlagSpec,
  'input-field': replayFlags['input-field'] as FlagSpec,
  'served-field': replayFlags['served-field'] as FlagSpec,
  'timestamp-field': replayFlags['timestamp-field'] as FlagSpec,
};

/** Renders a help text from a flag table. */
export function helpText(usage: string, summary: string, flags: Record<string, FlagSpec>): string {
  const rows = Object.entries({ ...flags, ...commonFlags }).map(([name, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` <${f.value}>` : ''}`;
    return `  ${left.padEnd(34)} ${f.help}`;
  });
  return `${usage}\n\n${summary}\n\nOptions:\n${rows.join('\n')}\n`;
}

/** The `parseArgs` options of a flag table. */
export function parseArgsOptions(
  flags: Record<string, FlagSpec>,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  return Object.fromEntries(
    Object.entries({ ...flags, ...commonFlags }).map(([name, f]) => [
      name,
      { type: f.type, ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) },
    ]),
  );
}
