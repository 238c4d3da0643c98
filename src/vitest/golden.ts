import { join } from 'node:path';
import type { Contract } from '../contract/contract.ts';
import type { SideFactory } from '../fuzz/fuzz-result.ts';
import { SideSession } from '../fuzz/side-session.ts';
import { goldenVerdict } from '../gate/golden-verdict.ts';
import { checkGolden } from '../golden/check-golden.ts';
import { formatGoldenReport } from '../golden/format-golden-report.ts';
import type { GoldenCaseSpec, GoldenResult } from '../golden/golden-result.ts';
import type { GoldenStore } from '../golden/golden-store.ts';
import type { Side } from '../implementations/side.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { fsGoldenStore } from '../snapshot/fs-golden-store.ts';
import { vitestState } from './_vitest-state.ts';

/**
 * What `golden` needs of vitest's test context: `annotate` (vitest ≥ 3.2). Pass the test function's context, e.g.
 * `it('golden', (context) => golden(contract, { ...options, context }))`.
 * @public
 */
export interface GoldenTestContext {
  annotate(message: string, type?: string): Promise<unknown>;
}

/**
 * Options of {@link golden}.
 * @public
 */
export interface GoldenOptions {
  /**
   * A side instance or a factory, as `parity` takes them. An instance is yours: golden starts it if needed and never
   * closes it. A factory makes a fresh side per case; Lockstep starts and closes every side it makes.
   */
  readonly training: Side | SideFactory;
  readonly serving: Side | SideFactory;
  /** The golden cases: a stable name and the input (`shape: 'history'`: an entity's whole history). */
  readonly cases: readonly GoldenCaseSpec[];
  /**
   * Where the golden file is. Default: `fsGoldenStore('<root>/snapshots')`, so the file is
   * `<root>/snapshots/<contract>/golden.jsonl` (the one `lockstep golden` checks), with `<root>` the vitest project root
   * (the working directory outside vitest). `memoryGoldenStore()` keeps it in memory.
   */
  readonly store?: GoldenStore;
  /**
   * Default: vitest's snapshot update state — `all` under `vitest -u` (rewrite what moved, by the version rule), `none`
   * on CI (nothing written; a missing file or case fails), else `new` (add missing cases, never change a stored
   * value); outside vitest, `none` when the `CI` environment variable is set, else `new`.
   */
  readonly update?: UpdateMode;
  /** Remove obsolete cases and features from the file (never in update mode `none`). Default false. */
  readonly prune?: boolean;
  /**
   * Under `vitest -u`, rewrite stored values although the contract's version did not change (the version rule refuses
   * that otherwise); the rewrite is recorded in the golden file. Default false.
   */
  readonly acceptWithoutBump?: boolean;
  /** The test's context: obsolete entries (and what was written) become test annotations. Else they are logged. */
  readonly context?: GoldenTestContext;
}

/**
 * The assertion error `golden` throws: the formatted report as its message, the result as data.
 * @public
 */
export class GoldenError extends Error {
  override readonly name = 'GoldenError';

  constructor(
    message: string,
    readonly result: GoldenResult,
  ) {
    super(message);
  }
}

