import type { DivergenceClass, MinimalInput, ReplayReport } from '../replay/replay-report.ts';
import { redactExampleInput } from './redact-example.ts';
import { redactJsonText } from './redact-json-text.ts';
import { redactPaths } from './redact-paths.ts';
import { redactSlice } from './redact-slice.ts';
import { redactSliceCounts } from './redact-slice-counts.ts';
import type { Redactor } from './redactor.ts';
import { scrubStrings } from './scrub-strings.ts';
import { SecretTexts } from './secret-texts.ts';

function minimalOf(m: MinimalInput, r: Redactor, note: (v: unknown, t: string) => void): MinimalInput {
  return {
    ...m,
    original: redactPaths(m.original, r.fields, r.tokenOf, note),
    minimal: redactPaths(m.minimal, r.fields, r.tokenOf, note),
  };
}

/**
 * A replay report as every output shows it (reporters, annotations, the JSON report, history, merge data): the values
 * of the redacted input fields replaced by their tokens (see `redactionToken`) in the examples' inputs, the minimal
 * inputs (original and reduced), the entity when the entity field is redacted, the class slices' predicates, the
 * slicing counts of the merge data, and the invalid lines' excerpts (the value after each redacted field's key); then
 * every value so replaced is replaced wherever free text quotes it: causes, details, hints, side diagnostics (stderr
 * lines), invalid lines' messages, source errors. `redacted` lists the fields. The comparison has already run on the
 * real values: counts, classes and verdicts are unchanged. Redacting a redacted report changes nothing.
 * @param report - the report as the replay built it
 * @param redactor - the contract's redactor
 * @remarks Since 0.1
 * @public
 */
export function redactReplayReport(report: ReplayReport, redactor: Redactor): ReplayReport {
  const r = redactor;
  const secrets = new SecretTexts();
  const note = (value: unknown, token: string) => secrets.add(value, token);
  const example = (e: ReplayReport['features'][number]['examples'][number]) => redactExampleInput(e, r, secrets);
  const classOf = (c: DivergenceClass): DivergenceClass => ({
    ...c,
    examples: c.examples.map(example),
    ...(c.minimal === undefined ? {} : { minimal: minimalOf(c.minimal, r, note) }),
    ...(c.slices === undefined ? {} : { slices: c.slices.map((s) => redactSlice(s, r.fields, r.tokenOf, note)) }),
  });
  const shown: ReplayReport = {
    ...report,
    features: report.features.map((f) => ({ ...f, examples: f.examples.map(example) })),
    classes: report.classes.map(classOf),
    invalid: report.invalid.map((l) => ({ ...l, excerpt: redactJsonText(l.excerpt, r.fields, r.tokenOf, note) })),
    ...(report.mergeable === undefined
      ? {}
      : { mergeable: redactSliceCounts(report.mergeable, r.fields, r.tokenOf, note) }),
  };
  const redacted = [...new Set([...(report.redacted ?? []), ...r.fields])];
  return { ...scrubStrings(shown, secrets), redacted };
}
