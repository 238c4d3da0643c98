import { defineConfig } from '../../src/config/define-config.ts';

/**
 * The card-fraud example with its contract as a JSON file (contracts/card_fraud.contract.json, which
 * `lockstep schema` wrote from contracts/card-fraud.ts): the pandas training pipeline against the features serving
 * logged in production. `types` is the TypeScript a serving side written against the JSON contract imports;
 * `lockstep check` fails when it is stale.
 */
export default defineConfig({
  contracts: [
    {
      contract: 'contracts/card_fraud.contract.json',
      training: {
        command: ['../../.venv/bin/python', 'training.py'],
        shape: 'entity',
        description: 'training.py (pandas, entity-wise)',
      },
      serving: 'logged',
      logs: ['logs/sample.jsonl'],
      types: 'contracts/card-fraud.types.ts',
    },
  ],
});
