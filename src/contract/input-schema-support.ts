import { type ContractIssue, jsonPointer } from './contract-issue.ts';

type Path = readonly (string | number)[];

const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const BY_TYPE: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  object: [
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
    'propertyNames',
    'minProperties',
    'maxProperties',
  ],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains'],
};
const TYPED = new Map(Object.entries(BY_TYPE).flatMap(([type, keys]) => keys.map((k) => [k, type] as const)));
const CHECKED = new Set([
  ...TYPED.keys(),
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  '$defs',
  'definitions',
]);
const CONDITIONAL = 'conditional schemas cannot be checked: write the cases as "anyOf" branches';
const INSTEAD: Record<string, string> = {
  if: CONDITIONAL,
  // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, in a table of keywords
  then: CONDITIONAL,
  else: CONDITIONAL,
  dependentSchemas: 'write the cases as "anyOf" branches, one per combination of fields',
  dependentRequired: 'write the cases as "anyOf" branches, each with its own "required"',
  dependencies: 'write the cases as "anyOf" branches, each with its own "required"',
  unevaluatedProperties: 'write "additionalProperties": false on the object itself',
  unevaluatedItems: 'write "items": false after "prefixItems"',
  additionalItems: 'write "prefixItems" for the positions and "items" for the rest (JSON Schema 2020-12)',
  $dynamicRef: 'write a "$ref": "#/$defs/<name>"',
  $dynamicAnchor: 'write a "$ref": "#/$defs/<name>"',
  $anchor: 'write a "$ref": "#/$defs/<name>"',
  $recursiveRef: 'write a "$ref": "#/$defs/<name>"',
  $recursiveAnchor: 'write a "$ref": "#/$defs/<name>"',
  contentSchema: 'parse the embedded document in the sides; type the field as a string here',
  contentMediaType: 'type the field as a string here',
  contentEncoding: 'type the field as a string here, with a "pattern" if its alphabet matters',
};
/** Formats checked exactly as JSON Schema defines them. */
const FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'email', 'uuid', 'ipv4', 'ipv6', 'hostname', 'uri']);

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMAS = ['items', 'additionalProperties', 'propertyNames', 'contains', 'not'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkKeyword(node: Record<string, unknown>, key: string, path: Path, out: ContractIssue[]): void {
  const at = jsonPointer([...path, key]);
  const value = node[key];
  if (key in INSTEAD) {
    out.push({
      path: at,
      message: `"${key}" is not supported by Lockstep's input checks`,
      hint: INSTEAD[key] as string,
    });
  } else if (key === 'not' && !(isRecord(value) && Object.keys(value).length === 0)) {
    out.push({
      path: at,
      message: '"not" is supported only as { "not": {} } (nothing is valid)',
      hint: 'write the accepted values positively: an "enum", or "anyOf" of the accepted shapes',
    });
  } else if (key === '$ref' && !(typeof value === 'string' && value.startsWith('#/'))) {
    out.push({
      path: at,
      message: `${JSON.stringify(value)} is not a reference into the contract`,
      hint: 'external schemas are not loaded: copy the schema into "input.$defs" and write "$ref": "#/$defs/<name>"',
    });
  } else if (key === 'format' && !(typeof value === 'string' && FORMATS.has(value))) {
    const integer = typeof value === 'string' && /^u?int(8|16|32|64)$/.test(value);
    out.push({
      path: at,
      message: `format ${JSON.stringify(value)} is not one Lockstep checks (${[...FORMATS].join(', ')})`,
      hint: integer
        ? 'write "type": "integer" with "minimum"/"maximum" (64-bit integers are read exactly)'
        : 'write a "pattern" (a regular expression) for the values instead',
    });
  } else if (!CHECKED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
    out.push({
      path: at,
      message: `"${key}" is not a JSON Schema 2020-12 keyword Lockstep checks`,
      hint: 'remove it, fix its spelling, or name an annotation of your own "x-…"',
    });
  }
}

function walk(node: unknown, path: Path, out: ContractIssue[]): void {
  if (!isRecord(node)) return;
  for (const key of Object.keys(node)) checkKeyword(node, key, path, out);
  const typeless = node.type === undefined && node.enum === undefined && node.const === undefined && !('$ref' in node);
  const typed = typeless ? Object.keys(node).find((k) => TYPED.has(k)) : undefined;
  if (typed !== undefined) {
    const type = TYPED.get(typed) as string;
    out.push({
      path: jsonPointer(path),
      message: `has "${typed}" but no "type", so any value that is not a ${type} would be valid`,
      hint: `write "type": "${type === 'number' ? 'number" (or "integer' : type}" beside it`,
    });
  }
  for (const key of SCHEMA_MAPS) {
    const map = node[key];
    if (isRecord(map)) for (const [name, sub] of Object.entries(map)) walk(sub, [...path, key, name], out);
  }
  for (const key of SCHEMA_LISTS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) walk(sub, [...path, key, i], out);
  }
  for (const key of SCHEMAS) walk(node[key], [...path, key], out);
}

/**
 * The constructs of an input JSON Schema that Lockstep cannot check exactly as JSON Schema means them (conditionals,
 * external references, unknown formats and keywords, `not`…), each with its JSON path and what to write instead. An
 * input schema with none of them becomes a zod schema that accepts and rejects the same records.
 * @param schema - the input schema
 * @param path - where it sits in its document, e.g. `["input"]`
 * @remarks Since 0.1
 * @internal
 */
export function unsupportedInputConstructs(schema: unknown, path: Path): ContractIssue[] {
  const out: ContractIssue[] = [];
  walk(schema, path, out);
  return out;
}
