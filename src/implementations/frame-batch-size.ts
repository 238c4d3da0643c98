import type { Side } from './side.ts';

/**
 * The batch size a run uses when none is configured: the largest any of its sides asks for (frame sides ask for
 * large batches; a side that asks nothing leaves the engine's default).
 * @param sides - the run's sides
 * @remarks Since 0.1
 * @internal
 */
export function preferredBatchSize(sides: Readonly<Record<string, Side>>): number | undefined {
  let best: number | undefined;
  for (const side of Object.values(sides)) {
    const wanted = (side as { readonly preferredBatchSize?: unknown }).preferredBatchSize;
    if (typeof wanted === 'number' && (best === undefined || wanted > best)) best = wanted;
  }
  return best;
}
