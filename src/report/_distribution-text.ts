import type { DistanceBreach, FeatureDistribution } from '../distribution/feature-distribution.ts';
import type { FeatureReport } from '../replay/replay-report.ts';
import type { FeatureView } from './gate-view-types.ts';

/** Short names of the distances, as report columns. */
export const DISTANCE_LABELS: Readonly<Record<DistanceBreach['metric'], string>> = {
  psi: 'PSI',
  jsDistance: 'JS',
  lInf: 'L∞',
  ks: 'KS',
};

/** A distance with 4 decimals (they are shares and small indices: fixed width reads best in a column). */
export function distanceNumber(x: number | undefined): string {
  return x === undefined ? '—' : x.toFixed(4);
}

/** `PSI 0.0123 · JS 0.0456 · L∞ 0.0300 · KS 0.0210` (no KS for a categorical feature). */
export function distancesText(d: Pick<FeatureDistribution, 'psi' | 'jsDistance' | 'lInf' | 'ks'>): string {
  const parts = [`PSI ${distanceNumber(d.psi)}`, `JS ${distanceNumber(d.jsDistance)}`, `L∞ ${distanceNumber(d.lInf)}`];
  if (d.ks !== undefined) parts.push(`KS ${distanceNumber(d.ks)}`);
  return parts.join(' · ');
}

/** `PSI 1.2345 > 0.2`, one per breach, joined. */
export function breachesText(breaches: readonly DistanceBreach[]): string {
  return breaches.map((b) => `${DISTANCE_LABELS[b.metric]} ${distanceNumber(b.value)} > ${b.threshold}`).join(', ');
}

/** A feature report's distances as its CI view carries them (nothing for a feature without a distribution). */
export function distributionView(f: FeatureReport): Pick<FeatureView, 'distribution'> {
  const d = f.distribution;
  if (d === undefined) return {};
  const { kind, psi, jsDistance, lInf, ks, breaches } = d;
  return {
    distribution: {
      kind,
      psi,
      jsDistance,
      lInf,
      ...(ks === undefined ? {} : { ks }),
      ...(breaches === undefined ? {} : { breaches }),
    },
  };
}
