import type { SideDiagnostic } from './side.ts';

/**
 * Diagnostics collected between two `drainDiagnostics()` calls. Bounded: past `max`, diagnostics are counted, not
 * kept, and the next drain ends with one saying how many were dropped.
 * @internal
 */
export class DiagnosticLog {
  private kept: SideDiagnostic[] = [];
  private dropped = 0;

  constructor(private readonly max = 1000) {}

  push(diagnostic: SideDiagnostic): void {
    if (this.kept.length < this.max) this.kept.push(diagnostic);
    else this.dropped++;
  }

  drain(source: string): readonly SideDiagnostic[] {
    const out = this.kept;
    if (this.dropped > 0) {
      out.push({
        kind: 'protocol',
        message: `${source}: ${this.dropped} more diagnostics were dropped (limit ${this.max})`,
      });
    }
    this.kept = [];
    this.dropped = 0;
    return out;
  }
}
