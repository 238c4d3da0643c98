import type { ReplayReport } from '../replay/replay-report.ts';
import { type AcceptedClass, type AcceptedFile, PLACEHOLDER_REASON } from './accepted-file.ts';
import { classSignature, SIGNATURE_VERSION } from './class-signature.ts';
import { classDenominator } from './decide-classes.ts';

/** What `--accept` did to a contract's accepted file. @public */
export interface AcceptedUpdate {
  readonly file: AcceptedFile;
  /** Classes seen now and not listed before: written with the placeholder reason and a budget of what was seen. */
  readonly added: readonly AcceptedClass[];
  /** Listed classes whose budget was raised to what was seen. */
  readonly raised: readonly AcceptedClass[];
  /** Listed classes not seen in this run: kept as they were (a rare class may be absent from one sample). */
  readonly unseen: readonly AcceptedClass[];
}

/** What `--accept` wrote for one contract, and where. @public */
export interface AcceptedWrite extends AcceptedUpdate {
  readonly location: string;
}

/** The smallest rate with 6 significant digits that is not below `rate`, so that the run that wrote it passes. */
function ceilRate(rate: number): number {
  if (rate <= 0) return 0;
  const scale = 10 ** (5 - Math.floor(Math.log10(rate)));
  return Math.min(1, Math.ceil(rate * scale) / scale);
}

/**
 * The accepted file after accepting every class of a replay: existing entries keep their reason, link and budget
 * (raised to what was seen where it was over); new classes get the placeholder reason and `maxRecords` equal to what
 * was seen. Labels are refreshed to the report's wording. For review before commit: it never runs on CI.
 * @param report - one contract's replay report
 * @param existing - the contract's accepted file, if it has one
 * @remarks Since 0.1
 * @public
 */
export function acceptClasses(report: ReplayReport, existing: AcceptedFile | undefined): AcceptedUpdate {
  const contract = report.contract.name;
  const total = classDenominator(report);
  const listed = new Map((existing?.accepted ?? []).map((e) => [e.signature, e]));
  const added: AcceptedClass[] = [];
  const raised: AcceptedClass[] = [];
  const entries: AcceptedClass[] = [];
  for (const c of report.classes) {
    const signature = classSignature({ contract, feature: c.feature, kind: c.kind, cause: c.cause });
    const old = listed.get(signature);
    listed.delete(signature);
    const label = { signature, feature: c.feature, kind: c.kind, cause: c.cause };
    if (old === undefined) {
      const entry = { ...label, maxRecords: c.count, reason: PLACEHOLDER_REASON };
      added.push(entry);
      entries.push(entry);
      continue;
    }
    const rate = total === 0 ? 1 : c.count / total;
    const maxRecords = old.maxRecords === undefined ? undefined : Math.max(old.maxRecords, c.count);
    const maxRate = old.maxRate === undefined ? undefined : Math.max(old.maxRate, ceilRate(rate));
    const entry: AcceptedClass = {
      ...label,
      ...(maxRecords === undefined ? {} : { maxRecords }),
      ...(maxRate === undefined ? {} : { maxRate }),
      reason: old.reason,
      ...(old.link === undefined ? {} : { link: old.link }),
    };
    if (maxRecords !== old.maxRecords || maxRate !== old.maxRate) raised.push(entry);
    entries.push(entry);
  }
  const unseen = [...listed.values()];
  const file = { signatureVersion: SIGNATURE_VERSION, contract, accepted: [...entries, ...unseen] };
  return { file, added, raised, unseen };
}
