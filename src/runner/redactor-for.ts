import type { ContractBinding } from '../config/define-config.ts';
import type { FuzzResult } from '../fuzz/fuzz-result.ts';
import { parseGoldenFile } from '../golden/golden-file.ts';
import type { GoldenResult } from '../golden/golden-result.ts';
import { redactExample } from '../redact/redact-example.ts';
import { redactFuzzResult } from '../redact/redact-fuzz-result.ts';
import { redactGoldenResult } from '../redact/redact-golden-result.ts';
import { redactReplayReport } from '../redact/redact-replay-report.ts';
import { createRedactor, type Redactor } from '../redact/redactor.ts';
import type { DivergenceExample, ReplayReport } from '../replay/replay-report.ts';

type Redacted = Pick<ContractBinding, 'contract' | 'redact'>;

/**
 * The redactor of a contract's outputs: the contract's `redact` and the config binding's, keyed by the
 * `LOCKSTEP_REDACT_KEY` environment variable when it is set; undefined when no field is redacted.
 * @internal
 */
export function redactorFor(
  binding: Redacted,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Redactor | undefined {
  const fields = [...(binding.contract.redact ?? []), ...(binding.redact ?? [])];
  if (fields.length === 0) return undefined;
  const key = env.LOCKSTEP_REDACT_KEY;
  const entity = binding.contract.entity as string | undefined;
  return createRedactor({
    fields,
    ...(key === undefined || key === '' ? {} : { key }),
    ...(entity === undefined ? {} : { entity }),
  });
}

/** What a contract's outputs show of a result: `redact` applied when the contract or its binding redacts fields. */
function shownBy<T>(binding: Redacted, redact: (value: T, redactor: Redactor) => T): (value: T) => T {
  const redactor = redactorFor(binding);
  return (value) => (redactor === undefined ? value : redact(value, redactor));
}

/** A contract's replay report as every output (reporters, history, merge data) shows it. @internal */
export const redactedReport = (binding: Redacted): ((r: ReplayReport) => ReplayReport) =>
  shownBy(binding, redactReplayReport);

/** One divergence as the divergence file (`--divergences`) writes it. @internal */
export const redactedExample = (binding: Redacted): ((d: DivergenceExample) => DivergenceExample) =>
  shownBy(binding, redactExample);

/** A contract's fuzz result as reporters show it (the corpus keeps real values). @internal */
export const redactedFuzzResult = (binding: Redacted): ((r: FuzzResult) => FuzzResult) =>
  shownBy(binding, redactFuzzResult);

/** The inputs of a golden file's cases; none when it cannot be read (the check itself reports that). */
function storedInputs(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  try {
    return parseGoldenFile(text, 'golden file').cases.map((c) => c.input);
  } catch {
    return [];
  }
}

/**
 * A contract's golden result as reporters show it (the golden file keeps real values). The inputs of the cases checked
 * (given, and those of the golden file's text) tell which values a side's error message may quote.
 * @internal
 */
export function redactedGoldenResult(
  binding: Redacted,
  cases: readonly { readonly input: unknown }[],
  storedText: string | undefined,
): (r: GoldenResult) => GoldenResult {
  return shownBy(binding, (result: GoldenResult, redactor) =>
    redactGoldenResult(result, redactor, [...cases.map((c) => c.input), ...storedInputs(storedText)]),
  );
}

/**
 * Shards' merged report as every output shows it: the fields the shards redacted stay redacted (their tokens are
 * kept, and the slices merging ranked again from tokenised counts show them bare, as a shard's do).
 * @internal
 */
export function redactedMerge(merged: ReplayReport): ReplayReport {
  const fields = merged.redacted ?? [];
  if (fields.length === 0) return merged;
  const key = process.env.LOCKSTEP_REDACT_KEY;
  return redactReplayReport(merged, createRedactor({ fields, ...(key === undefined || key === '' ? {} : { key }) }));
}
