import { isPrecomputedMissingCause } from '../compare/precomputed-missing.ts';
import { isUnavailableCause } from '../compare/side-unavailable.ts';
import type { ContractBinding } from '../config/define-config.ts';
import { skewHints } from '../explain/skew-hints.ts';
import type { SideFactory } from '../fuzz/fuzz-result.ts';
import type { Side, SidePair } from '../implementations/side.ts';
import { isRefusedEntityCause } from '../replay/entity-wise/entity-limit.ts';
import type { Explanation } from '../replay/tally/report-builder.ts';
import type { ClassState } from '../replay/tally/report-state.ts';
import { minimizeInput } from '../shrink/minimize-input.ts';

/** A side the replay opened, lent to the minimizer without letting it start or close it again. */
function borrowed(side: Side): Side {
  return { shape: side.shape, description: side.description, compute: (batch) => side.compute(batch) };
}

/**
 * Explains one replay divergence class: hints from the shape of its first record, and (with a step budget) that
 * record reduced to a minimal input that still shows the class. Stateful sides should give `fuzz.training` /
 * `fuzz.serving` factories in the config, so that each try starts fresh; otherwise the replay's own sides are used.
 */
export function classExplainer(
  binding: ContractBinding,
  overridden: { training: boolean; serving: boolean },
  maxSteps: number,
  cap: { readonly maxMs?: number; readonly now?: () => number } = {},
): (cls: ClassState, sides: SidePair) => Promise<Explanation> {
  const contract = binding.contract;
  const now = cap.now ?? (() => performance.now());
  // One wall-clock budget for all the classes of a replay, from the first one explained.
  let deadline: number | undefined;
  return async (cls, sides) => {
    const repro = cls.reproduction;
    const example = cls.examples[0];
    if (repro === undefined) return {};
    const hints = skewHints({
      contract,
      feature: cls.feature,
      kind: cls.kind,
      input: repro.record.input,
      timestamp: repro.record.timestamp,
      earlier: repro.history.map((r) => r.timestamp),
      ...(repro.side === undefined ? {} : { side: repro.side }),
      ...(example === undefined ? {} : { training: example.training, serving: example.serving }),
    });
    // A side that could not be reached is not minimized: every try would only fail against it again.
    if (isRefusedEntityCause(cls.cause)) {
      // Neither side saw these records: there is no disagreement to explain, only a limit to raise.
      return {
        hints: ['the entity was not sent to the sides: raise --max-entity-events (maxEntityEvents) to replay it'],
      };
    }
    if (maxSteps <= 0 || isUnavailableCause(cls.cause) || isPrecomputedMissingCause(cls.cause)) return { hints };
    if (sides.training.precomputed === true && sides.serving.precomputed === true) {
      // Features read from the log or a file answer the same whatever the input: there is nothing to reduce.
      const why = 'both sides read features computed earlier (served and logged, or a features file)';
      return { hints: [...hints, `not reduced to a minimal input: ${why}, which do not change with the input`] };
    }
    deadline ??= now() + (cap.maxMs ?? Number.POSITIVE_INFINITY);
    if (now() >= deadline) {
      const seconds = Math.round((cap.maxMs ?? 0) / 1000);
      return {
        hints: [...hints, `not reduced to a minimal input: the minimization time cap (${seconds} s) was spent`],
      };
    }
    const pick = (name: 'training' | 'serving'): Side | SideFactory =>
      (overridden[name] ? undefined : binding.fuzz?.[name]) ?? borrowed(sides[name]);
    let m: Awaited<ReturnType<typeof minimizeInput>>;
    try {
      m = await minimizeInput({
        contract,
        sides: { training: pick('training'), serving: pick('serving') },
        record: repro.record,
        divergence: {
          feature: cls.feature,
          kind: cls.kind,
          cause: cls.cause,
          ...(repro.side === undefined ? {} : { side: repro.side }),
        },
        history: repro.history,
        maxSteps,
        deadline,
        now,
      });
    } catch (error) {
      // Explaining is a bonus: a side that fails while re-running must not cost the report.
      return {
        hints: [...hints, `could not reduce the input: ${error instanceof Error ? error.message : String(error)}`],
      };
    }
    return {
      hints,
      minimal: {
        line: repro.record.line,
        original: m.original,
        minimal: m.minimal,
        fieldsThatMatter: m.fieldsThatMatter,
        changedFields: m.changedFields,
        reproduced: m.reproduced,
        ...(m.cutShort === undefined ? {} : { cutShort: m.cutShort, capSeconds: Math.round((cap.maxMs ?? 0) / 1000) }),
        ...(m.reproduced
          ? {}
          : {
              notReproducedBecause:
                sides.training.shape === 'entity' || sides.serving.shape === 'entity' ? 'history' : 'state',
            }),
      },
    };
  };
}
