import { draftSummary, fieldComment, guessed } from './_field-notes.ts';
import { camelName, tsKey, tsLiteral, tsString } from './_ts-literal.ts';
import { type ContractDraft, NO_ENTITY_NOTE } from './draft-contract.ts';
import type { FieldGuess } from './infer-fields.ts';

const KIND_SCHEMA: Readonly<Record<string, string>> = {
  string: 'z.string()',
  integer: 'z.number().int()',
  number: 'z.number()',
  boolean: 'z.boolean()',
  object: 'z.record(z.string(), z.unknown())',
  array: 'z.array(z.unknown())',
};

function baseSchema(field: FieldGuess, indent: string): string {
  const [only, ...more] = field.kinds;
  if (only === undefined) return 'z.unknown()';
  if (more.length > 0) return `z.union([${field.kinds.map((k) => KIND_SCHEMA[k]).join(', ')}])`;
  if (field.enum !== undefined) return `z.enum(${tsLiteral(field.enum)})`;
  if (field.timestamp === 'iso') return 'z.iso.datetime({ offset: true })';
  if (field.fields !== undefined) return zodObject(field.fields, indent, (f) => guessed(f.notes));
  if (only === 'array' && field.items !== undefined) {
    return `z.array(${zodSchema(field.items, indent)})`;
  }
  return KIND_SCHEMA[only] ?? 'z.unknown()';
}

/** One field's zod schema, nullable and optional as guessed. */
function zodSchema(field: FieldGuess, indent: string): string {
  const schema = baseSchema(field, indent);
  return `${schema}${field.nullable && field.kinds.length > 0 ? '.nullable()' : ''}${field.required ? '' : '.optional()'}`;
}

function zodObject(fields: readonly FieldGuess[], indent: string, comment: (f: FieldGuess) => string): string {
  const inner = `${indent}  `;
  const lines = fields.flatMap((f) => [
    `${inner}// ${comment(f)}`,
    `${inner}${tsKey(f.name)}: ${zodSchema(f, inner)},`,
  ]);
  return `z.object({\n${lines.join('\n')}\n${indent}})`;
}

/**
 * The draft as a TypeScript contract module: `defineContract` with a zod input schema, a `// guessed: …` comment
 * above every field and feature.
 * @param draft - the drafted contract
 * @param log - the log's name, for the header
 * @returns the module's text, exporting the contract as a camel-cased constant of its name
 * @remarks Since 0.1
 * @public
 */
export function renderTsContract(draft: ContractDraft, log: string): string {
  const features = draft.features.flatMap((f) => [
    `    // ${guessed(f.notes)}`,
    `    ${tsKey(f.name)}: ${tsLiteral(f.spec)},`,
  ]);
  const lines = [
    "import { defineContract } from 'lockstep';",
    "import { z } from 'zod';",
    '',
    `/** ${draftSummary(draft, log)} */`,
    `export const ${camelName(draft.name)} = defineContract({`,
    `  name: ${tsString(draft.name)},`,
    "  version: '0.1.0',",
    ...(draft.entity === undefined
      ? [`  // ${NO_ENTITY_NOTE}`]
      : [`  // guessed: ${draft.entity.note}`, `  entity: ${tsString(draft.entity.field)},`]),
    ...(draft.timestamp === undefined
      ? []
      : [`  // guessed: ${draft.timestamp.note}`, `  timestamp: ${tsString(draft.timestamp.field)},`]),
    `  input: ${zodObject(draft.input, '  ', (f) => fieldComment(draft, f))},`,
    '  features: {',
    ...features,
    '  },',
    '});',
    '',
  ];
  return lines.join('\n');
}
