import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { entitySide } from '../../../src/implementations/in-process.ts';
import { decodeRecord } from '../../../src/replay/decode/decode-record.ts';
import { keptCopy, LazyRecord } from '../../../src/replay/entity-wise/lazy-record.ts';
import { DEFAULT_LOG_FORMAT } from '../../../src/replay/log-format.ts';

const contract = (extraFields: 'strip' | 'keep') =>
  defineContract({
    name: 'c',
    version: '1',
    entity: 'u',
    extraFields,
    input: z.object({ u: z.string(), amount: z.number() }),
    features: { n: { type: 'int' } },
  });

/** A lazy record over `line` placed inside a larger block, and what the eager decoder makes of the same line. */
function both(line: string, extraFields: 'strip' | 'keep', keepInputText = true) {
  const block = Buffer.from(`garbage before${line}garbage after`);
  const from = 'garbage before'.length;
  const to = from + Buffer.byteLength(line);
  const c = contract(extraFields);
  const eager = decodeRecord({ text: line, line: 7, byteOffset: 0 }, c, DEFAULT_LOG_FORMAT, { keepInputText });
  if ('reason' in eager) throw new Error(eager.message);
  const decoding = { contract: c, format: DEFAULT_LOG_FORMAT, keepInputText };
  const lazy = new LazyRecord(decoding, block, from, to, 7, eager.entity, eager.timestamp, eager.recordId);
  return { lazy, eager };
}

describe('LazyRecord', () => {
  it('reads what the eager decoder gives: the input, its logged text, the served features, the id', () => {
    const { lazy, eager } = both('{"id":"r1","timestamp":5,"input":{"u":"é","amount":20.0},"served":{"n":1}}', 'keep');
    expect(lazy.input).toEqual(eager.input);
    expect(lazy.inputText).toBe('{"u":"é","amount":20.0}');
    expect(lazy.served).toEqual({ n: 1 });
    expect({ id: lazy.id, recordId: lazy.recordId }).toEqual({ id: '7', recordId: 'r1' });
    expect(lazy.materialise()).toEqual(eager);
  });

  it('strips fields the contract lacks, and then has no verbatim text, as the eager decoder', () => {
    const { lazy, eager } = both('{"timestamp":5,"input":{"u":"a","amount":1,"extra":true}}', 'strip');
    expect(lazy.input).toEqual({ u: 'a', amount: 1 });
    expect(lazy.inputText).toBeUndefined();
    expect(lazy.served).toBeUndefined();
    expect(lazy.materialise()).toEqual(eager);
  });

  it('gives no text when no side wants it, and decodes afresh on each access (nothing cached)', () => {
    const { lazy } = both('{"timestamp":5,"input":{"u":"a","amount":1}}', 'keep', false);
    expect(lazy.inputText).toBeUndefined();
    expect(lazy.input).not.toBe(lazy.input);
    expect(lazy.input).toEqual(lazy.input);
  });

  it('reaches an in-process entity function as events that read the input on access and serialise as plain ones', async () => {
    const { lazy, eager } = both('{"timestamp":5,"input":{"u":"a","amount":1}}', 'keep');
    const seen: string[] = [];
    const side = entitySide(contract('keep'), (history) => {
      seen.push(...history.map((e) => JSON.stringify(e)));
      return history.map((e) => ({ n: e.input.amount }));
    });
    expect(await side.compute([lazy, eager])).toMatchObject([{ features: { n: 1 } }, { features: { n: 1 } }]);
    expect(seen).toEqual(Array(2).fill('{"input":{"u":"a","amount":1},"timestamp":5}'));
  });

  it('is kept as a plain copy; a plain record is kept as it is', () => {
    const { lazy, eager } = both('{"timestamp":5,"input":{"u":"a","amount":1}}', 'keep');
    const kept = keptCopy(lazy);
    expect(kept).not.toBeInstanceOf(LazyRecord);
    expect(structuredClone(kept)).toEqual(eager);
    expect(keptCopy(eager)).toBe(eager);
  });
});
