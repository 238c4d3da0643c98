import type { ContractBinding } from '../config/define-config.ts';
import { SkewError } from '../errors.ts';
import { type AcceptedWrite, acceptClasses } from '../gate/accept-classes.ts';
import { formatAcceptedFile } from '../gate/accepted-file.ts';
import type { AcceptedStore } from '../gate/accepted-store.ts';
import type { InvalidBudget } from '../gate/invalid-budget.ts';
import { replayVerdict } from '../gate/replay-verdict.ts';
import type { Verdict } from '../gate/verdict.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import { acceptedStoreFor, readAcceptedFiles } from './accepted-files.ts';

/** What a replay's gate takes: budgets, where accepted files live, and whether to accept the classes seen. @public */
export interface ReplayGateSettings {
  /** Invalid lines a contract's replay may hold and still pass (`--max-invalid`); default none. */
  readonly maxInvalid?: InvalidBudget;
  /** The snapshots folder (relative to `cwd`), default `snapshots`: accepted files are `<dir>/<contract>/accepted.json`. */
  readonly snapshotDir?: string;
  /** Accepted files from elsewhere than `snapshotDir` (a test's memory store). */
  readonly acceptedStore?: AcceptedStore;
  /** Write every class seen to the contract's accepted file for review (`--accept`). Refused when `ci` is true. */
  readonly accept?: boolean;
  /** Running on CI: `accept` is refused (the CLI sets it from the `CI` variable). */
  readonly ci?: boolean;
}

/** A replay's gate over one run: decides each contract's verdict and the run's, writing accepted files if asked. */
export interface ReplayGateSession {
  contractDone(report: ReplayReport): Promise<Verdict>;
  verdict(reports: readonly ReplayReport[]): Verdict;
  readonly written: readonly AcceptedWrite[];
}

/**
 * Opens the gate before any side starts: refuses `accept` on CI and reads (and validates) every contract's accepted
 * file, so that a malformed one is a configuration error (exit 2) before anything runs.
 * @throws SkewError `SKEW_USAGE` for `accept` on CI, `SKEW_CONFIG_INVALID` for a malformed accepted file
 * @internal
 */
export async function openReplayGate(
  bindings: readonly ContractBinding[],
  settings: ReplayGateSettings,
  cwd: string,
): Promise<ReplayGateSession> {
  if (settings.accept === true && settings.ci === true) {
    throw new SkewError(
      'SKEW_USAGE',
      'runReplay: --accept writes accepted.json for review and never runs on CI (CI is set); run it locally, review the file and commit it',
    );
  }
  const store = acceptedStoreFor(settings, cwd);
  const accepted = await readAcceptedFiles(
    store,
    bindings.map((b) => b.contract.name),
  );
  const options = () => ({
    accepted,
    contracts: bindings.map((b) => b.contract),
    ...(settings.maxInvalid === undefined ? {} : { maxInvalid: settings.maxInvalid }),
  });
  const written: AcceptedWrite[] = [];
  return {
    written,
    async contractDone(report) {
      const name = report.contract.name;
      if (settings.accept === true) {
        const update = acceptClasses(report, accepted.get(name));
        await store.write(name, formatAcceptedFile(update.file));
        accepted.set(name, update.file);
        written.push({ ...update, location: store.location(name) });
      }
      return replayVerdict([report], options());
    },
    verdict: (reports) => replayVerdict(reports, options()),
  };
}
