import { draftSummary, fieldComment, guessed } from './_field-notes.ts';
import { type ContractDraft, NO_ENTITY_NOTE } from './draft-contract.ts';
import type { FieldGuess } from './infer-fields.ts';

type Json = Record<string, unknown>;

function typeOf(field: FieldGuess): string | string[] | undefined {
  const kinds: string[] = [...field.kinds];
  if (kinds.length === 0) return undefined;
  if (field.nullable) kinds.push('null');
  return kinds.length === 1 ? kinds[0] : kinds;
}

/** The JSON Schema 2020-12 of one field (its guesses as `description`). */
function fieldSchema(field: FieldGuess, description: string): Json {
  const type = typeOf(field);
  const schema: Json = type === undefined ? {} : { type };
  if (field.enum !== undefined) schema.enum = field.nullable ? [...field.enum, null] : [...field.enum];
  if (field.timestamp === 'iso') schema.format = 'date-time';
  if (field.fields !== undefined)
    Object.assign(
      schema,
      objectSchema(field.fields, (f) => guessed(f.notes)),
    );
  if (field.items !== undefined) schema.items = fieldSchema(field.items, guessed(field.items.notes));
  schema.description = description;
  return schema;
}

function objectSchema(fields: readonly FieldGuess[], comment: (f: FieldGuess) => string): Json {
  return {
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, comment(f))])),
    required: fields.filter((f) => f.required).map((f) => f.name),
  };
}

/**
 * The draft as a JSON contract file (docs/contracts.md): the input as JSON Schema 2020-12 and the features, each guess
 * explained in a `description`.
 * @param draft - the drafted contract
 * @param log - the log's name, for the description
 * @returns the file's text
 * @remarks Since 0.1
 * @public
 */
export function renderJsonContract(draft: ContractDraft, log: string): string {
  const document: Json = {
    name: draft.name,
    version: '0.1.0',
    description:
      draft.entity === undefined ? `${draftSummary(draft, log)} ${NO_ENTITY_NOTE}.` : draftSummary(draft, log),
    ...(draft.entity === undefined ? {} : { entity: draft.entity.field }),
    ...(draft.timestamp === undefined ? {} : { timestamp: draft.timestamp.field }),
    input: { type: 'object', ...objectSchema(draft.input, (f) => fieldComment(draft, f)) },
    features: Object.fromEntries(draft.features.map((f) => [f.name, { ...f.spec, description: guessed(f.notes) }])),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
