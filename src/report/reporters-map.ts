import { JsonReporter } from './json-reporter.ts';
import type { Reporter, ReporterOutput } from './reporter.ts';
import { TerminalReporter } from './terminal-reporter.ts';

/** Where a named reporter writes: the terminal, or a file in the output directory. @public */
export interface ReporterTargets {
  readonly stdout: ReporterOutput;
  readonly progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Opens a file in the output directory, when one was given. */
  readonly file?: (name: string) => ReporterOutput;
}

/** Built-in reporters by name. @public */
export const ReportersMap = {
  default: (t: ReporterTargets): Reporter =>
    new TerminalReporter({ out: t.stdout, ...(t.progress ? { progress: t.progress } : {}) }),
  json: (t: ReporterTargets): Reporter => new JsonReporter(t.file?.('lockstep-report.json') ?? t.stdout),
} as const;

/** A built-in reporter's name. @public */
export type ReporterName = keyof typeof ReportersMap;
