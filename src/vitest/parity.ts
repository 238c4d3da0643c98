import type { Contract } from '../contract/contract.ts';
import { formatFinding } from '../fuzz/format-fuzz-report.ts';
import type { Finding, FuzzResult } from '../fuzz/fuzz-result.ts';
import { formatValue } from '../report/format-value.ts';
import { checkParity, type ParityOptions } from './check-parity.ts';

/**
 * The assertion error `parity` throws: the formatted report as its message, the result as data.
 * @public
 */
export class ParityError extends Error {
  readonly result: FuzzResult;

  constructor(message: string, result: FuzzResult) {
    super(message);
    this.name = 'ParityError';
    this.result = result;
  }
}

function headline(f: Finding, more: number): string {
  const values =
    f.kind === 'error' ? f.detail : `training ${formatValue(f.training, 60)}, serving ${formatValue(f.serving, 60)}`;
  return `${f.feature} · ${f.kind}: ${values}${more > 0 ? ` (and ${more} more divergence class${more === 1 ? '' : 'es'})` : ''}`;
}

/**
 * Asserts that a contract's training and serving sides agree on generated inputs: fuzzes them (see `checkParity`)
 * and throws a {@link ParityError} whose message starts with the first finding's feature and kind, followed by
 * every finding with its minimal input and the `seed`/`path` that replay it.
 * @param contract - the contract
 * @param options - sides, budget, seed (and path), generator options, corpus
 * @returns the result when no divergence is found
 * @throws ParityError when any divergence class is found, or a side was unavailable (a transport failure)
 * @remarks Since 0.1
 * @public
 */
export async function parity(contract: Contract, options: ParityOptions): Promise<FuzzResult> {
  const result = await checkParity(contract, options);
  const [first] = result.findings;
  const u = result.unavailable;
  // A side that could not be reached checked nothing from there on: never a pass.
  if (first === undefined && u !== undefined) {
    throw new ParityError(
      `${contract.name}: the ${u.side} side was unavailable, so fuzzing stopped: ${u.message}`,
      result,
    );
  }
  if (first === undefined) return result;
  const replay = (f: Finding) => `parity(contract, { ...options, seed: ${f.seed}, path: ${JSON.stringify(f.path)} })`;
  const body = result.findings.map((f) => formatFinding(f, result, contract, { replay }));
  const message = [
    headline(first, result.findings.length - 1),
    '',
    ...body.flatMap((b) => [b, '']),
    `${contract.name}: ${result.findings.length} divergence class${result.findings.length === 1 ? '' : 'es'} in ${result.runs} runs (seed ${result.seed})`,
  ].join('\n');
  throw new ParityError(message, result);
}
