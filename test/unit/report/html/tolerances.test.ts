import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/load-config.ts';
import { toleranceAt } from '../../../../src/report/html/chart-data.ts';
import { gatherRunInfo } from '../../../../src/runner/gather-run-info.ts';
import { CONFIGS, dirOf } from '../_real-runs.ts';

describe('tolerances for the HTML report', () => {
  it("the run info carries each float feature's declared tolerance (the scatter's band), and none for a contract without", async () => {
    const cwd = dirOf(CONFIGS.cardFraud);
    const config = await loadConfig(CONFIGS.cardFraud, cwd);
    const run = await gatherRunInfo('replay', { config, cwd, bindings: config.config.contracts });

    expect(run.contracts[0]?.tolerances).toMatchObject({
      log_amount: { abs: 1e-9, rel: 1e-12, rule: 'numpy' },
      amount_sum_7d: { abs: 1e-6, rel: 1e-9, rule: 'numpy' },
    });
    const ci = await loadConfig(CONFIGS.ci, dirOf(CONFIGS.ci));
    const plain = await gatherRunInfo('replay', { config: ci, cwd: dirOf(CONFIGS.ci), bindings: ci.config.contracts });
    expect(plain.contracts[0]?.tolerances).toBeUndefined();
  });

  it('the band is abs + rel·|x| (numpy) or the larger of the two (isclose)', () => {
    expect(toleranceAt({ abs: 0.5, rel: 0.1, rule: 'numpy' }, -10)).toBe(1.5);
    expect(toleranceAt({ abs: 0.5, rel: 0.1, rule: 'isclose' }, -10)).toBe(1);
  });
});
