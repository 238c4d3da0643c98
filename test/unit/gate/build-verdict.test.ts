import { describe, expect, it } from 'vitest';
import { buildVerdict, combineVerdicts } from '../../../src/gate/build-verdict.ts';
import { EXIT_CODES, type GateReason } from '../../../src/gate/verdict.ts';

const reason = (code: GateReason['code'], message: string = code): GateReason => ({ code, stage: 'replay', message });

describe('buildVerdict: the one place reasons become a status and an exit code', () => {
  it('no reason is PASS, exit 0', () => {
    const verdict = buildVerdict({ reasons: [], stages: { replay: 'passed' } });
    expect(verdict).toMatchObject({ status: 'pass', exitCode: 0, headline: 'PASS', reasons: [], classes: [] });
  });

  it.each([
    ['divergence', 'fail', 1],
    ['accepted_over_budget', 'fail', 1],
    ['mismatch_rate', 'fail', 1],
    ['nothing_compared', 'fail', 1],
    ['empty_log', 'fail', 1],
    ['all_invalid', 'fail', 1],
    ['invalid_over_budget', 'fail', 1],
    ['incomplete_log', 'incomplete', 1],
    ['side_unreachable', 'error', 2],
  ] as const)('%s alone: %s, exit %i', (code, status, exitCode) => {
    const verdict = buildVerdict({ reasons: [reason(code, `why: ${code}`)], stages: { replay: 'failed' } });
    expect(verdict).toMatchObject({ status, exitCode, headline: `why: ${code}` });
  });

  it('an unread log never hides a failure, and an unreachable side outranks both; the headline is the deciding reason', () => {
    const failed = buildVerdict({ reasons: [reason('incomplete_log'), reason('divergence')], stages: {} });
    expect(failed).toMatchObject({ status: 'fail', exitCode: EXIT_CODES.fail, headline: 'divergence' });
    expect(failed.reasons.map((r) => r.code)).toEqual(['divergence', 'incomplete_log']);
    const error = buildVerdict({
      reasons: [reason('incomplete_log'), reason('divergence'), reason('side_unreachable')],
      stages: {},
    });
    expect(error).toMatchObject({ status: 'error', exitCode: EXIT_CODES.usage, headline: 'side_unreachable' });
  });

  it('names the stages that were skipped because nothing was configured', () => {
    const verdict = buildVerdict({ reasons: [], stages: { replay: 'passed', golden: 'skipped', fuzz: 'skipped' } });
    expect(verdict.headline).toBe('PASS (skipped: golden, fuzz)');
  });

  it('combineVerdicts decides again over every stage', () => {
    const pass = buildVerdict({ reasons: [], stages: { fuzz: 'passed' } });
    const incomplete = buildVerdict({ reasons: [reason('incomplete_log')], stages: { replay: 'failed' } });
    const combined = combineVerdicts([pass, incomplete]);
    expect(combined).toMatchObject({ status: 'incomplete', exitCode: 1, stages: { fuzz: 'passed', replay: 'failed' } });
    expect(combineVerdicts([pass])).toMatchObject({ status: 'pass', exitCode: 0 });
  });
});
