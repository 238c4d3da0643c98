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
      training: { command: [PYTHON, 'frame_sides.py', 'training'], protocol: 'arrow', shape: 'entity' },
      serving: { command: [PYTHON, 'frame_sides.py', 'serving'], protocol: 'arrow', shape: 'entity' },
      format: { idField: 'transaction_id' },
    },
  ],
});
