import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ColumnCodes, LogColumns } from '../../../src/replay/columnar/columnar-log.ts';
import { encodeRows } from '../../../src/replay/columnar/encode-rows.ts';
import type { FieldPlan } from '../../../src/replay/columnar/plan.ts';

/** A column's codes, distinct values in the order they come. */
function codesOf(values: readonly unknown[]): ColumnCodes {
  const distinct: unknown[] = [];
  const codes = Int32Array.from(values, (v) => {
    const at = distinct.indexOf(v);
    return at >= 0 ? at : distinct.push(v) - 1;
  });
  return { codes, distinct };
}

const n = 500;
const values: Record<string, unknown[]> = {
  id: Array.from({ length: n }, (_, i) => i),
  label: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : ['a', 'bé', '', 'x'.repeat(40)][i % 4])),
  always: Array.from({ length: n }, (_, i) => `t${i % 3}`),
  flag: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i % 3 === 0)),
};
const fields: FieldPlan[] = [
  { frame: { name: 'id', kind: 'int64', nullable: false }, column: { name: 'id', kind: 'int' }, check: () => true },
  {
    frame: { name: 'label', kind: 'utf8', nullable: true },
    column: { name: 'label', kind: 'utf8' },
    check: () => true,
  },
  {
    frame: { name: 'always', kind: 'utf8', nullable: false },
    column: { name: 'always', kind: 'utf8' },
    check: () => true,
  },
  { frame: { name: 'flag', kind: 'bool', nullable: false }, column: { name: 'flag', kind: 'bool' }, check: () => true },
];

describe('encodeRows', () => {
  it('writes string and boolean columns from their codes as from their values (nulls, repeats, any row order)', () => {
    // Arrange
    const rows = Array.from({ length: 300 }, (_, i) => (i * 37) % n);
    const facts = { line: rows.map((r) => r + 1), entity: rows.map((r) => `e${r % 9}`), timestamp: rows.map((r) => r) };
    const plain: LogColumns = { rows: n, values };
    const coded: LogColumns = {
      rows: n,
      values,
      codes: {
        label: codesOf(values.label ?? []),
        always: codesOf(values.always ?? []),
        flag: codesOf(values.flag ?? []),
      },
    };

    // Act
    const a = tableFromIPC(encodeRows(plain, fields, rows, facts));
    const b = tableFromIPC(encodeRows(coded, fields, rows, facts));

    // Assert
    expect(b.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(
      a.schema.fields.map((f) => [f.name, String(f.type), f.nullable]),
    );
    for (const name of ['label', 'always', 'flag']) {
      const got = b.getChild(name)?.toArray();
      expect(Array.from(got ?? []), name).toEqual(Array.from(a.getChild(name)?.toArray() ?? []));
      expect(b.getChild(name)?.nullCount).toBe(a.getChild(name)?.nullCount);
      expect(Array.from({ length: rows.length }, (_, i) => b.getChild(name)?.get(i))).toEqual(
        rows.map((r) => values[name]?.[r]),
      );
    }
  });
});
