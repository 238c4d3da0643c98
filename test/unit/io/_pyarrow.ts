import { execFileSync } from 'node:child_process';

/** The project venv's python (pyarrow, pandas). */
export const PYTHON = new URL('../../../.venv/bin/python', import.meta.url).pathname;

/** Runs a python snippet in the project venv with `pa`, `pq` and `out` (the path argument) defined. */
export function writeWithPyarrow(out: string, body: string): void {
  const script = `import sys, math, datetime\nimport pyarrow as pa\nimport pyarrow.parquet as pq\nout = sys.argv[1]\n${body}\n`;
  execFileSync(PYTHON, ['-c', script, out], { stdio: ['ignore', 'ignore', 'inherit'] });
}
