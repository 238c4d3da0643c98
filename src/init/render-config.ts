import type { LogFormat } from '../replay/log-format.ts';
import { camelName, tsKey, tsLiteral, tsString } from './_ts-literal.ts';
import type { ContractDraft } from './draft-contract.ts';

/** What {@link renderConfig} needs besides the draft. @public */
export interface RenderConfigOptions {
  /** The contract file as the config imports or names it, relative to the config (`./orders.contract.json`). */
  readonly contractPath: string;
  /** `json`: the config names the contract file; `ts`: it imports the contract module. */
  readonly contractFormat: 'json' | 'ts';
  /** The log, relative to the config. */
  readonly logPath: string;
}

/**
 * A `lockstep.config.ts` for a drafted contract: the contract, the logged `served` features as the serving side, the
 * log, and a training side to fill in (a TODO command, with what it may be instead).
 * @param draft - the drafted contract
 * @param options - paths relative to the config
 * @returns the config's text (its only import is a type, so it loads wherever `lockstep` runs)
 * @remarks Since 0.1
 * @public
 */
export function renderConfig(draft: ContractDraft, options: RenderConfigOptions): string {
  const format: Partial<LogFormat> = {
    ...draft.format,
    ...(draft.recordId === undefined ? {} : { idField: draft.recordId.field }),
  };
  const contract = options.contractFormat === 'json' ? tsString(options.contractPath) : camelName(draft.name);
  const servedField = draft.format.servedField ?? 'served';
  const formatLines =
    Object.keys(format).length === 0
      ? []
      : [
          ...(draft.recordId === undefined
            ? []
            : [`      // guessed: ${draft.recordId.field} is ${draft.recordId.note}`]),
          `      format: ${tsLiteral(format)},`,
        ];
  const lines = [
    `// Drafted by lockstep init from ${options.logPath}: fill in the training side (TODO below), then run lockstep replay.`,
    "import type { LockstepConfigSpec } from 'lockstep';",
    ...(options.contractFormat === 'ts'
      ? [`import { ${contract} } from ${tsString(options.contractPath.replace(/\.ts$/, '.js'))};`]
      : []),
    '',
    'export default {',
    '  contracts: [',
    '    {',
    `      contract: ${contract},`,
    '      // TODO: your training feature code, run on each logged input. A command speaking the line protocol',
    "      // (docs/protocol.md; Python: the lockstep_side helper), or { http: 'http://…' }, or precomputed",
    "      // features { features: 'features.parquet' }. Until it exists: lockstep replay --training logged",
    "      training: { command: ['python', 'training_features.py'], description: 'TODO: training feature code' },",
    `      // the features production served, as logged in each record's ${tsKey(servedField)}`,
    "      serving: 'logged',",
    `      logs: [${tsString(options.logPath)}],`,
    ...formatLines,
    '    },',
    '  ],',
    '} satisfies LockstepConfigSpec;',
    '',
  ];
  return lines.join('\n');
}
