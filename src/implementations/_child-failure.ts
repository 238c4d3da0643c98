import type { Ticket } from './_batch.ts';
import type { ProtocolChild } from './_child.ts';
import type { SideDiagnostic, SideOutcome } from './side.ts';

/** Why a child stopped serving: it exited (`restart`) or was killed for not answering (`timeout`). @internal */
export interface ChildFailure {
  readonly kind: 'restart' | 'timeout';
  /** What happened, worded the same every time the same fault happens (no measured durations). */
  readonly summary: string;
  readonly stderr: string;
  /** Log line of the record the child was most likely stuck on. */
  readonly line?: number;
  /** The held records the child was working on: each is retried alone once (a strike). The others are innocent. */
  readonly blamed: readonly Ticket[];
  /** More for the diagnostic (not the record's error, which stays the same for the same fault). */
  readonly detail?: string;
  /** Killed because it did not acknowledge a reset (no record was in flight). */
  readonly reset?: boolean;
  /** It answered nothing while stdin was open and did this (`answered id "3"`, `exited with code 0`) once closed. */
  readonly eofOnly?: string;
}

/** What a child reports to the slot that owns it. @internal */
export interface ChildEvents {
  answered(ticket: Ticket, outcome: SideOutcome): void;
  diagnostic(diagnostic: SideDiagnostic): void;
  /** Some requests were answered (or a reset acknowledged): the slot may send more. */
  progressed(child: ProtocolChild): void;
  /** The child stopped; `pending` are the records it held, in the order they were sent. */
  failed(child: ProtocolChild, pending: Ticket[], failure: ChildFailure): void;
  /** Whether a child that never answered may be probed for answering only at end of input (nothing answered yet). */
  mayProbeEof(): boolean;
}
