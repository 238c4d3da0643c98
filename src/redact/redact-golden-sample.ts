import type { GoldenSample } from '../golden/sample-from-log.ts';
import { redactPaths } from './redact-paths.ts';
import type { Redactor } from './redactor.ts';
import { SecretTexts } from './secret-texts.ts';

/**
 * A sample `lockstep golden --from-log` picked, with the values of redacted fields its cases hold replaced wherever
 * the texts printed about it quote them (why each case was picked, e.g. a divergence class whose cause quotes an
 * input; the strata left out). The cases themselves keep the real inputs: the golden file is checked from them.
 * @param sample - the sample as picked
 * @param redactor - the contract's redactor
 * @remarks Since 0.1
 * @public
 */
export function redactGoldenSample(sample: GoldenSample, redactor: Redactor): GoldenSample {
  const secrets = new SecretTexts();
  for (const c of sample.cases) {
    redactPaths(c.spec.input, redactor.fields, redactor.tokenOf, (value, token) => secrets.add(value, token));
  }
  return {
    ...sample,
    cases: sample.cases.map((c) => ({ ...c, strata: c.strata.map((s) => secrets.scrub(s)) })),
    leftOut: sample.leftOut.map((s) => secrets.scrub(s)),
  };
}
