import type { ChartConfig } from './chart-data.ts';
import { html, type SafeHtml } from './escape.ts';

/** A chart of the page: its canvas's id and its configuration. @internal */
export interface ChartSpec {
  readonly id: string;
  readonly config: ChartConfig;
}

/** Collects the page's charts while its sections are built; each gets a canvas with its own id. @internal */
export class Charts {
  readonly specs: ChartSpec[] = [];

  /** A canvas for `config`, labelled for screen readers, in a box of `height` pixels. */
  canvas(config: ChartConfig, label: string, height = 220): SafeHtml {
    const id = `chart-${this.specs.length + 1}`;
    this.specs.push({ id, config });
    return html`<div class="chart" style="height:${height}px"><canvas id="${id}" role="img" aria-label="${label}"></canvas></div>`;
  }
}
