import { describe, expect, it } from 'vitest';
import { commandSide } from '../../../src/implementations/command-side.ts';
import { closedAfterEach, doubles, featuresOf, fixture, makeRecords, plain, runSide } from './_helpers.ts';

const open = closedAfterEach();

describe('commandSide', () => {
  it('pipelines batches to parallel children and matches out-of-order responses by id', async () => {
    // Arrange
    const side = open(commandSide({ command: ['python3', fixture('behaviours.py')], concurrency: 2 }));
    const records = makeRecords(2000);
    await side.start?.();

    // Act
    const outcomes = await runSide(side, records, 100);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(2000));
    expect(outcomes.every((o) => typeof o.latencyMs === 'number')).toBe(true);
    expect(side.drainDiagnostics?.()).toEqual([]);
    expect(side.inFlight).toBe(8);
  });

  it('spreads concurrent batches over the least-loaded children', async () => {
    // Arrange
    const script = [
      'import json, os, sys, time',
      'for line in sys.stdin:',
      '    req = json.loads(line)',
      '    time.sleep(0.002)',
      '    print(json.dumps({"id": req["id"], "features": {"pid": os.getpid()}}), flush=True)',
    ].join('\n');
    const side = open(commandSide({ command: ['python3', '-c', script], concurrency: 2 }));
    const batches = [0, 1, 2, 3].map((b) => makeRecords(20).map((r) => ({ ...r, id: `${b}-${r.id}` })));

    // Act
    const results = await Promise.all(batches.map((batch) => side.compute(batch)));

    // Assert
    const pidsPerBatch = results.map((outcomes) => new Set(outcomes.map((o) => featuresOf(o).pid)));
    expect(pidsPerBatch.every((pids) => pids.size === 1)).toBe(true);
    expect(new Set(pidsPerBatch.flatMap((pids) => [...pids])).size).toBe(2);
  });

  it('gives records still in flight an error outcome when closed', async () => {
    // Arrange
    const side = commandSide({ command: ['python3', fixture('behaviours.py')], concurrency: 1 });
    await side.start?.();
    const computed = side.compute(makeRecords(2, (i) => ({ x: i, hang: i === 0 })));

    // Act
    await new Promise((resolve) => setTimeout(resolve, 100));
    await side.close?.();

    // Assert
    const error = expect.stringMatching(/the side was closed before this record was answered$/);
    expect(plain(await computed)).toEqual([{ error }, { error }]);
  });

  it('passes error responses through as error outcomes', async () => {
    // Arrange
    const side = open(commandSide({ command: ['python3', fixture('behaviours.py')], concurrency: 1 }));
    const records = makeRecords(3, (i) => ({ x: i, fail: i === 1 }));

    // Act
    const outcomes = await side.compute(records);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(3, { 1: { error: 'ValueError: bad amount' } }));
  });

  it('sends an int above 2^53 exactly and reads NaN and ±Infinity from Python', async () => {
    // Arrange
    const side = open(commandSide({ command: ['python3', fixture('fidelity.py')], concurrency: 1 }));
    const records = makeRecords(1, () => ({ user_id: 9007199254740993n }));

    // Act
    const [outcome] = await side.compute(records);

    // Assert
    const features = featuresOf(outcome);
    expect(features.user_id_str).toBe('9007199254740993');
    expect(features.user_id).toBe(9007199254740993n);
    expect(features.next_id).toBe(9007199254740994n);
    expect(features.is_int).toBe(true);
    expect(features.nan).toBeNaN();
    expect(features.inf).toBe(Number.POSITIVE_INFINITY);
    expect(features.ninf).toBe(Number.NEGATIVE_INFINITY);
  });

  it('reads answers that arrive in many pieces: a 12 MB line whole, CRLF ends, and lines after it', async () => {
    // Arrange: one answer line of 12 MB (many pipe chunks), written with CRLF, then a short one
    const code = [
      'import json, sys',
      'for line in sys.stdin:',
      '    req = json.loads(line)',
      '    size = 12_000_000 if req["id"] == "1" else 3',
      '    sys.stdout.write(json.dumps({"id": req["id"], "features": {"blob": "é" * size}}) + "\\r\\n")',
      '    sys.stdout.flush()',
    ].join('\n');
    const side = open(commandSide({ command: ['python3', '-c', code], concurrency: 1 }));

    // Act
    const outcomes = await side.compute(makeRecords(2, () => ({})));

    // Assert
    const blobs = outcomes.map((o) => String(featuresOf(o).blob));
    expect(blobs.map((b) => b.length)).toEqual([12_000_000, 3]);
    expect(blobs[0]?.endsWith('é')).toBe(true);
  });

  it('sends entity-wise sides each entity in order with entity, timestamp and an end line per batch', async () => {
    // Arrange
    const side = open(commandSide({ command: ['python3', fixture('entity.py')], shape: 'entity', concurrency: 2 }));
    const records = makeRecords(300, (i) => ({ amount: i % 3 })).map((r, i) => ({
      ...r,
      entity: `card${Math.floor(i / 3)}`,
    }));

    // Act
    const outcomes = await runSide(side, records, 30);

    // Assert: each entity has three events with amounts 0, 1, 2, so running totals 0, 1, 3
    const expected = records.map((_, i) => ({ features: { running_total: [0, 1, 3][i % 3], seen: (i % 3) + 1 } }));
    expect(plain(outcomes)).toEqual(expected);
  });

  it('uses cwd and env for the child', async () => {
    // Arrange
    const script = [
      'import json, os, sys',
      'for line in sys.stdin:',
      '    req = json.loads(line)',
      '    features = {"v": os.environ["LOCKSTEP_T"], "cwd": os.getcwd()}',
      '    print(json.dumps({"id": req["id"], "features": features}), flush=True)',
    ].join('\n');
    const options = { cwd: '/tmp', env: { LOCKSTEP_T: 'yes' }, concurrency: 1 };
    const side = open(commandSide({ command: ['python3', '-c', script], ...options }));

    // Act
    const outcomes = await side.compute(makeRecords(1));

    // Assert
    expect(plain(outcomes)).toEqual([{ features: { v: 'yes', cwd: '/tmp' } }]);
  });

  it('describes itself by its command and rejects an empty command', () => {
    // Arrange / Act
    const side = commandSide({ command: ['python3', 'my script.py'], shape: 'entity' });

    // Assert
    expect(side.description).toBe('python3 "my script.py" (command, entity-wise)');
    expect(side.shape).toBe('entity');
    expect(() => commandSide({ command: [] })).toThrow(
      expect.objectContaining({
        code: 'SKEW_CONFIG_INVALID',
        message: expect.stringMatching(/^commandSide: command is empty/),
      }),
    );
  });
});
