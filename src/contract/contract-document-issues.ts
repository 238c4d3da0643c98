import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { type ContractIssue, jsonPointer } from './contract-issue.ts';
import { CONTRACT_META_SCHEMA } from './contract-meta-schema.ts';
import { categoryKindAgrees } from './feature-spec.ts';
import { unsupportedInputConstructs } from './input-schema-support.ts';
import { redactFieldsProblem } from './redact-fields.ts';

type Schema = Record<string, unknown>;

let compiled: ValidateFunction | undefined;

/** The meta-schema's validator, compiled once: every error at once, each with the schema that raised it. */
function metaValidator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, verbose: true });
  ajv.addVocabulary(['x-hint', 'x-fields']);
  compiled = ajv.compile(CONTRACT_META_SCHEMA);
  return compiled;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One ajv error as an issue: the path of the field itself, and what to write from the schema's annotations. */
function issueOf(error: ErrorObject): ContractIssue | undefined {
  const parent = (error.parentSchema ?? {}) as Schema;
  const hint = typeof parent['x-hint'] === 'string' ? parent['x-hint'] : undefined;
  const at = (key: string) => `${error.instancePath}${jsonPointer([key])}`;
  const withHint = (issue: { path: string; message: string }, h = hint): ContractIssue =>
    h === undefined ? issue : { ...issue, hint: h };
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // a summary of the errors reported beside it
    case 'required': {
      const field = error.params.missingProperty as string;
      const own = (parent.properties as Record<string, Schema> | undefined)?.[field]?.['x-hint'];
      return withHint({ path: at(field), message: 'is required' }, typeof own === 'string' ? own : hint);
    }
    case 'additionalProperties': {
      const field = error.params.additionalProperty as string;
      const misplaced = (parent['x-fields'] as Record<string, string> | undefined)?.[field];
      const of = typeof parent.title === 'string' ? parent.title : 'this object';
      return withHint({ path: at(field), message: `is not a field of ${of}` }, misplaced ?? hint);
    }
    case 'enum':
      return withHint({
        path: error.instancePath,
        message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      });
    default: {
      const name = error.propertyName === undefined ? '' : `${jsonPointer([error.propertyName])}`;
      const message = `${name === '' ? '' : 'name '}${error.message ?? `fails ${error.keyword}`}`;
      return withHint({ path: `${error.instancePath}${name}`, message });
    }
  }
}

function rangeIssues(spec: Record<string, unknown>, at: (key: string) => string, out: ContractIssue[]): void {
  const range = spec.range;
  if (!isRecord(range) || typeof range.min !== 'number' || typeof range.max !== 'number') return;
  if (range.min > range.max)
    out.push({ path: at('range'), message: `has min ${range.min} > max ${range.max}`, hint: 'swap them' });
}

/** What the meta-schema cannot say: fields that name input fields, and fields that must agree with each other. */
function crossIssues(doc: Record<string, unknown>, out: ContractIssue[]): void {
  const input = isRecord(doc.input) ? doc.input : undefined;
  const fields = input !== undefined && isRecord(input.properties) ? input.properties : undefined;
  for (const key of ['entity', 'timestamp'] as const) {
    const field = doc[key];
    if (fields === undefined || typeof field !== 'string' || field === '' || Object.hasOwn(fields, field)) continue;
    const names = Object.keys(fields).join(', ');
    out.push({
      path: `/${key}`,
      message: `${JSON.stringify(field)} is not a field of the input`,
      hint: `write one of the fields of input.properties (${names || 'none declared'})`,
    });
  }
  const closed = input?.additionalProperties === false;
  const redactProblem =
    fields === undefined || !Array.isArray(doc.redact)
      ? undefined
      : redactFieldsProblem(doc.redact, Object.keys(fields), doc.extraFields === 'keep');
  if (redactProblem !== undefined) {
    out.push({
      path: '/redact',
      message: redactProblem,
      hint: `write paths that start at a field of input.properties (${Object.keys(fields ?? {}).join(', ')})`,
    });
  }
  if (closed && (doc.extraFields === 'keep' || doc.extraFields === 'strip')) {
    out.push({
      path: '/extraFields',
      message: `is "${doc.extraFields}" but input says "additionalProperties": false, which rejects extra fields`,
      hint: 'write "extraFields": "reject", or remove "additionalProperties": false from the input',
    });
  }
  if (!isRecord(doc.features)) return;
  for (const [name, spec] of Object.entries(doc.features)) {
    if (!isRecord(spec)) continue;
    const at = (key: string) => jsonPointer(['features', name, key]);
    rangeIssues(spec, at, out);
    const knownKind = spec.kind === undefined || spec.kind === 'label' || spec.kind === 'index';
    if (
      spec.type === 'category' &&
      knownKind &&
      !categoryKindAgrees(spec as Parameters<typeof categoryKindAgrees>[0])
    ) {
      out.push({
        path: at('values'),
        message: `values and oov do not fit ${spec.kind === 'index' ? '"kind": "index" (integers)' : 'a label category (strings)'}`,
        hint: 'write strings for a label category, or integers with "kind": "index" for category indices',
      });
    }
    if (spec.type === 'category' && Array.isArray(spec.values) && spec.values.includes(spec.oov)) {
      out.push({
        path: at('oov'),
        message: `${JSON.stringify(spec.oov)} is also one of the values`,
        hint: 'write an out-of-vocabulary value that is not in "values", or remove it from "values"',
      });
    }
  }
}

/**
 * Everything wrong with a contract document, all at once: what the meta-schema (`schemas/contract.schema.json`)
 * refuses, fields that must name input fields or agree with each other, and input schema constructs Lockstep cannot
 * check. Each issue has its JSON path and what to write instead; none means the document loads.
 * @param doc - a parsed contract document (JSON or YAML)
 * @remarks Since 0.1
 * @public
 */
export function contractDocumentIssues(doc: unknown): ContractIssue[] {
  const validate = metaValidator();
  const out: ContractIssue[] = [];
  if (!validate(doc)) {
    for (const error of validate.errors ?? []) {
      const issue = issueOf(error);
      if (issue !== undefined) out.push(issue);
    }
  }
  if (isRecord(doc)) {
    crossIssues(doc, out);
    if (isRecord(doc.input)) out.push(...unsupportedInputConstructs(doc.input, ['input']));
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.path}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
