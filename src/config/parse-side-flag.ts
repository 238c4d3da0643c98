import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkewError } from '../errors.ts';
import { featureFileFormat } from '../io/feature-table.ts';
import type { SideSpec } from './define-config.ts';

/** What a side flag is read against. @public */
export interface SideFlagOptions {
  /** Where a features file named by the flag is looked for (default: the working directory). */
  readonly cwd?: string;
  /** The id column of a features file named by the flag (`--features-id-field`; default `id`). */
  readonly featuresIdField?: string;
}

/** A features file named by a flag: `features:<path>`, or an existing `.parquet` / `.jsonl(.gz)` path. */
function featuresFlag(flag: string, text: string, options: SideFlagOptions): SideSpec | undefined {
  const explicit = text.startsWith('features:');
  const path = explicit ? text.slice('features:'.length).trim() : text;
  const absolute = resolve(options.cwd ?? process.cwd(), path);
  if (!explicit && featureFileFormat(path) === undefined) return undefined;
  if (!explicit && !existsSync(absolute)) {
    // One word ending like a features file, that is not there: a mistyped path, not a command of that name.
    if (/\s/.test(path)) return undefined;
    throw new SkewError(
      'SKEW_USAGE',
      `--${flag}: features file ${absolute} does not exist (to run a command of that name, give it as a JSON array: ${JSON.stringify([path])})`,
    );
  }
  if (explicit && featureFileFormat(path) === undefined) {
    throw new SkewError(
      'SKEW_USAGE',
      `--${flag}: features:${path}: a features file is .parquet (a file or Spark's folder), .jsonl or .jsonl.gz`,
    );
  }
  return {
    features: absolute,
    ...(options.featuresIdField === undefined ? {} : { idField: options.featuresIdField }),
  };
}

/**
 * Turns a `--training`/`--serving` flag into a side spec: `logged`, an `http(s)://` URL, a features file a batch job
 * wrote (`features:<path>`, or any existing path ending in `.parquet`, `.jsonl` or `.jsonl.gz`; relative to
 * `options.cwd`), a JSON array of arguments, or a command line split on whitespace (no shell: quotes are not
 * interpreted; use a JSON array).
 * @public
 */
export function parseSideFlag(flag: string, value: string, options: SideFlagOptions = {}): SideSpec {
  const text = value.trim();
  if (text === '') throw new SkewError('SKEW_USAGE', `--${flag}: empty side; give logged, a URL or a command`);
  if (text === 'logged') return 'logged';
  const features = featuresFlag(flag, text, options);
  if (features !== undefined) return features;
  if (/^https?:\/\//.test(text)) return { http: text };
  if (text.startsWith('[')) {
    let args: unknown;
    try {
      args = JSON.parse(text);
    } catch {
      throw new SkewError('SKEW_USAGE', `--${flag}: ${text} is not a JSON array of strings`);
    }
    if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) {
      throw new SkewError(
        'SKEW_USAGE',
        `--${flag}: expected a non-empty JSON array of strings, e.g. ["python3","train.py"]`,
      );
    }
    return { command: args };
  }
  const frames = /^(entity-)?frames:/.exec(text);
  if (frames !== null) return framesFlag(flag, text.slice(frames[0].length), frames[1] !== undefined);
  const entity = text.startsWith('entity:');
  const command = (entity ? text.slice('entity:'.length) : text).trim().split(/\s+/);
  return entity ? { command, shape: 'entity' } : { command };
}

/** `frames:<command>` / `entity-frames:<command>`: a frame side (Arrow batches) running the command. */
function framesFlag(flag: string, rest: string, entity: boolean): SideSpec {
  const inner = parseSideFlag(flag, rest);
  if (typeof inner !== 'object' || !('command' in inner) || 'protocol' in inner || inner.shape === 'entity') {
    throw new SkewError(
      'SKEW_USAGE',
      `--${flag}: frames: takes a command, e.g. frames:python3 training.py or frames:["python3","training.py"]`,
    );
  }
  return { ...inner, protocol: 'arrow', ...(entity ? { shape: 'entity' as const } : {}) };
}
