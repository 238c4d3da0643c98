import { GithubReporter } from './github-reporter.ts';
import { HtmlReporter } from './html/html-reporter.ts';
import { JsonReporter } from './json-reporter.ts';
import { JunitReporter } from './junit-reporter.ts';
import { MarkdownReporter } from './markdown-reporter.ts';
import type { Reporter, ReporterOutput } from './reporter.ts';
import { TerminalReporter } from './terminal-reporter.ts';

/** Where a named reporter writes: the terminal, or a file in the output directory. @public */
export interface ReporterTargets {
  readonly stdout: ReporterOutput;
  /** Where progress bars go (a TTY stream, usually stderr). */
  readonly progress?: ReporterOutput;
  /** Opens a file in the output directory, when one was given. */
  readonly file?: (name: string) => ReporterOutput;
  /** The GitHub step summary (`$GITHUB_STEP_SUMMARY`), appended to by the Markdown reporter; given by the caller. */
  readonly stepSummary?: ReporterOutput;
}

/** The file a file reporter writes in the output directory (stdout without one). @public */
export const REPORT_FILES = {
  json: 'lockstep-report.json',
  junit: 'junit.xml',
  markdown: 'summary.md',
  html: 'lockstep-report.html',
} as const;

/** Built-in reporters by name. @public */
export const ReportersMap = {
  default: (t: ReporterTargets): Reporter =>
    new TerminalReporter({ out: t.stdout, ...(t.progress ? { progress: t.progress } : {}) }),
  json: (t: ReporterTargets): Reporter => new JsonReporter(t.file?.(REPORT_FILES.json) ?? t.stdout),
  junit: (t: ReporterTargets): Reporter => new JunitReporter(t.file?.(REPORT_FILES.junit) ?? t.stdout),
  markdown: (t: ReporterTargets): Reporter =>
    new MarkdownReporter(t.file?.(REPORT_FILES.markdown) ?? t.stdout, t.stepSummary),
  /** One self-contained HTML page (charts inlined, nothing fetched). */
  html: (t: ReporterTargets): Reporter => new HtmlReporter(t.file?.(REPORT_FILES.html) ?? t.stdout),
  /** GitHub Actions annotations: workflow commands, always on stdout (where the runner reads them). */
  github: (t: ReporterTargets): Reporter => new GithubReporter(t.stdout),
  'github-actions': (t: ReporterTargets): Reporter => new GithubReporter(t.stdout),
} as const;

/** A built-in reporter's name. @public */
export type ReporterName = keyof typeof ReportersMap;
