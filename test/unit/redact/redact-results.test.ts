import { describe, expect, it } from 'vitest';
import type { FuzzResult } from '../../../src/fuzz/fuzz-result.ts';
import type { GoldenResult } from '../../../src/golden/golden-result.ts';
import type { GoldenSample } from '../../../src/golden/sample-from-log.ts';
import { redactExample } from '../../../src/redact/redact-example.ts';
import { redactFuzzResult } from '../../../src/redact/redact-fuzz-result.ts';
import { redactGoldenResult } from '../../../src/redact/redact-golden-result.ts';
import { redactGoldenSample } from '../../../src/redact/redact-golden-sample.ts';
import { createRedactor } from '../../../src/redact/redactor.ts';

const SECRET = '4111111111111111';
const redactor = createRedactor({ fields: ['card', 'holder.name'], entity: 'card' });
const card = redactor.tokenOf('card', SECRET);

describe('redacting results', () => {
  it('a fuzz result: findings minimal and original inputs (histories too), corpus cases, and messages quoting them', () => {
    const input = [{ card: SECRET, holder: { name: 'Ann Secret' } }];
    const result = {
      contract: { name: 'pay', version: '1' },
      findings: [
        {
          feature: 'risk',
          kind: 'error',
          cause: `serving: Error: card ${SECRET}`,
          detail: `serving failed on ${SECRET}`,
          minimalInput: input,
          originalInput: input[0],
        },
      ],
      corpus: { fixed: [{ key: 'k', entry: { input: input[0] } }], stale: [] },
    } as unknown as FuzzResult;

    const shown = redactFuzzResult(result, redactor);

    expect(JSON.stringify(shown)).not.toContain(SECRET);
    expect(JSON.stringify(shown)).not.toContain('Ann Secret');
    expect(shown.findings[0]?.minimalInput).toEqual([
      { card, holder: { name: redactor.tokenOf('holder.name', 'Ann Secret') } },
    ]);
    expect(shown.findings[0]?.detail).toBe(`serving failed on ${card}`);
    expect(shown.redacted).toEqual(['card', 'holder.name']);
  });

  it('a golden result: changed inputs, and side errors quoting a checked case the result holds no input of', () => {
    const result = {
      changes: [{ case: 'a', feature: 'n', side: 'serving', sameWay: false, input: { card: 'c-2222' } }],
      errors: [{ case: 'b', side: 'serving', message: `Error: card ${SECRET} declined` }],
      obsolete: [],
      missing: [],
    } as unknown as GoldenResult;

    const shown = redactGoldenResult(result, redactor, [{ card: SECRET }]);

    expect(shown.errors[0]?.message).toBe(`Error: card ${card} declined`);
    expect(shown.changes[0]?.input).toEqual({ card: redactor.tokenOf('card', 'c-2222') });
  });

  it('one divergence of the divergence file: its input, its entity and its messages', () => {
    const d = {
      line: 3,
      entity: SECRET,
      timestamp: 0,
      feature: 'risk',
      kind: 'error' as const,
      training: 1,
      serving: { error: `no card ${SECRET}` },
      detail: '',
      input: { card: SECRET, holder: { name: 'Bo' } },
    };

    const shown = redactExample(d, redactor);

    expect(shown.entity).toBe(card);
    expect(shown.serving).toEqual({ error: `no card ${card}` });
    // Shorter than 4 characters: replaced in the input, not searched for in free text.
    expect(shown.input).toEqual({ card, holder: { name: redactor.tokenOf('holder.name', 'Bo') } });
  });

  it('a golden --from-log sample: why each case was picked is redacted, the case keeps its real input', () => {
    const spec = { name: 'log/class/risk.error', input: { card: SECRET }, source: 'log' as const };
    const sample = {
      cases: [{ spec, strata: [`divergence class risk error (serving: no card ${SECRET})`], lines: [3] }],
      leftOut: [`q25 of ${SECRET}`],
    } as unknown as GoldenSample;

    const shown = redactGoldenSample(sample, redactor);

    expect(shown.cases[0]?.strata).toEqual([`divergence class risk error (serving: no card ${card})`]);
    expect(shown.leftOut).toEqual([`q25 of ${card}`]);
    expect(shown.cases[0]?.spec).toBe(spec);
  });
});
