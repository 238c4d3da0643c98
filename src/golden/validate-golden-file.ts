import type { ErrorObject, ValidateFunction } from 'ajv';
import { contractViolation } from '../compare/contract-check.ts';
import type { SideName } from '../compare/divergence.ts';
import { normalizeValue } from '../compare/normalize.ts';
import type { Contract } from '../contract/contract.ts';
import { extraFieldsOf } from '../contract/extra-fields.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';
import { contractToJsonSchema, type JsonSchema } from '../contract/to-json-schema.ts';
import { validateInput } from '../contract/validate-input.ts';
import { SkewError } from '../errors.ts';
import { isAtOrUnder, jsonSafe, pointerOf, readablePath } from './_json-safe.ts';
import type { GoldenCase, GoldenFile } from './golden-file.ts';

/** Something in a golden file that does not fit its contract's JSON Schema: where (line, path) and what. @public */
export interface GoldenFileProblem {
  /** The case's line in the file (the header is line 1); unset for a case that was not read from a file. */
  readonly line?: number;
  readonly case: string;
  /** Where in the case, e.g. `serving.amount_log`, `input[2].amount`. */
  readonly path: string;
  readonly message: string;
}

interface Validators {
  readonly input: ValidateFunction;
  readonly features: ReadonlyMap<string, ValidateFunction>;
}

type Ajv2020Class = typeof import('ajv/dist/2020.js').Ajv2020;

const SIDES: readonly SideName[] = ['training', 'serving'];
const compiled = new WeakMap<Contract, Validators>();
// Loaded on first use: ajv costs nothing to a program that never checks a golden file.
let ajvClass: Promise<Ajv2020Class> | undefined;

/** The contract's exported schema compiled once (ajv strict mode, every error): the input, and each feature alone. */
async function validatorsOf(contract: Contract): Promise<Validators> {
  const cached = compiled.get(contract);
  if (cached !== undefined) return cached;
  ajvClass ??= import('ajv/dist/2020.js').then((m) => m.Ajv2020);
  const ajv = new (await ajvClass)({ strict: true, allErrors: true });
  const schema = contractToJsonSchema(contract);
  const parts = schema.properties as { input: JsonSchema; features: { properties: Record<string, JsonSchema> } };
  let validators: Validators;
  try {
    validators = {
      input: ajv.compile(schema.$defs === undefined ? parts.input : { ...parts.input, $defs: schema.$defs }),
      features: new Map(contract.featureNames.map((n) => [n, ajv.compile(parts.features.properties[n] as object)])),
    };
  } catch (error) {
    throw new SkewError(
      'SKEW_INTERNAL',
      `validateGoldenFile: the JSON Schema of contract "${contract.name}" does not compile in ajv's strict mode (${error instanceof Error ? error.message : String(error)}); please report it with the contract's input schema`,
    );
  }
  compiled.set(contract, validators);
  return validators;
}

/** One ajv error as a (JSON Pointer, message) pair, the pointer naming the missing or extra field itself. */
function plainMessage(e: ErrorObject, topLevelPolicy: string | undefined): [string, string] {
  if (e.keyword === 'required') {
    return [`${e.instancePath}${pointerOf([(e.params as { missingProperty: string }).missingProperty])}`, 'is missing'];
  }
  if (e.keyword === 'additionalProperties') {
    const extra = pointerOf([(e.params as { additionalProperty: string }).additionalProperty]);
    const why =
      e.instancePath === '' && topLevelPolicy ? topLevelPolicy : 'the schema says additionalProperties: false';
    return [`${e.instancePath}${extra}`, `is not a field of the contract (${why})`];
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v));
    return [e.instancePath, `must be one of ${allowed.join(', ')}`];
  }
  return [e.instancePath, e.message ?? `fails ${e.keyword}`];
}

/**
 * One message per failing place. An `anyOf` (a nullable feature, a timestamp) whose every branch failed on the type
 * reads `must be number or null`; one whose branch of the right type failed on something else reports that.
 */
function messagesOf(errors: readonly ErrorObject[], topLevelPolicy: string | undefined): [string, string][] {
  const prefixes = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, ''));
  const outer = prefixes.filter((p) => !prefixes.some((q) => q !== p && p.startsWith(`${q}/anyOf/`)));
  const inside = (e: ErrorObject, prefix: string) =>
    e.schemaPath === `${prefix}/anyOf` || e.schemaPath.startsWith(`${prefix}/anyOf/`);
  const out = errors.filter((e) => !outer.some((p) => inside(e, p))).map((e) => plainMessage(e, topLevelPolicy));
  for (const prefix of outer) {
    const group = errors.filter((e) => inside(e, prefix));
    const at = group.find((e) => e.keyword === 'anyOf')?.instancePath ?? '';
    const others = group.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.instancePath === at));
    if (others.length > 0) out.push(...others.map((e) => plainMessage(e, topLevelPolicy)));
    else {
      const types = group.filter((e) => e.keyword === 'type').map((e) => (e.params as { type: string }).type);
      out.push([at, `must be ${[...new Set(types)].join(' or ')}`]);
    }
  }
  return out;
}

/** Checks a value JSON cannot hold (64-bit integer, NaN, ±Infinity) against the feature's own spec. */
function specProblem(spec: FeatureSpec, value: unknown, nan: Contract['nan']): string | undefined {
  const normalized = normalizeValue(spec, value);
  return normalized.ok ? contractViolation(spec, normalized.value, nan) : normalized.reason;
}

