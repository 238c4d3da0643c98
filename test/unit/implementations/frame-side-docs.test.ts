import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import { closedAfterEach, featuresOf } from './_helpers.ts';

const open = closedAfterEach();
const root = fileURLToPath(new URL('../../../', import.meta.url));
const PYTHON = join(root, '.venv/bin/python');

/** The example marked `<!-- example: name -->` in docs/protocol.md, written to a temporary file. */
function example(name: string): string {
  const doc = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
  const match = new RegExp(`<!-- example: ${name.replace('.', '\\.')} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (match?.[1] === undefined) throw new Error(`docs/protocol.md has no example ${name}`);
  const path = join(mkdtempSync(join(tmpdir(), 'lockstep-frames-doc-')), name);
  writeFileSync(path, match[1]);
  return path;
}

const cards = defineContract({
  name: 'cards',
  version: '1',
  entity: 'card',
  input: z.object({ card: z.string(), amount: z.number() }),
  features: { n_events: { type: 'int' }, total: { type: 'float' } },
});

it('the frame side example of docs/protocol.md computes running windows per entity', async () => {
  const side = open(frameSide({ command: [PYTHON, example('frame_windows.py')], contract: cards, concurrency: 1 }));
  const events: [string, number][] = [
    ['a', 1],
    ['a', 2.5],
    ['b', 4],
    ['a', 0.5],
  ];
  const batch = [...events]
    .map(([card, amount], i) => ({ card, amount, i }))
    .sort((x, y) => x.card.localeCompare(y.card) || x.i - y.i) // entities contiguous, in time order
    .map(({ card, amount, i }) => ({
      id: String(i + 1),
      line: i + 1,
      entity: card,
      timestamp: i,
      input: { card, amount },
    }));

  const outcomes = await side.compute(batch);

  expect(outcomes.map(featuresOf)).toEqual([
    { n_events: 1, total: 1 },
    { n_events: 2, total: 3.5 },
    { n_events: 3, total: 4 },
    { n_events: 1, total: 4 },
  ]);
});
