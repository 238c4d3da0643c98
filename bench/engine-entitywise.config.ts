import { cardFraud } from '../contracts/card-fraud.ts';
import { defineConfig } from '../src/config/define-config.ts';
import { loggedSide } from '../src/implementations/in-process.ts';

/**
 * The engine alone, entity-wise: both sides read the served features from the log (no feature code runs), and the
 * training side declares itself entity-wise, so the replay takes the partitioned path (route every line to its
 * card's partition, then hand each card's history over in timestamp order) that an entity-wise side needs.
 */
export default defineConfig({
  contracts: [
    {
      contract: cardFraud,
      training: { ...loggedSide({ description: 'logged, as an entity-wise side' }), shape: 'entity' },
      serving: 'logged',
    },
  ],
});
