import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { commandSide } from '../../../src/implementations/command-side.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { makeRecords, plain } from './_helpers.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'lockstep-protocol-'));
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }'); // the TypeScript example uses top-level await

/** Writes the example marked `<!-- example: name -->` in docs/protocol.md to a temporary file. */
function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name.replace('.', '\\.')} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (match?.[1] === undefined) throw new Error(`docs/protocol.md has no example ${name}`);
  const path = join(dir, name);
  writeFileSync(path, match[1]);
  return path;
}

const opened: Side[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close?.()));
});

const inputs = [{ amount: 250, country: 'fr' }, { amount: 12.5, country: 'de' }, { amount: 7 }];

describe('docs/protocol.md examples', () => {
  it.each([
    ['record_side.py', ['python3']],
    ['record-side.ts', ['node', '--import', 'tsx']],
  ])('%s answers features, and an error for a bad record', async (name, program) => {
    // Arrange
    const source = example(name);
    expect(source.length).toBeGreaterThan(0);
    expect(readFileSync(source, 'utf8').trimEnd().split('\n').length).toBeLessThan(15);
    const side = commandSide({ command: [...program, source], cwd: root, concurrency: 1 });
    opened.push(side);

    // Act
    const outcomes = await side.compute(makeRecords(3, (i) => inputs[i] ?? {}));

    // Assert
    expect(plain(outcomes).slice(0, 2)).toEqual([
      { features: { is_large: true, country: 'FR' } },
      { features: { is_large: false, country: 'DE' } },
    ]);
    expect(plain(outcomes)[2]).toEqual({ error: expect.stringMatching(/country|toUpperCase/) });
  });

  it('entity_side.py answers running totals per entity', async () => {
    // Arrange
    const source = example('entity_side.py');
    expect(readFileSync(source, 'utf8').trimEnd().split('\n').length).toBeLessThan(15);
    const side = commandSide({ command: ['python3', source], shape: 'entity', concurrency: 1 });
    opened.push(side);
    const records = makeRecords(5, (i) => ({ amount: i + 1 })).map((r, i) => ({ ...r, entity: i < 2 ? 'a' : 'b' }));

    // Act
    const outcomes = await side.compute(records);

    // Assert
    expect(plain(outcomes)).toEqual([1, 3, 3, 7, 12].map((running_total) => ({ features: { running_total } })));
  });
});
