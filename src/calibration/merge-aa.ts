import type { SideName } from '../compare/divergence.ts';
import type { AaCalibration, AaSideRun, NondeterministicFeature } from './aa-result.ts';
import { firstAaLines } from './calibrate-aa.ts';

/** Records one shard's self-run of a side compared: a feature it does not list agreed with itself on all of them. */
function comparedBy(part: AaCalibration, side: SideName): number {
  return part.sides?.find((s) => s.side === side)?.compared ?? part.compared;
}

function mergeSides(parts: readonly AaCalibration[]): AaSideRun[] | undefined {
  const names = [...new Set(parts.flatMap((p) => (p.sides ?? []).map((s) => s.side)))];
  if (names.length === 0) return undefined;
  return names.map((side) => {
    const mine = parts.flatMap((p) => (p.sides ?? []).filter((s) => s.side === side));
    const skipped = mine.find((s) => s.skipped !== undefined)?.skipped;
    return {
      side,
      compared: mine.reduce((total, s) => total + s.compared, 0),
      ...(skipped === undefined ? {} : { skipped }),
    };
  });
}

/**
 * The A/A calibration of a sharded run from its shards' (each shard calibrates its own records): records compared
 * added, each nondeterministic feature's compared and disagreeing records added over every shard (a shard that does
 * not list it agreed on all it compared), its first lines the first of the union.
 * @param parts - the shards' calibrations; those without one (a shard run without `--aa`) are left out
 * @returns undefined when no shard has one
 * @remarks Since 0.1
 * @public
 */
export function mergeAaCalibrations(parts: readonly (AaCalibration | undefined)[]): AaCalibration | undefined {
  const present = parts.filter((p): p is AaCalibration => p !== undefined);
  if (present.length === 0) return undefined;
  const keys = new Map<string, { feature: string; side: SideName }>();
  for (const f of present.flatMap((p) => p.features)) keys.set(`${f.side}\u0000${f.feature}`, f);
  const features: NondeterministicFeature[] = [...keys.values()].map(({ feature, side }) => {
    let compared = 0;
    let diverged = 0;
    const lines: number[] = [];
    for (const p of present) {
      const f = p.features.find((x) => x.feature === feature && x.side === side);
      compared += f?.compared ?? comparedBy(p, side);
      diverged += f?.diverged ?? 0;
      lines.push(...(f?.lines ?? []));
    }
    return { feature, side, compared, diverged, lines: firstAaLines(lines) };
  });
  const sides = mergeSides(present);
  return {
    compared: present.reduce((total, p) => total + p.compared, 0),
    features,
    ...(sides === undefined ? {} : { sides }),
  };
}
