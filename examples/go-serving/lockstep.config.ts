import { cardFraud } from '../../contracts/card-fraud.ts';
import { defineConfig } from '../../src/config/define-config.ts';

/**
 * The card-fraud contract with a serving side in Go: the pandas training pipeline of examples/card-fraud against
 * this directory's Go program (built with `go build -o go-serving .`, or named by GO_SERVING_BIN), both speaking the
 * line protocol as entity-wise command sides.
 */
export default defineConfig({
  contracts: [
    {
      contract: cardFraud,
      training: {
        command: ['../../.venv/bin/python', '../card-fraud/training.py'],
        shape: 'entity',
        description: 'training.py (pandas, entity-wise)',
      },
      serving: {
        command: [process.env.GO_SERVING_BIN ?? './go-serving'],
        shape: 'entity',
        description: 'go-serving (Go, online store)',
      },
    },
  ],
});