/** The feature records of one side of a case: one, or one per event of a history. */
function recordsOf(value: unknown, side: string): [string, unknown][] {
  return Array.isArray(value) ? value.map((r, i) => [`${side}[${i}]`, r]) : [[side, value]];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Features that some case records on a side: a case without one of them lost it (a feature no case has is new). */
function recordedFeatures(file: GoldenFile, side: SideName): Set<string> {
  const out = new Set<string>();
  for (const c of file.cases) {
    for (const [, r] of recordsOf(c[side], side)) if (isRecord(r)) for (const k of Object.keys(r)) out.add(k);
  }
  return out;
}

interface CaseContext {
  readonly contract: Contract;
  readonly validators: Validators;
  readonly recorded: Readonly<Record<SideName, Set<string>>>;
  readonly report: (path: string, message: string) => void;
}

function checkInput(ctx: CaseContext, prefix: string, input: unknown): void {
  const safe = jsonSafe(input);
  const policy = `its extraFields policy is '${extraFieldsOf(ctx.contract)}'`;
  if (!ctx.validators.input(safe.value)) {
    for (const [at, message] of messagesOf(ctx.validators.input.errors ?? [], policy)) {
      if (!safe.replaced.some((p) => isAtOrUnder(at, p))) ctx.report(readablePath(prefix, at, safe.value), message);
    }
  }
  if (safe.replaced.length === 0) return;
  const parsed = validateInput(ctx.contract.input, input);
  for (const issue of parsed.success ? [] : parsed.issues) {
    const at = pointerOf(issue.path);
    if (safe.replaced.some((p) => isAtOrUnder(at, p))) ctx.report(readablePath(prefix, at, safe.value), issue.message);
  }
}

function checkFeatures(ctx: CaseContext, side: SideName, prefix: string, record: unknown): void {
  if (!isRecord(record)) {
    ctx.report(prefix, 'must be an object of features');
    return;
  }
  const safeRecord = jsonSafe(record).value;
  for (const feature of ctx.contract.featureNames) {
    const at = pointerOf([feature]);
    if (!Object.hasOwn(record, feature)) {
      if (ctx.recorded[side].has(feature)) {
        ctx.report(readablePath(prefix, at, safeRecord), `is missing (other cases record it on the ${side} side)`);
      }
      continue;
    }
    const safe = jsonSafe(record[feature]);
    const validate = ctx.validators.features.get(feature) as ValidateFunction;
    if (!validate(safe.value)) {
      for (const [inner, message] of messagesOf(validate.errors ?? [], undefined)) {
        if (!safe.replaced.some((p) => isAtOrUnder(inner, p))) {
          ctx.report(readablePath(prefix, `${at}${inner}`, safeRecord), message);
        }
      }
    }
    const problem =
      safe.replaced.length === 0
        ? undefined
        : specProblem(ctx.contract.features[feature] as FeatureSpec, record[feature], ctx.contract.nan);
    if (problem !== undefined) ctx.report(readablePath(prefix, at, safeRecord), problem);
  }
}

function checkCase(ctx: CaseContext, c: GoldenCase): void {
  for (const [prefix, input] of recordsOf(c.input, 'input')) checkInput(ctx, prefix, input);
  for (const side of SIDES) for (const [prefix, r] of recordsOf(c[side], side)) checkFeatures(ctx, side, prefix, r);
}

/**
 * Validates a parsed golden file (its corpus tags decoded) against its contract's exported JSON Schema, compiled once
 * per contract with ajv in strict mode: each case's input (or each input of a history) and each side's feature
 * records (or one per event). Values JSON cannot hold (64-bit integers, NaN, ±Infinity) are checked against the
 * contract itself (its zod input, its feature specs). A feature some case records and another lacks is missing; a
 * feature no case records yet is new (the check fills it); a key not in the contract is obsolete, not an error here.
 * A file recorded under another contract version is not validated: a new version may change what fits, and its
 * cases are then reported as changed or obsolete.
 * @param contract - the contract the file is checked against
 * @param file - the parsed golden file
 * @returns every problem, in file order (empty when the file fits)
 * @remarks Since 0.1
 * @public
 */
export async function validateGoldenFile(contract: Contract, file: GoldenFile): Promise<GoldenFileProblem[]> {
  if (file.version !== contract.version || file.contract !== contract.name) return [];
  const problems: GoldenFileProblem[] = [];
  const validators = await validatorsOf(contract);
  const recorded = { training: recordedFeatures(file, 'training'), serving: recordedFeatures(file, 'serving') };
  for (const c of file.cases) {
    const report = (path: string, message: string) =>
      problems.push({ ...(c.line === undefined ? {} : { line: c.line }), case: c.name, path, message });
    checkCase({ contract, validators, recorded, report }, c);
  }
  return problems;
}

/**
 * Throws when a golden file does not fit its contract's JSON Schema (see {@link validateGoldenFile}), listing every
 * problem on a line of its own as `<file>:<line>: <path>: <message>`.
 * @param where - the file's path, for the message
 * @throws SkewError `SKEW_CONFIG_INVALID` (exit 2)
 * @remarks Since 0.1
 * @public
 */
export async function assertGoldenFile(contract: Contract, file: GoldenFile, where: string): Promise<void> {
  const problems = await validateGoldenFile(contract, file);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  ${where}${p.line === undefined ? '' : `:${p.line}`}: ${p.path}: ${p.message}`);
  throw new SkewError(
    'SKEW_CONFIG_INVALID',
    [
      `checkGolden: ${where} does not fit the JSON Schema of contract "${contract.name}"@${contract.version} (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`,
      ...lines,
      'Fix those lines, or delete the file and run lockstep golden to record it again; if the contract changed on purpose, bump its version (cases that no longer fit are then reported obsolete).',
    ].join('\n'),
  );
}
