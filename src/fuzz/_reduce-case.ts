import type { z } from 'zod';
import { validateInput } from '../contract/validate-input.ts';
import { getAt, nodePaths, setAt } from '../shrink/_paths.ts';
import { alternatives, simpler } from '../shrink/_simplify.ts';
import { type CaseRunner, type Observation, runCase } from './run-case.ts';

/** A reduced case: fewer events and simpler fields, still showing the target class. */
export interface ReducedCase {
  readonly inputs: unknown[];
  readonly hit: Observation;
  readonly steps: number;
}

/**
 * Reduces fast-check's minimal case further, greedily, while it still shows the target class: first drops whole
 * events of a history (fast-check keeps every window-boundary event a history was generated with), then simplifies
 * the fields of what is left (drop optional keys, null, shorter strings, simpler numbers), within `maxSteps` runs.
 * The entity and time fields are left alone so the history keeps its shape. Fields only move to strictly simpler
 * values that the input schema accepts, so it always ends.
 * @internal
 */
export async function reduceCase(
  runner: CaseRunner,
  inputs: readonly unknown[],
  target: string,
  hit: Observation,
  maxSteps: number,
): Promise<ReducedCase> {
  const schema = runner.contract.input as z.ZodType;
  const pinned = new Set<string>([
    ...(runner.contract.entity ? [runner.contract.entity] : []),
    ...(runner.contract.timestamp ? [runner.contract.timestamp] : []),
  ]);
  let current = [...inputs];
  let best = hit;
  let steps = 0;
  const keeps = async (candidate: unknown[]): Promise<boolean> => {
    steps++;
    const found = (await runCase(runner, candidate)).find((o) => o.key === target);
    if (found !== undefined) best = found;
    return found !== undefined;
  };
  for (let i = current.length - 1; i >= 0 && current.length > 1 && steps < maxSteps; i--) {
    const candidate = current.filter((_, j) => j !== i);
    if (await keeps(candidate)) current = candidate;
  }
  for (let e = 0; e < current.length; e++) {
    for (const path of nodePaths(current[e])) {
      if (pinned.has(String(path[0]))) continue;
      // Keep simplifying this field while some simpler value still shows the class.
      for (let accepted = true; accepted; ) {
        accepted = false;
        const node = getAt(current[e], path);
        for (const alternative of alternatives(node)) {
          if (steps >= maxSteps) return { inputs: current, hit: best, steps };
          if (!simpler(alternative, node)) continue;
          const event = setAt(current[e], path, alternative);
          if (!validateInput(schema, event).success) continue;
          const candidate = current.map((x, j) => (j === e ? event : x));
          if (await keeps(candidate)) {
            current = candidate;
            accepted = true;
            break;
          }
        }
      }
    }
  }
  return { inputs: current, hit: best, steps };
}
