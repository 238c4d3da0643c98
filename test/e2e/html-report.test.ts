/// <reference lib="dom" />
// Functions given to page.evaluate run in the browser, where the DOM is.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCi } from '../../src/cli/is-ci.ts';
import type { HistoryEntry } from '../../src/history/history-entry.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { formatHtmlReport } from '../../src/report/html/page.ts';
import type { RunSummary } from '../../src/report/reporter.ts';
import { CONFIGS, dirOf, replayFixture } from '../unit/report/_real-runs.ts';
import { chromiumPath, launchChromium, openReport, type PageLoad } from './_chromium.ts';
import { runCli } from './run-cli.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const SCRIPT = '<script>window.__pwned=1</script>';
const ATTRIBUTE = '"><img src=x onerror="window.__pwned=2">';

const chromium = chromiumPath();
// On a developer machine without Chromium the browser tests are skipped; on CI a missing browser fails them instead.
const suite = chromium !== undefined || isCi(process.env) ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'lockstep-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log for the CI fixture whose notes, ids and amounts carry markup; the emoji makes note_length diverge. */
function hostileLog(): string {
  const line = (i: number, order: string, amount: number, note: string) =>
    JSON.stringify({ timestamp: `2026-03-01T10:00:0${i}Z`, input: { order_id: order, amount, note } });
  const path = join(dir, 'hostile.jsonl');
  writeFileSync(
    path,
    `${[
      line(1, 'o1', 1.2, `😀${SCRIPT}`),
      line(2, `o2${ATTRIBUTE}`, 2.5, `${ATTRIBUTE}😀`),
      line(3, 'o3', 0.5, '<!-- not a comment'),
      line(4, 'o4', 4.1, 'plain'),
    ].join('\n')}\n`,
  );
  return path;
}

function historyEntry(runAt: string, rate: number): HistoryEntry {
  return {
    historyVersion: 1,
    runAt,
    contract: { name: 'orders', version: '2.0.0' },
    status: 'diverged',
    counts: { read: 4, compared: 4, diverged: 2 },
    features: [
      {
        feature: 'amount_rounded',
        compared: 4,
        diverged: 1,
        mismatchRate: rate,
        psi: rate / 2,
        jsDistance: rate / 3,
        ks: rate,
      },
      { feature: 'note_length', compared: 4, diverged: 2, mismatchRate: 0.5, psi: 0.1, jsDistance: 0.2, lInf: 0.25 },
    ],
    classes: [],
  };
}

/**
 * A real replay's summary with every optional field issue 13 adds filled by hand (distributions, scatter with a
 * tolerance, nondeterminism, slices, a new class, A/A, redaction, history), strings with markup included.
 */
function enriched(summary: RunSummary): RunSummary {
  const [report] = summary.reports;
  if (report === undefined) throw new Error('the fixture replay has no report');
  const features = report.features.map((f) =>
    f.feature === 'amount_rounded'
      ? {
          ...f,
          distribution: {
            kind: 'numeric' as const,
            bins: [
              { label: '[0, 2)', lo: 0, hi: 2, training: 1, serving: 1 },
              { label: '[2, 4)', lo: 2, hi: 4, training: 2, serving: 1 },
              { label: '[4, 6]', lo: 4, hi: 6, training: 1, serving: 2 },
            ],
            training: { values: 4, nulls: 0, nan: 0 },
            serving: { values: 4, nulls: 0, nan: 0 },
            psi: 0.35,
            jsDistance: 0.21,
            lInf: 0.25,
            ks: 0.25,
            breaches: [{ metric: 'psi' as const, value: 0.35, threshold: 0.2 }],
          },
          scatter: {
            points: [
              [1, 1],
              [2, 3],
              [4, 4],
              [4, 5],
            ] as const,
            of: 4,
          },
        }
      : {
          ...f,
          nondeterministic: ['serving' as const],
          distribution: {
            kind: 'categorical' as const,
            bins: [
              { label: SCRIPT, training: 2, serving: 1 },
              { label: ATTRIBUTE, training: 1, serving: 2 },
              { label: '</script><!--', training: 1, serving: 1 },
            ],
            training: { values: 4, nulls: 0, nan: 0 },
            serving: { values: 4, nulls: 0, nan: 0 },
            psi: 0.1,
            jsDistance: 0.2,
            lInf: 0.25,
          },
        },
  );
  const classes = report.classes.map((c, i) => ({
    ...c,
    ...(i === 0 ? { isNew: true } : { nondeterministic: ['serving' as const] }),
    hints: [...(c.hints ?? []), `a hint quoting ${SCRIPT}`],
    slices: [
      { predicate: `note = "${SCRIPT}"`, field: 'note', inClass: 1, inLog: 0.25, lift: 4 },
      { predicate: `order_id = "${ATTRIBUTE}"`, field: 'order_id', inClass: 0.5, inLog: 0.25, lift: 2 },
    ],
  }));
  const contracts = summary.run.contracts.map((c) => ({
    ...c,
    tolerances: { amount_rounded: { abs: 0.5, rel: 0.05, rule: 'numpy' as const } },
  }));
  return {
    ...summary,
    run: { ...summary.run, contracts },
    reports: [
      {
        ...report,
        features,
        classes,
        aa: {
          compared: 4,
          features: [{ feature: 'note_length', side: 'serving', compared: 4, diverged: 1, lines: [2] }],
        },
        redacted: ['card_number', SCRIPT],
      },
    ],
    history: {
      orders: [
        historyEntry('2026-02-27T02:00:00.000Z', 0.1),
        historyEntry('2026-02-28T02:00:00.000Z', 0.2),
        historyEntry('2026-03-01T02:00:00.000Z', 0.25),
      ],
    },
  };
}

