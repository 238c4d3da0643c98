import { z } from 'zod';
import { SkewError } from '../errors.ts';
import type { Contract, ExtraFields } from './contract.ts';
import { contractDocumentIssues } from './contract-document-issues.ts';
import { type ContractIssue, formatContractIssues } from './contract-issue.ts';
import { defineContract } from './define-contract.ts';
import type { FeatureSpec, NanPolicy } from './feature-spec.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The format of 0.1 previews (a JSON Schema whose `x-lockstep` keyword held the metadata) as a contract document. */
function fromLegacy(doc: Record<string, unknown>, fail: (issue: ContractIssue) => never): Record<string, unknown> {
  const { features: list, ...meta } = doc['x-lockstep'] as Record<string, unknown>;
  if (!Array.isArray(list)) fail({ path: '/x-lockstep/features', message: 'must be an array of { name, type, ... }' });
  const features: Record<string, unknown> = {};
  for (const [i, entry] of (list as unknown[]).entries()) {
    const { name, ...spec } = (entry ?? {}) as { name?: unknown };
    if (typeof name !== 'string') fail({ path: `/x-lockstep/features/${i}/name`, message: 'is required' });
    if (Object.hasOwn(features, name as string))
      fail({ path: `/x-lockstep/features/${i}/name`, message: `feature "${name}" is declared twice` });
    features[name as string] = spec;
  }
  return { ...meta, input: (doc.properties as { input?: unknown } | undefined)?.input, features };
}

const NOT_A_CONTRACT: ContractIssue = {
  path: '/',
  message: 'is not a Lockstep contract { name, version, entity?, input, features }',
  hint: 'see docs/contracts.md; lockstep schema writes one from a TypeScript contract as <name>.contract.json',
};
const PLAIN_SCHEMA: ContractIssue = {
  path: '/',
  message: 'is the plain JSON Schema (<name>.schema.json), which holds no tolerances',
  hint: 'load <name>.contract.json, which lockstep schema writes beside it',
};

/**
 * Loads a contract from a contract document (docs/contracts.md): `{ name, version, entity?, timestamp?, extraFields?, nan?,
 * redact?, input: <JSON Schema 2020-12>, features: { <name>: { type, ... } } }`, as written by hand in JSON or YAML or by
 * `lockstep schema` as `<name>.contract.json`. The document is checked against the meta-schema
 * (`schemas/contract.schema.json`) and for input constructs Lockstep cannot check, with every problem reported at
 * once; the input schema becomes the zod schema the engine validates with (via zod's `fromJSONSchema`), accepting and
 * rejecting the same records. `extraFields` defaults to `reject` when the input says `additionalProperties: false`,
 * otherwise `strip`. A schema of the 0.1 previews (metadata under `x-lockstep`) still loads.
 * @param doc - the parsed document
 * @param source - where it came from, for messages (a file name)
 * @throws SkewError `SKEW_CONTRACT_INVALID` listing each problem as `<source>: <JSON path>: <what>; <what to write>`
 * @remarks Since 0.1
 * @public
 */
export function contractFromJsonSchema(doc: unknown, source = 'JSON Schema'): Contract {
  const root = isRecord(doc) ? doc : {};
  const legacy = isRecord(root['x-lockstep']);
  const named = legacy ? (root['x-lockstep'] as Record<string, unknown>).name : root.name;
  const name = typeof named === 'string' && named !== '' ? named : '(unnamed)';
  const fail = (...issues: ContractIssue[]): never => {
    const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
    throw new SkewError(
      'SKEW_CONTRACT_INVALID',
      `contractFromJsonSchema: contract "${name}" has ${count}:\n${formatContractIssues(source, issues)}`,
    );
  };
  if (!legacy && !('features' in root)) {
    fail(isRecord(root.properties) && 'input' in root.properties ? PLAIN_SCHEMA : NOT_A_CONTRACT);
  }
  const parts = legacy ? fromLegacy(root, fail) : root;
  const issues = contractDocumentIssues(parts);
  if (issues.length > 0) fail(...issues);
  let input: z.ZodType;
  try {
    input = z.fromJSONSchema(parts.input as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    return fail({
      path: '/input',
      message: error instanceof Error ? error.message : String(error),
      hint: 'simplify the input schema to the keywords docs/contracts.md lists',
    });
  }
  const closed = (parts.input as { additionalProperties?: unknown }).additionalProperties === false;
  try {
    return defineContract({
      name,
      version: parts.version as string,
      ...(typeof parts.entity === 'string' ? { entity: parts.entity } : {}),
      ...(typeof parts.timestamp === 'string' ? { timestamp: parts.timestamp } : {}),
      ...(typeof parts.description === 'string' ? { description: parts.description } : {}),
      extraFields: (parts.extraFields as ExtraFields | undefined) ?? (closed ? 'reject' : 'strip'),
      ...(typeof parts.nan === 'string' ? { nan: parts.nan as NanPolicy } : {}),
      ...(Array.isArray(parts.redact) ? { redact: parts.redact as string[] } : {}),
      input: input as z.ZodObject,
      features: parts.features as Record<string, FeatureSpec>,
    });
  } catch (error) {
    // The meta-schema covers what defineContract checks; should they ever disagree, say where the contract came from.
    if (error instanceof SkewError) throw new SkewError(error.code, `${error.message} (${source})`, { cause: error });
    throw error;
  }
}
