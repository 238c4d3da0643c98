import { cardFraud } from '../../contracts/card-fraud.ts';
import { defineConfig } from '../../src/config/define-config.ts';
import { entitySide, recordSide } from '../../src/implementations/in-process.ts';
import { cardFraudFuzz } from './fuzz-settings.ts';
import { createServingFeatures } from './serving.ts';
import { trainingFeatures } from './training.ts';

/** The card-fraud example with both sides in-process (TypeScript training reference); used by the benchmark. */
export default defineConfig({
  contracts: [
    {
      contract: cardFraud,
      training: entitySide(cardFraud, trainingFeatures, { description: 'training.ts (TypeScript, entity-wise)' }),
      serving: recordSide(cardFraud, createServingFeatures(), {
        description: 'serving.ts (TypeScript request path + online store)',
      }),
      logs: ['logs/sample.jsonl'],
      fuzz: cardFraudFuzz,
    },
  ],
});
