import { defineConfig } from '../../src/config/define-config.ts';
import { ecommerce } from './contract.ts';

// The project's Python (pandas, pyarrow, lockstep_side), relative to this folder.
const PYTHON = process.env.LOCKSTEP_BENCH_PYTHON ?? '../../.venv/bin/python';

/**
 * Lockstep on the pandas benchmark: both sides are pandas frame sides (Arrow batches of whole user histories) running
 * the functions SkewSentry and the floor script run; the log is the Parquet table itself (flat layout: the columns
 * named like input fields are the input, `transaction_id` names each record).
 */
export default defineConfig({
  contracts: [
    {
      contract: ecommerce,
      // Large batches: per-batch pandas work (groupby, rolling windows, frame building) is a large share of small ones.
      // The serving function is some 20 times cheaper than the training one: one child is enough for it.
      training: {
        command: [PYTHON, 'frame_sides.py', 'training'],
        protocol: 'arrow',
        shape: 'entity',
        batchSize: 131_072,
        // Its two children are forked from one process after the imports of pandas and pyarrow.
        fork: true,
      },
      serving: {
        command: [PYTHON, 'frame_sides.py', 'serving'],
        protocol: 'arrow',
        shape: 'entity',
        batchSize: 131_072,
        concurrency: 1,
      },
      format: { idField: 'transaction_id' },
    },
  ],
});