/** A side for `checkGolden`: an instance as given (never closed), a factory behind a session (fresh per case). */
async function sideOf(name: string, source: Side | SideFactory): Promise<{ side: Side; close(): Promise<void> }> {
  if (typeof source !== 'function') return { side: source, close: async () => {} };
  const session = await SideSession.open(name, source);
  const side: Side = {
    shape: session.shape,
    description: session.description,
    compute: (batch) => session.compute(batch),
  };
  return { side, close: () => session.close() };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function headline(r: GoldenResult): string {
  const cases = new Set(r.changes.map((c) => c.case)).size;
  const parts = [
    r.changes.length > 0 && r.mode !== 'all' ? `${plural(r.changes.length, 'change')} in ${plural(cases, 'case')}` : '',
    r.versionRule === undefined ? '' : `${plural(r.versionRule.cases.length, 'case')} kept by the version rule`,
    !r.existed && r.mode === 'none' ? 'no golden file' : '',
    r.missing.length > 0 ? `${plural(r.missing.length, 'case')} not recorded` : '',
    r.errors.length > 0 ? plural(r.errors.length, 'side error') : '',
    r.obsolete.length > 0 && r.mode === 'none' ? `${r.obsolete.length} obsolete` : '',
  ];
  return `golden ${r.contract.name}: ${parts.filter((p) => p !== '').join(', ')}`;
}

/** What to do, in vitest's words (the report's own hints name the CLI's flags). */
function advice(r: GoldenResult): string[] {
  const out: string[] = [];
  if (r.changes.length > 0 && r.mode !== 'all') {
    out.push(
      "If the change is meant, bump the contract's version and run vitest -u; otherwise fix the side(s) that moved.",
    );
  }
  if (r.versionRule !== undefined) {
    const at = r.definedAt === undefined ? '' : ` at ${r.definedAt}`;
    out.push(
      `vitest -u kept the stored values: the contract's version is still "${r.versionRule.current}", the one they were ` +
        `recorded under. If the change is meant, bump the version${at} and run vitest -u again, or pass ` +
        `acceptWithoutBump: true to golden() (the rewrite is recorded in ${r.file}).`,
    );
  }
  if (r.mode === 'none' && (!r.existed || r.missing.length > 0 || r.obsolete.length > 0)) {
    const prune = r.obsolete.length > 0 ? ' with prune: true' : '';
    out.push(`Nothing is written on CI: run vitest locally${prune} and commit ${r.file}.`);
  }
  if (r.errors.length > 0) out.push('A case a side failed on is neither checked nor recorded: fix the side.');
  return out;
}

/** The report without its hints in CLI words (`lockstep golden -u`, `--prune`): {@link advice} gives vitest's. */
function report(r: GoldenResult): string {
  const lines = formatGoldenReport(r)
    .trimEnd()
    .split('\n')
    .filter((l) => !/lockstep golden|--prune|--accept-without-bump/.test(l));
  if (r.obsolete.length > 0 && r.pruned === 0) lines.push('    (pass prune: true to golden() to remove them)');
  return lines.join('\n');
}

async function announce(r: GoldenResult, context: GoldenTestContext | undefined): Promise<void> {
  const after = r.pruned > 0 ? ' (pruned)' : ' (prune: true removes it)';
  const notes = r.obsolete.map((o) =>
    o.feature === undefined
      ? `obsolete golden case "${o.case}" in ${r.file}: ${o.reason}${after}`
      : `obsolete golden feature "${o.case} · ${o.feature}" in ${r.file}: ${o.reason}${after}`,
  );
  if (context === undefined) {
    for (const note of notes) console.warn(note);
    return;
  }
  for (const note of notes) await context.annotate(note, 'warning');
  if (r.written) await context.annotate(`wrote ${r.file} (update mode ${r.mode})`, 'notice');
}

/**
 * Checks a contract's golden cases inside a test, as `toMatchSnapshot` does for values: computes every case with each
 * side, compares each side with its own values stored in `<vitest root>/snapshots/<contract>/golden.jsonl` and writes
 * the file as vitest's update state allows (`vitest -u`: `all`, by the version rule; CI: `none`; else `new`).
 * Obsolete cases are reported as test annotations (with `context`) and removed only with `prune: true`.
 * @param contract - the contract
 * @param options - sides, cases, store, update mode, prune, acceptWithoutBump, the test context
 * @returns the result when nothing failed
 * @throws GoldenError listing per case and feature old → new and which side(s) moved ("both sides changed the same
 *   way" first), when a stored value changed (not rewritten), a case or the file is missing where nothing may be
 *   written, a side failed on a case, the version rule kept values under `-u`, or, in update mode `none`, an entry
 *   is obsolete
 * @remarks Since 0.1
 * @public
 */
export async function golden(contract: Contract, options: GoldenOptions): Promise<GoldenResult> {
  const vitest = await vitestState();
  const ci = (process.env.CI ?? '') !== '' && process.env.CI !== 'false';
  const training = await sideOf('training', options.training);
  let result: GoldenResult;
  try {
    const serving = await sideOf('serving', options.serving);
    try {
      result = await checkGolden({
        contract,
        cases: options.cases,
        sides: { training: training.side, serving: serving.side },
        store:
          options.store ??
          fsGoldenStore(join(vitest.root ?? process.cwd(), 'snapshots'), 'golden (snapshots/ of the vitest root)'),
        update: options.update ?? vitest.update ?? (ci ? 'none' : 'new'),
        prune: options.prune === true,
        acceptWithoutBump: options.acceptWithoutBump === true,
      });
    } finally {
      await serving.close();
    }
  } finally {
    await training.close();
  }
  await announce(result, options.context);
  const failed = goldenVerdict([result]).exitCode !== 0 || (result.mode === 'none' && result.obsolete.length > 0);
  if (!failed) return result;
  const error = new GoldenError([headline(result), '', report(result), '', ...advice(result)].join('\n'), result);
  Error.captureStackTrace?.(error, golden); // the test's line, not this one, is where vitest points
  throw error;
}
