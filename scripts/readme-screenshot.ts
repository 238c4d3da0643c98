/**
 * `npm run readme:screenshot`: replays the card-fraud example as `npm run example` does, with the HTML reporter, opens
 * the page in headless Chromium (Debian's `chromium`, or CHROMIUM_PATH) and writes the top of it to
 * docs/images/report.png, and its first diverged feature with both charts to docs/images/report-feature.png: the pictures
 * in the README. Run it again whenever the report or the example changes.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.ts';
import { chromiumPath, launchChromium, openReport } from '../test/e2e/_chromium.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const PNG = join(ROOT, 'docs/images/report.png');
const FEATURE_PNG = join(ROOT, 'docs/images/report-feature.png');
const WIDTH = 1200;
const HEIGHT = 1500;

const chromium = chromiumPath();
if (chromium === undefined)
  throw new Error('readme-screenshot: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
// Where `npm run example` writes its reports too (git-ignored), so that the page names the same command line.
const out = 'lockstep-report';
process.chdir(ROOT);
const code = await main([
  'replay',
  '--config',
  'examples/card-fraud/lockstep.config.ts',
  '--reporter',
  'html',
  '--output-dir',
  out,
]);
// The example exits 1: its serving path carries planted bugs. Anything else is a broken run.
if (code !== 0 && code !== 1) throw new Error(`readme-screenshot: the example replay exited ${code}`);
const browser = await launchChromium(chromium);
try {
  const load = await openReport(browser, join(out, 'lockstep-report.html'), WIDTH);
  const problems = [...load.errors, ...load.console.filter((m) => /^(error|warning)/.test(m))];
  if (problems.length > 0) throw new Error(`readme-screenshot: the page reported problems:\n${problems.join('\n')}`);
  mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
  await load.page.screenshot({ path: PNG, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  // One feature in full: the first that diverged and has both a histogram and a scatter.
  const feature = load.page.locator('article.feature', { has: load.page.locator('.badge.bad') }).filter({
    hasText: 'Training vs serving (sample',
  });
  if ((await feature.count()) > 0) await feature.first().screenshot({ path: FEATURE_PNG });
} finally {
  await browser.close();
}
process.stdout.write(`readme-screenshot: wrote ${PNG} and ${FEATURE_PNG}\n`);
