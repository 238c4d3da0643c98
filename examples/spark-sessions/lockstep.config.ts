import { defineConfig } from '../../src/config/define-config.ts';
import { sessionSpend } from './contract.ts';

/**
 * The Spark example: the training features a PySpark job wrote to Parquet (run training_job.py first), joined to the
 * production log by record id, against the features the online store served (logged with each request).
 */
export default defineConfig({
  contracts: [
    {
      contract: sessionSpend,
      training: { features: 'features.parquet', description: 'training_job.py (PySpark, window functions) → Parquet' },
      serving: 'logged',
      logs: ['logs/sessions.jsonl'],
    },
  ],
});
