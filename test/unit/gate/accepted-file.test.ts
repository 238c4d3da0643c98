import { describe, expect, it } from 'vitest';
import { SkewError } from '../../../src/errors.ts';
import { formatAcceptedFile, parseAcceptedFile } from '../../../src/gate/accepted-file.ts';

const entry = {
  signature: '71423c495a72d904',
  feature: 'amount_rounded',
  kind: 'value',
  cause: 'serving higher',
  maxRecords: 80,
  reason: 'half-even rounding in pandas; fix in #12',
  link: 'https://example.test/12',
};
const text = (value: unknown) => JSON.stringify(value);
const valid = { signatureVersion: 1, contract: 'card_fraud', accepted: [entry] };

function refusal(content: string, contract = 'card_fraud'): SkewError {
  try {
    parseAcceptedFile(content, 'snapshots/card_fraud/accepted.json', contract);
  } catch (error) {
    return error as SkewError;
  }
  throw new Error('parseAcceptedFile accepted a malformed file');
}

describe('parseAcceptedFile', () => {
  it('reads a well-formed file', () => {
    expect(parseAcceptedFile(text(valid), 'x', 'card_fraud')).toEqual(valid);
  });

  it.each([
    ['not JSON', '{', /^accepted file snapshots\/card_fraud\/accepted\.json: not JSON \(/],
    [
      'no version',
      text({ contract: 'card_fraud', accepted: [] }),
      /: has no signatureVersion: not a version this Lockstep knows \(1\)/,
    ],
    [
      'a newer version',
      text({ ...valid, signatureVersion: 2 }),
      /: signatureVersion 2: not a version this Lockstep knows \(1\); a file from another version needs migrating \(docs\/accepted\.md\)/,
    ],
    [
      'an unknown key',
      text({ ...valid, accepted: [{ ...entry, maxRecord: 3 }] }),
      /: accepted\[0\]: Unrecognized key: "maxRecord"/,
    ],
    [
      'a bad signature',
      text({ ...valid, accepted: [{ ...entry, signature: 'ABC' }] }),
      /: accepted\[0\]\.signature: must be 16 lowercase hex digits/,
    ],
    ['an unknown kind', text({ ...valid, accepted: [{ ...entry, kind: 'wrong' }] }), /: accepted\[0\]\.kind: /],
    [
      'a negative budget',
      text({ ...valid, accepted: [{ ...entry, maxRecords: -1 }] }),
      /: accepted\[0\]\.maxRecords: must be >= 0/,
    ],
    [
      'a fractional record budget',
      text({ ...valid, accepted: [{ ...entry, maxRecords: 1.5 }] }),
      /: accepted\[0\]\.maxRecords: must be a whole number/,
    ],
    [
      'a rate above 1',
      text({ ...valid, accepted: [{ ...entry, maxRecords: undefined, maxRate: 2 }] }),
      /: accepted\[0\]\.maxRate: must be a rate in \[0, 1\]/,
    ],
    [
      'no budget',
      text({ ...valid, accepted: [{ ...entry, maxRecords: undefined }] }),
      /: accepted\[0\]: needs a budget: maxRecords or maxRate \(or both\)/,
    ],
    [
      'an empty reason',
      text({ ...valid, accepted: [{ ...entry, reason: '  ' }] }),
      /: accepted\[0\]\.reason: must say why the class is accepted/,
    ],
    [
      'a class listed twice',
      text({ ...valid, accepted: [entry, { ...entry, cause: 'reworded' }] }),
      /: accepted\[1\]\.signature: the same class as accepted\[0\]/,
    ],
    [
      'another contract',
      text({ ...valid, contract: 'other' }),
      /: contract: "other", but the file is for contract "card_fraud"/,
    ],
  ])('refuses %s with SKEW_CONFIG_INVALID and the path of the bad entry', (_, content, message) => {
    const error = refusal(content);
    expect(error).toBeInstanceOf(SkewError);
    expect(error.code).toBe('SKEW_CONFIG_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('formatAcceptedFile', () => {
  it('is stable and diff-friendly: entries sorted by feature, kind, cause; keys in one order; a final newline', () => {
    const other = {
      reason: 'r',
      maxRate: 0.1,
      cause: 'serving null',
      kind: 'null_mismatch',
      feature: 'a',
      signature: '0000000000000001',
    };
    const out = formatAcceptedFile({ signatureVersion: 1, contract: 'card_fraud', accepted: [entry, other] });
    expect(out.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(out);
    expect(parsed.accepted.map((e: { feature: string }) => e.feature)).toEqual(['a', 'amount_rounded']);
    expect(Object.keys(parsed.accepted[0])).toEqual(['signature', 'feature', 'kind', 'cause', 'maxRate', 'reason']);
    expect(parseAcceptedFile(out, 'x', 'card_fraud').accepted).toHaveLength(2);
    expect(formatAcceptedFile(parseAcceptedFile(out, 'x', 'card_fraud'))).toBe(out);
  });
});
