import { resolve } from 'node:path';
import type { ContractBinding, SideSpec } from '../config/define-config.ts';
import { refuseFeatureFile } from '../config/feature-file-spec.ts';
import { type LoadedConfig, loadConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import { parseGoldenFile } from '../golden/golden-file.ts';
import { type GoldenSample, sampleGoldenCases } from '../golden/sample-from-log.ts';
import { createFsSpillStore } from '../io/fs-spill-store.ts';
import { checkLogFile } from '../io/log-file-check.ts';
import { checkLogContent, logLineSource } from '../io/log-source-for.ts';
import { fieldsPresent } from '../redact/fields-present.ts';
import { redactGoldenSample } from '../redact/redact-golden-sample.ts';
import { fsGoldenStore } from '../snapshot/fs-golden-store.ts';
import { redactorFor } from './redactor-for.ts';
import { resolveSide } from './resolve-side.ts';

/** What `sampleGoldenLog` takes: a loaded config and what a CLI user gave. @public */
export interface SampleGoldenLogOptions {
  readonly config: LoadedConfig;
  readonly cwd: string;
  /** The log to sample (relative to `cwd`): JSONL or `.jsonl.gz`. */
  readonly log: string;
  /** The contract the log is of; may be left out when the config has one contract. */
  readonly contract?: string;
  /** At most this many cases (default 50). */
  readonly cases?: number;
  /** The snapshots folder (relative to `cwd`), to tell which picked cases are already stored. Default `snapshots`. */
  readonly snapshotDir?: string;
}

/** A sample of golden cases from a log, for one contract. @public */
export interface GoldenLogSample {
  readonly contract: string;
  /** The log's absolute path. */
  readonly log: string;
  readonly sample: GoldenSample;
  /** Names of the picked cases the golden file already holds (they are checked, not added). */
  readonly stored: ReadonlySet<string>;
  /** Redacted fields (`redact`) the picked cases hold: the golden file keeps their real values. */
  readonly redacted: readonly string[];
}

function bindingOf(config: LoadedConfig, contract: string | undefined): ContractBinding {
  const all = config.config.contracts as readonly ContractBinding[];
  const names = all.map((b) => b.contract.name).join(', ');
  if (contract === undefined) {
    if (all.length === 1) return all[0] as ContractBinding;
    throw new SkewError(
      'SKEW_USAGE',
      `sampleGoldenLog: ${config.path} has several contracts (${names}); pass --contract <name> to say which one the log is of`,
    );
  }
  const binding = all.find((b) => b.contract.name === contract);
  if (binding === undefined) {
    throw new SkewError(
      'SKEW_USAGE',
      `sampleGoldenLog: no contract named "${contract}" in ${config.path} (it has: ${names})`,
    );
  }
  return binding;
}

function computingSide(name: 'training' | 'serving', binding: ContractBinding): SideSpec {
  const spec = binding[name];
  if (spec === 'logged') {
    throw new SkewError(
      'SKEW_USAGE',
      `sampleGoldenLog: the ${name} side of contract "${binding.contract.name}" is 'logged', and golden cases need a ` +
        'side that computes; give it a command, an endpoint or an in-process side',
    );
  }
  const side = `the ${name} side of contract "${binding.contract.name}"`;
  refuseFeatureFile(spec, 'sampleGoldenLog', side, 'give it a command, an endpoint or an in-process side');
  return spec;
}

/**
 * Picks golden cases from a log for `lockstep golden --from-log` (see `sampleGoldenCases`). The log is checked before
 * any side starts. The replay runs on sides of a fresh evaluation of the config file (so state an in-process side
 * holds after the replay never reaches the golden run), each with one process, so the sample does not depend on
 * which child answers first.
 * @throws SkewError `SKEW_USAGE` for an unknown contract or a `logged` side, `SKEW_LOG_UNREADABLE` for a bad log
 * @remarks Since 0.1
 * @public
 */
export async function sampleGoldenLog(options: SampleGoldenLogOptions): Promise<GoldenLogSample> {
  const binding = bindingOf(options.config, options.contract);
  const name = binding.contract.name;
  const log = resolve(options.cwd, options.log);
  checkLogFile(log, 'lockstep golden --from-log');
  await checkLogContent(log, 'lockstep golden --from-log');
  computingSide('training', binding);
  computingSide('serving', binding);
  const store = fsGoldenStore(resolve(options.cwd, options.snapshotDir ?? 'snapshots'));
  const text = await store.read(name);
  const stored = new Set(
    text === undefined ? [] : parseGoldenFile(text, store.describe(name)).cases.map((c) => c.name),
  );
  const fresh = bindingOf(await loadConfig(options.config.path, options.cwd), name);
  const root = options.config.root;
  const sample = await sampleGoldenCases({
    contract: binding.contract,
    sides: {
      training: await resolveSide(computingSide('training', fresh), { root, concurrency: 1, contract: fresh.contract }),
      serving: await resolveSide(computingSide('serving', fresh), { root, concurrency: 1, contract: fresh.contract }),
    },
    sources: [
      logLineSource(log, {
        contract: binding.contract,
        ...(binding.format === undefined ? {} : { format: binding.format }),
      }),
    ],
    spill: () => createFsSpillStore(),
    ...(binding.format === undefined ? {} : { format: binding.format }),
    ...(binding.batchSize === undefined ? {} : { batchSize: binding.batchSize }),
    ...(options.cases === undefined ? {} : { cases: options.cases }),
  });
  if (sample.records === 0) {
    const { read, invalid, errored } = sample.counts;
    throw new SkewError(
      'SKEW_LOG_UNREADABLE',
      `lockstep golden --from-log: ${log} has no record both sides computed to pick cases from (${read} lines read: ${invalid} invalid, ${errored} errored); replay it to see why (lockstep replay --log ${options.log})`,
    );
  }
  const redactor = redactorFor(binding);
  if (redactor === undefined) return { contract: name, log, sample, stored, redacted: [] };
  const redacted = fieldsPresent(
    sample.cases.map((c) => c.spec.input),
    redactor.fields,
  );
  return { contract: name, log, sample: redactGoldenSample(sample, redactor), stored, redacted };
}
