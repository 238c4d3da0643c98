import type { DivergenceKind, SideName } from '../compare/divergence.ts';
import { unavailableIn } from '../compare/side-unavailable.ts';
import type { Contract } from '../contract/contract.ts';

/** What the hints look at: one divergence, the input that caused it, and the entity's earlier inputs if known. */
export interface HintContext {
  readonly contract: Contract;
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly side?: SideName | 'both';
  readonly input: Readonly<Record<string, unknown>>;
  /** Epoch ms of the divergent event. */
  readonly timestamp?: number;
  /** The entity's earlier events (epoch ms), oldest first. */
  readonly earlier?: readonly number[];
  readonly training?: unknown;
  readonly serving?: unknown;
}

const DAY = 86_400_000;
const WINDOWS: readonly [number, string][] = [
  [7 * DAY, '7 days'],
  [DAY, '1 day'],
  [3_600_000, '1 hour'],
];
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const ZONE = /^(?:[A-Z][A-Za-z_+-]*\/[A-Za-z_+/-]+|UTC)$/;

function localDate(ms: number, zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(ms)
      .slice(0, 10);
  } catch {
    return undefined;
  }
}

function calendarHint(ctx: HintContext): string | undefined {
  if (ctx.timestamp === undefined) return undefined;
  const utc = new Date(ctx.timestamp).toISOString().slice(0, 10);
  const zones = Object.values(ctx.input).filter(
    (v): v is string => typeof v === 'string' && ZONE.test(v) && v !== 'UTC',
  );
  const zone = zones.find((z) => localDate(ctx.timestamp as number, z) !== utc);
  return zone === undefined
    ? undefined
    : `the event falls on ${localDate(ctx.timestamp, zone)} in ${zone} but on ${utc} in UTC: compute calendar features (hour, day, weekend) in the same time zone on both sides`;
}

function windowHint(ctx: HintContext): string | undefined {
  if (ctx.timestamp === undefined || ctx.earlier === undefined) return undefined;
  for (const [width, label] of WINDOWS) {
    if (ctx.earlier.includes(ctx.timestamp - width)) {
      return `an earlier event of this entity is exactly ${label} before this one: one side's window includes that boundary and the other's does not (pandas rolling('7D') is (t - 7d, t])`;
    }
  }
  return undefined;
}

/**
 * Likely causes of a divergence, from the shape of the input and the values: the classic causes of
 * training–serving skew (rounding, string length units, time zones, window boundaries, fillna defaults).
 * @public
 */
export function skewHints(ctx: HintContext): string[] {
  const type = ctx.contract.features[ctx.feature]?.type;
  const values = Object.values(ctx.input);
  const hints: string[] = [];
  if (ctx.kind === 'error') {
    const who = ctx.side === undefined || ctx.side === 'both' ? 'a side' : `the ${ctx.side} side`;
    const unavailable = unavailableIn(ctx.side === 'training' ? ctx.training : ctx.serving);
    // A side that could not be reached says nothing of the input: no schema advice, just where and what.
    if (unavailable !== undefined) {
      return [
        `${who} was unavailable at ${unavailable.address} (${unavailable.status}), not a skew: check that it is up, reachable and not rate-limiting, then run again`,
      ];
    }
    hints.push(`${who} failed on an input the contract accepts: handle it there, or narrow the input schema`);
  }
  if (ctx.kind === 'null_mismatch') {
    const other = ctx.training === null ? ctx.serving : ctx.training;
    const zero = other === 0 || other === '' || other === false;
    hints.push(
      `one side returns null where the other returns ${zero ? `${JSON.stringify(other)}: a default (fillna(0), ?? 0) applied on one side only?` : 'a value'}`,
    );
  }
  if (ctx.kind === 'value' && type === 'int') {
    if (values.some((v) => typeof v === 'number' && Math.abs(v % 1) === 0.5)) {
      hints.push(
        'the input has a value ending in .5: Python round() and numpy round half to even, Math.round rounds half up',
      );
    }
    if (values.some((v) => typeof v === 'string' && ASTRAL.test(v))) {
      hints.push(
        "the input has characters outside the BMP (emoji, math letters): JavaScript's .length counts UTF-16 units, Python's len() code points",
      );
    }
  }
  if (ctx.kind === 'value' && (type === 'int' || type === 'bool' || type === 'category')) {
    const calendar = calendarHint(ctx);
    if (calendar !== undefined) hints.push(calendar);
  }
  if ((ctx.kind === 'value' || ctx.kind === 'null_mismatch') && hints.length <= 1) {
    const window = windowHint(ctx);
    if (window !== undefined) hints.push(window);
  }
  return hints;
}