/** What the page's charts are: how many specs it embeds, and per canvas whether Chart.js drew it, and what. */
async function chartState(load: PageLoad) {
  return await load.page.evaluate(() => {
    const specs = JSON.parse(document.getElementById('lockstep-charts')?.textContent ?? '[]') as unknown[];
    const charts = Array.from(document.querySelectorAll('canvas')).map((canvas) => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): unknown } }).Chart.getChart(
        canvas,
      ) as { config: { type: string }; data: { datasets: { label: string }[] } } | undefined;
      const context = canvas.getContext('2d');
      const pixels = context?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      return {
        type: chart?.config.type,
        labels: chart?.data.datasets.map((d) => d.label) ?? [],
        width: canvas.width,
        painted,
      };
    });
    return { specs: specs.length, charts };
  });
}

/** The page's own errors and warnings, network requests other than the file itself, and what logged markup did. */
async function expectCleanPage(load: PageLoad, file: string): Promise<void> {
  expect(load.errors).toEqual([]);
  expect(load.console.filter((m) => /^(error|warning)/.test(m))).toEqual([]);
  expect(load.requests).toEqual([pathToFileURL(file).href]);
  expect(await load.page.evaluate(() => document.documentElement.dataset.charts)).toBe('done');
}

suite('the HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (chromium === undefined) {
      throw new Error('the HTML report tests need Chromium on CI: apt-get install chromium (or set CHROMIUM_PATH)');
    }
    browser = await launchChromium(chromium);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every section of a real replay with every optional field filled, draws every chart, fetches nothing, and runs no logged markup', async () => {
    const summary = enriched(await replayFixture(CONFIGS.ci, [], { logs: [hostileLog()], cwd: dirOf(CONFIGS.ci) }));
    const file = join(dir, 'lockstep-report.html');
    writeFileSync(file, formatHtmlReport(summary));

    const load = await openReport(browser, file);

    await expectCleanPage(load, file);
    const state = await chartState(load);
    // mismatch rates, latency, 5 history metrics, and each feature's distribution and scatter
    const perFeature = summary.reports[0]?.features.flatMap((f) => [f.distribution, f.scatter]) ?? [];
    expect(state.specs).toBe(7 + perFeature.filter((x) => x !== undefined).length);
    expect(state.charts).toHaveLength(state.specs);
    for (const chart of state.charts) {
      expect(chart.type).toBeDefined();
      expect(chart.width).toBeGreaterThan(0);
      expect(chart.painted).toBeGreaterThan(100);
    }
    // abs 0.5 + rel 0.05 allows 0.65 at (2, 3) and 0.75 at (4, 5): both beyond; (1, 1) and (4, 4) within.
    expect(state.charts.find((c) => c.type === 'scatter')?.labels).toEqual([
      'beyond tolerance (2)',
      'within tolerance (2)',
      'training = serving',
      'tolerance band',
      'tolerance band (lower)',
    ]);
    expect(state.charts.filter((c) => c.type === 'bar' && c.labels.join() === 'training,serving')).toHaveLength(3);
    expect(state.charts.filter((c) => c.type === 'scatter').length).toBeGreaterThanOrEqual(1);
    expect(state.charts.filter((c) => c.type === 'line')).toHaveLength(5);

    // Logged markup is shown as text and never runs.
    const page = await load.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      text: document.querySelector('main')?.textContent ?? '',
      images: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror]').length,
      scripts: document.querySelectorAll('script').length,
    }));
    expect(page.pwned).toBeUndefined();
    expect(page).toMatchObject({ images: 0, handlers: 0, scripts: 3 });
    for (const shown of [SCRIPT, '<img src=x onerror=', '<!-- not a comment']) {
      expect(page.text.includes(shown), shown).toBe(true);
    }

    // Summary and verdict first, then every section the optional fields add.
    expect(page.text.indexOf('FAIL')).toBeLessThan(page.text.indexOf('Records'));
    for (const section of [
      'divergence orders: amount_rounded',
      'Redacted in this report',
      'A/A calibration',
      'Mismatch rate by feature',
      'Divergence classes',
      'new since the last run',
      'nondeterministic on serving: not proven skew',
      'What its records share',
      'Likely causes',
      'Histogram: training vs serving',
      'Categories: training vs serving',
      'Training vs serving (sample of 4 of 4)',
      'tolerance abs 0.5 + rel 0.05',
      'over threshold',
      'Worst records',
      'Sides and latency',
      'Over runs (3 runs',
      'Jensen–Shannon distance',
    ]) {
      expect(page.text.includes(section), section).toBe(true);
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'html-report.html'), readFileSync(file));
    const shot = join(ARTIFACTS, 'html-report.png');
    await load.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await load.page.close();
  });

  it('says which path a Parquet log took when it is news, worded as the terminal: in parts, or as JSON lines and why', async () => {
    // Arrange: a real replay's summary, its report told each path (the reason quoting a logged entity's markup)
    const summary = await replayFixture(CONFIGS.ci, [], { cwd: dirOf(CONFIGS.ci) });
    const because = `entity ${SCRIPT} has 1,200,000 rows, above the entity limit of 1,000,000`;
    const shown = async (name: string, columnar: ReplayReport['columnar']) => {
      const reports = summary.reports.map(({ columnar: _, ...r }) => (columnar === undefined ? r : { ...r, columnar }));
      const file = join(dir, `path-${name}.html`);
      writeFileSync(file, formatHtmlReport({ ...summary, reports }));
      const load = await openReport(browser, file);
      await expectCleanPage(load, file);
      const page = await load.page.evaluate(() => ({
        cards: Array.from(document.querySelectorAll('.card.path')).map((e) => ({
          text: e.textContent,
          warning: e.classList.contains('warn'),
        })),
        text: document.querySelector('main')?.textContent ?? '',
        pwned: (window as unknown as { __pwned?: number }).__pwned,
      }));
      await load.page.close();
      return page;
    };

    // Act
    const parts = await shown('parts', { used: true, parts: 3 });
    const refused = await shown('refused', { used: false, because });
    const whole = await shown('whole', { used: true });
    const none = await shown('none', undefined);

    // Assert
    expect(parts.cards).toEqual([
      {
        text: 'path column by column in 3 parts of whole entities: the log has more rows than LOCKSTEP_COLUMNAR_MAX_ROWS (each part decodes its columns again)',
        warning: false,
      },
    ]);
    expect(parts.text).not.toContain('replayed as JSON lines');
    expect(refused.cards).toEqual([
      { text: `path replayed as JSON lines, not column by column: ${because}`, warning: true },
    ]);
    expect(refused.text).not.toContain('parts of whole entities');
    expect(refused.pwned).toBeUndefined();
    for (const page of [whole, none]) {
      expect(page.cards).toEqual([]);
      expect(page.text).not.toContain('column by column');
    }
  });

  it('lockstep replay --reporter html writes lockstep-report.html to --output-dir (stdout without one), and it loads', async () => {
    const out = join(dir, 'cli-report');
    const result = await runCli(['replay', '--reporter', 'html', '--output-dir', out, '--log', hostileLog()], {
      cwd: dirOf(CONFIGS.ci),
    });
    expect(result.exitCode).toBe(1);
    const file = join(out, 'lockstep-report.html');
    expect(existsSync(file)).toBe(true);

    const load = await openReport(browser, file);

    await expectCleanPage(load, file);
    const state = await chartState(load);
    expect(state.charts.length).toBeGreaterThanOrEqual(2);
    expect(state.charts.every((c) => c.painted > 100)).toBe(true);
    expect(await load.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await load.page.close();

    const stdout = await runCli(['replay', '--reporter', 'html'], { cwd: dirOf(CONFIGS.ci) });
    expect(stdout.stdout.startsWith('<!doctype html>')).toBe(true);
    // The log inside the working directory is named relative to it, as the other reports name it.
    expect(stdout.stdout).toContain('<span class="muted">orders.jsonl</span>');
    expect(stdout.stdout).not.toContain(join(dirOf(CONFIGS.ci), 'orders.jsonl'));
    expect(readFileSync(file, 'utf8')).toContain('Chart.js v4');
  });
  it('lockstep fuzz --reporter html lists each finding with both values, the minimal input and the command that replays it', async () => {
    const out = join(dir, 'fuzz-report');
    const result = await runCli(
      [
        'fuzz',
        '--config',
        CONFIGS.cardFraudFuzz,
        '--runs',
        '40',
        '--seed',
        '5',
        '--reporter',
        'html',
        '--output-dir',
        out,
      ],
      { cwd: dirOf(CONFIGS.cardFraudFuzz) },
    );
    expect(result.exitCode).toBe(1);
    const file = join(out, 'lockstep-report.html');

    const load = await openReport(browser, file);

    await expectCleanPage(load, file);
    const text = await load.page.evaluate(() => document.querySelector('main')?.textContent ?? '');
    expect(text).toContain('fuzz: 40 cases');
    expect(text).toContain('lockstep fuzz');
    expect(await load.page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await load.page.close();
  });
});
