import { describe, expect, it } from 'vitest';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { goldenVerdict } from '../../../src/gate/golden-verdict.ts';
import { type CheckGoldenOptions, checkGolden } from '../../../src/golden/check-golden.ts';
import { type GoldenRecordCase, parseGoldenFile } from '../../../src/golden/golden-file.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import { memoryCorpusStore } from '../../../src/snapshot/memory-corpus-store.ts';
import { memoryGoldenStore } from '../../../src/snapshot/memory-golden-store.ts';
import { checkParity } from '../../../src/vitest/check-parity.ts';
import { goldenCases, goldenDemo, goldenSides, type Variant } from '../../fixtures/golden/sides.ts';

type Store = ReturnType<typeof memoryGoldenStore>;

function check(
  store: Store,
  variant: Variant,
  update: CheckGoldenOptions['update'],
  extra: Partial<CheckGoldenOptions> = {},
) {
  return checkGolden({
    contract: goldenDemo,
    cases: goldenCases,
    sides: goldenSides(variant),
    store,
    update,
    ...extra,
  });
}

async function recorded(): Promise<Store> {
  const store = memoryGoldenStore();
  await check(store, 'log1p', 'new');
  return store;
}

const text = (store: Store) => store.files.get('golden_demo') as string;

describe('checkGolden', () => {
  it("refuses a golden file whose header names another contract (a copy from another contract's folder)", async () => {
    const store = await recorded();
    const copied = text(store).replace('"contract":"golden_demo"', '"contract":"other_model"');
    expect(copied).not.toBe(text(store));
    store.files.set('golden_demo', copied);
    await expect(check(store, 'log1p', 'none')).rejects.toThrow(
      'is the golden file of contract "other_model", not of "golden_demo" (its header says so)',
    );
  });

  it('records, then checks with zero changes: integers beyond 2^53, NaN, -0 and astral-plane strings round-trip', async () => {
    // Arrange
    const store = memoryGoldenStore();
    // Act
    const first = await check(store, 'log1p', 'new');
    const second = await check(store, 'log1p', 'none');
    // Assert
    expect(first).toMatchObject({ existed: false, written: true, counts: { added: 4 } });
    expect(second).toMatchObject({ written: false, changes: [], missing: [], obsolete: [], errors: [] });
    expect(second.counts).toEqual({ added: 0, matched: 4, unmatched: 0, updated: 0, obsolete: 0 });
    expect(goldenVerdict([second]).exitCode).toBe(0);
    const lines = text(store).trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({ golden: 1, contract: 'golden_demo', version: '1.0.0' });
    expect(lines.slice(1).map((l) => JSON.parse(l).name)).toEqual(['astral', 'big-account', 'nan', 'negative-zero']);
    expect(text(store)).toContain('"account":{"$bigint":"9007199254740993"}');
    expect(text(store)).toContain('"signed":{"$number":"-0"}');
    expect(text(store)).toContain('"log_x":{"$number":"NaN"}');
    const parsed = parseGoldenFile(text(store), 'golden.jsonl');
    const byName = new Map(parsed.cases.map((c) => [c.name, c as GoldenRecordCase]));
    expect(byName.get('big-account')?.serving.account).toBe(9007199254740993n);
    expect(Object.is(byName.get('negative-zero')?.training.signed, -0)).toBe(true);
    expect(byName.get('astral')?.input).toEqual({ id: 'd', x: 1.5, account: 3, label: '𝔘𝔫𝔦😀' });
  });

  it('writes the same bytes for the same cases, keys in a fixed order', async () => {
    const a = await recorded();
    const b = memoryGoldenStore();
    await checkGolden({
      contract: goldenDemo,
      cases: [...goldenCases].reverse(),
      sides: goldenSides('log1p'),
      store: b,
      update: 'new',
    });
    expect(text(b)).toBe(text(a));
    expect(text(a).split('\n')[1]).toMatch(
      /^\{"name":"astral","input":\{.*\},"training":\{"log_x":.*"label_chars":4\},"serving":\{/,
    );
  });

  it('fails when both sides change the same way, a change parity cannot see, naming the feature and both sides', async () => {
    // Arrange
    const store = await recorded();
    const sides = goldenSides('log-both');
    const [t] = await sides.training.compute([
      { id: '1', line: 1, entity: 'a', timestamp: 0, input: goldenCases[0].input },
    ]);
    const [s] = await sides.serving.compute([
      { id: '1', line: 1, entity: 'a', timestamp: 0, input: goldenCases[0].input },
    ]);
    // Act
    const result = await check(store, 'log-both', 'new');
    const verdict = goldenVerdict([result]);
    // Assert: the sides agree with each other…
    expect(
      compileComparator(goldenDemo)(
        (t as { features: object }).features as never,
        (s as { features: object }).features as never,
      ),
    ).toEqual([]);
    // …so parity (generated cases through both sides) passes…
    const parity = await checkParity(goldenDemo, {
      ...goldenSides('log-both'),
      runs: 200,
      seed: 1,
      corpus: memoryCorpusStore(),
      update: 'none',
    });
    expect(parity.status).toBe('pass');
    // …but each moved from its own stored values.
    const logX = result.changes.filter((c) => c.feature === 'log_x');
    expect(logX.map((c) => c.case).sort()).toEqual(['astral', 'big-account', 'negative-zero']);
    expect(logX[0]).toMatchObject({ side: 'both', sameWay: true });
    expect(logX.find((c) => c.case === 'big-account')?.training).toEqual({ old: Math.log1p(3), new: Math.log(3) });
    expect(verdict.exitCode).toBe(1);
    expect(verdict.reasons[0]).toMatchObject({ code: 'golden_changed', stage: 'golden', feature: 'log_x' });
    expect(verdict.headline).toMatch(/log_x: BOTH SIDES CHANGED THE SAME WAY \(training and serving/);
  });

  it('names the one side that changed', async () => {
    const store = await recorded();
    const result = await check(store, 'log-training', 'new');
    expect(result.changes.find((c) => c.case === 'astral')).toMatchObject({
      feature: 'log_x',
      side: 'training',
      sameWay: false,
      training: { old: Math.log1p(1.5), new: Math.log(1.5) },
    });
    expect(goldenVerdict([result]).headline).toMatch(/"astral" · log_x: training changed/);
  });

  it('a disagreement between the sides that was recorded is no golden failure', async () => {
    const store = memoryGoldenStore();
    await check(store, 'log-training', 'new');
    const result = await check(store, 'log-training', 'none');
    expect(result.changes).toEqual([]);
    expect(goldenVerdict([result]).exitCode).toBe(0);
  });
});

describe('update modes', () => {
  it('new: adds missing cases, never changes a stored value', async () => {
    const store = memoryGoldenStore();
    await checkGolden({
      contract: goldenDemo,
      cases: goldenCases.slice(0, 2),
      sides: goldenSides('log1p'),
      store,
      update: 'new',
    });
    const before = text(store);
    const result = await check(store, 'log-both', 'new');
    expect(result.counts).toMatchObject({ added: 2, unmatched: 1, updated: 0 });
    expect(goldenVerdict([result]).exitCode).toBe(1);
    const after = parseGoldenFile(text(store), 'x');
    expect(after.cases.map((c) => c.name)).toEqual(['astral', 'big-account', 'nan', 'negative-zero']);
    expect((after.cases.find((c) => c.name === 'big-account') as GoldenRecordCase).training.log_x).toBe(Math.log1p(3));
    expect(text(store)).toContain(before.split('\n')[1] as string);
  });

  it('all: rewrites the values that moved under a new contract version; the next check passes', async () => {
    const store = await recorded();
    const bumped = { ...goldenDemo, version: '1.1.0' };
    const result = await check(store, 'log-both', 'all', { contract: bumped });
    expect(result.counts.updated).toBe(3);
    expect(result.versionRule).toBeUndefined();
    expect(goldenVerdict([result]).exitCode).toBe(0);
    expect(result.changes.length).toBe(3);
    expect(JSON.parse(text(store).split('\n')[0] as string)).toEqual({
      golden: 1,
      contract: 'golden_demo',
      version: '1.1.0',
    });
    const again = await check(store, 'log-both', 'none', { contract: bumped });
    expect(again.changes).toEqual([]);
  });

  it('none: writes nothing; a missing file and a missing case fail', async () => {
    const empty = memoryGoldenStore();
    const noFile = await check(empty, 'log1p', 'none');
    expect(empty.files.size).toBe(0);
    expect(goldenVerdict([noFile]).reasons[0]).toMatchObject({ code: 'golden_missing' });
    expect(goldenVerdict([noFile]).headline).toMatch(/no golden file at memory:golden_demo\/golden.jsonl/);

    const store = memoryGoldenStore();
    await checkGolden({
      contract: goldenDemo,
      cases: goldenCases.slice(0, 3),
      sides: goldenSides('log1p'),
      store,
      update: 'new',
    });
    const before = text(store);
    const changed = await check(store, 'log-both', 'none');
    expect(text(store)).toBe(before);
    expect(changed.missing).toEqual(['astral']);
    expect(goldenVerdict([changed]).reasons.map((r) => r.code)).toEqual([
      'golden_missing',
      'golden_changed',
      'golden_changed',
    ]);
  });
});

describe('obsolete', () => {
  it('a stored case no longer configured is reported, kept, and removed only with prune', async () => {
    const store = await recorded();
    const cases = goldenCases.filter((c) => c.name !== 'nan');
    const kept = await checkGolden({ contract: goldenDemo, cases, sides: goldenSides('log1p'), store, update: 'new' });
    expect(kept.obsolete).toEqual([{ case: 'nan', reason: 'no longer among the contract’s golden cases' }]);
    expect(goldenVerdict([kept]).exitCode).toBe(0);
    expect(text(store)).toContain('"name":"nan"');
    const pruned = await checkGolden({
      contract: goldenDemo,
      cases,
      sides: goldenSides('log1p'),
      store,
      update: 'new',
      prune: true,
    });
    expect(pruned.pruned).toBe(1);
    expect(text(store)).not.toContain('"name":"nan"');
  });

  it('prune writes nothing in update mode none', async () => {
    const store = await recorded();
    const before = text(store);
    await checkGolden({
      contract: goldenDemo,
      cases: [],
      sides: goldenSides('log1p'),
      store,
      update: 'none',
      prune: true,
    });
    expect(text(store)).toBe(before);
  });

  it('a case whose input no longer fits the contract, and a feature no longer in it', async () => {
    const store = await recorded();
    // A new contract version: under the same version, a stored input that no longer fits is a broken file (exit 2).
    const narrower = defineContract({
      ...goldenDemo,
      version: '2.0.0',
      input: goldenDemo.input.extend({ id: goldenDemo.input.shape.id.regex(/^[abc]$/) }),
      features: {
        log_x: goldenDemo.features.log_x,
        signed: goldenDemo.features.signed,
        account: goldenDemo.features.account,
      },
    });
    const options = { contract: narrower, cases: goldenCases, store, update: 'new' as const };
    const sides = goldenSides('log1p');
    const result = await checkGolden({ ...options, sides });
    expect(result.obsolete).toContainEqual({
      case: 'astral',
      reason: expect.stringMatching(/^input no longer valid for the contract: id: /),
    });
    expect(result.obsolete).toContainEqual({ case: 'nan', feature: 'label', reason: 'no longer in the contract' });
    expect(result.obsolete).toContainEqual({
      case: 'nan',
      feature: 'label_chars',
      reason: 'no longer in the contract',
    });
    expect(result.changes).toEqual([]);
    expect(text(store)).toContain('"label_chars"');
    await checkGolden({ ...options, sides, prune: true });
    const after = parseGoldenFile(text(store), 'x');
    expect(after.cases.map((c) => c.name)).toEqual(['big-account', 'nan', 'negative-zero']);
    expect(Object.keys(after.cases[0]?.training ?? {})).toEqual(['log_x', 'signed', 'account']);
  });
});

describe('a case whose input changed under the same name', () => {
  it('fails in mode new, saying the input changed, and is rewritten in mode all', async () => {
    const store = await recorded();
    const cases = goldenCases.map((c) => (c.name === 'astral' ? { ...c, input: { ...c.input, x: 2.5 } } : c));
    const options = { contract: goldenDemo, cases, sides: goldenSides('log1p'), store };
    const result = await checkGolden({ ...options, update: 'new' });
    expect(result.changes.map((c) => c.feature)).toEqual(['log_x', 'signed', '(input)']);
    expect(goldenVerdict([result]).reasons.at(-1)?.message).toMatch(/"astral" · \(input\): the input changed/);
    await checkGolden({ ...options, update: 'all', acceptWithoutBump: true });
    expect((await checkGolden({ ...options, update: 'none' })).changes).toEqual([]);
  });
});

describe('the version rule', () => {
  it('all refuses to rewrite stored values under the version they were recorded with, and says what to do', async () => {
    // Arrange
    const store = await recorded();
    const before = text(store);
    // Act
    const result = await check(store, 'log-both', 'all');
    const verdict = goldenVerdict([result]);
    // Assert
    expect(result.versionRule).toEqual({
      stored: '1.0.0',
      current: '1.0.0',
      cases: ['astral', 'big-account', 'negative-zero'],
    });
    expect(result.counts).toMatchObject({ updated: 0, unmatched: 3 });
    expect(text(store)).toBe(before);
    expect(verdict.exitCode).toBe(1);
    const rule = verdict.reasons.find((r) => r.code === 'golden_version');
    expect(rule?.message).toMatch(/bump the contract's version \(version: '1\.0\.0' at .*sides\.ts:\d+\)/);
    expect(rule?.message).toContain('lockstep golden -u --accept-without-bump');
    expect(verdict.reasons.filter((r) => r.code === 'golden_changed').length).toBe(3);
  });

  it('--accept-without-bump rewrites under the same version and records it in the header', async () => {
    const store = await recorded();
    const result = await check(store, 'log-both', 'all', { acceptWithoutBump: true });
    expect(result.versionRule).toBeUndefined();
    expect(result.counts.updated).toBe(3);
    expect(goldenVerdict([result]).exitCode).toBe(0);
    const header = JSON.parse(text(store).split('\n')[0] as string);
    expect(header).toEqual({
      golden: 1,
      contract: 'golden_demo',
      version: '1.0.0',
      acceptedWithoutBump: [{ version: '1.0.0', cases: ['astral', 'big-account', 'negative-zero'] }],
    });
    expect(parseGoldenFile(text(store), 'golden.jsonl').accepted).toEqual(header.acceptedWithoutBump);
    expect((await check(store, 'log-both', 'none')).changes).toEqual([]);
  });

  it('adding a feature fills its values without touching the others, and needs no bump', async () => {
    // Arrange: a file recorded before the feature label_chars existed
    const store = await recorded();
    const lines = text(store).trimEnd().split('\n');
    const withoutFeature = lines.map((line, i) => {
      if (i === 0) return line;
      const c = JSON.parse(line);
      delete c.training.label_chars;
      delete c.serving.label_chars;
      return JSON.stringify(c);
    });
    store.files.set('golden_demo', `${withoutFeature.join('\n')}\n`);
    // Act
    const result = await check(store, 'log1p', 'new');
    // Assert
    expect(result.changes).toEqual([]);
    expect(result.versionRule).toBeUndefined();
    expect(text(store)).toBe(`${lines.join('\n')}\n`);
  });
});

describe('a stateful side', () => {
  /** A serving side with an online store: label_chars counts every call it has served before. */
  const storeServing = () => {
    let served = 0;
    return recordSide(goldenDemo, (input) => ({
      log_x: Math.log1p(input.x),
      signed: input.x,
      account: input.account,
      label: input.label,
      label_chars: [...input.label].length + served++,
    }));
  };
  const { training } = goldenSides('log1p');

  it('given as a factory starts fresh for every case: the stored values do not depend on the other cases', async () => {
    // Arrange
    const store = memoryGoldenStore();
    await checkGolden({
      contract: goldenDemo,
      cases: goldenCases,
      sides: { training, serving: storeServing },
      store,
      update: 'new',
    });
    // Act: the same cases in another order, and one case alone
    const reversed = await checkGolden({
      contract: goldenDemo,
      cases: [...goldenCases].reverse(),
      sides: { training, serving: storeServing },
      store,
      update: 'none',
    });
    // Assert
    expect(reversed.changes).toEqual([]);
    // each case's label length: no call before it
    const stored = parseGoldenFile(text(store), 'golden.jsonl').cases;
    expect(stored.map((c) => (c.serving as Record<string, unknown>).label_chars)).toEqual([4, 5, 3, 4]);
  });

  it('given as one instance carries its state from case to case (which is why factories exist)', async () => {
    const store = memoryGoldenStore();
    const one = storeServing();
    await checkGolden({
      contract: goldenDemo,
      cases: goldenCases,
      sides: { training, serving: one },
      store,
      update: 'new',
    });
    const again = await checkGolden({
      contract: goldenDemo,
      cases: goldenCases,
      sides: { training, serving: one },
      store,
      update: 'none',
    });
    expect(again.changes.map((c) => c.feature)).toEqual(['label_chars', 'label_chars', 'label_chars', 'label_chars']);
  });
});
