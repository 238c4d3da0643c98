import type { ReplayReport } from '../replay/replay-report.ts';

/** What a report says of the path a Parquet log took: one sentence, and whether it warns. @internal */
export interface PathNote {
  readonly text: string;
  /** The columnar path refused the log: it went through the row path (slower). */
  readonly warning: boolean;
}

/**
 * How a Parquet log through frame sides went when that is news, in the words every report uses: column by column in
 * parts (above the rows held whole), or as JSON lines and why. Nothing when it was read column by column whole, or when
 * the question did not arise.
 * @param columnar - the report's `columnar` field
 * @internal
 */
export function columnarPathNote(columnar: ReplayReport['columnar']): PathNote | undefined {
  if (columnar === undefined || (columnar.used && columnar.parts === undefined)) return undefined;
  if (columnar.used) {
    const why = 'the log has more rows than LOCKSTEP_COLUMNAR_MAX_ROWS (each part decodes its columns again)';
    return { text: `column by column in ${columnar.parts} parts of whole entities: ${why}`, warning: false };
  }
  const because = columnar.because ?? 'no reason given';
  return { text: `replayed as JSON lines, not column by column: ${because}`, warning: true };
}
