import { cardFraud } from '../../contracts/card-fraud.ts';
import { defineConfig } from '../../src/config/define-config.ts';
import { recordSide } from '../../src/implementations/in-process.ts';
import { cardFraudFuzz } from './fuzz-settings.ts';
import { cardFraudGolden } from './golden-cases.ts';
import { createServingFeatures } from './serving.ts';

/**
 * The card-fraud example: the pandas training pipeline (a Python child process speaking the line protocol)
 * against the TypeScript serving path, over a sampled production log, with hand-written golden cases
 * (snapshots/card_fraud/golden.jsonl, recorded from both sides).
 */
export default defineConfig({
  contracts: [
    {
      contract: cardFraud,
      training: {
        command: ['../../.venv/bin/python', 'training.py'],
        shape: 'entity',
        description: 'training.py (pandas, entity-wise)',
      },
      serving: recordSide(cardFraud, createServingFeatures(), {
        description: 'serving.ts (TypeScript request path + online store)',
      }),
      logs: ['logs/sample.jsonl'],
      fuzz: cardFraudFuzz,
      golden: cardFraudGolden,
    },
  ],
});
