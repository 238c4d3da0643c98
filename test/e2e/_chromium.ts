/// <reference lib="dom" />
// Functions given to page.evaluate run in the browser, where the DOM is.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

// Real headless Chromium: the system's (Debian's `chromium` package; CHROMIUM_PATH to name another), never a
// browser downloaded by the driver.

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The Chromium executable to drive, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const named = process.env.CHROMIUM_PATH;
  for (const candidate of named === undefined || named === '' ? CANDIDATES : [named]) {
    try {
      const path = execFileSync('sh', ['-c', 'command -v "$0"', candidate], { encoding: 'utf8' }).trim();
      if (path !== '') return path;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Launches headless Chromium (no sandbox: CI containers run as root). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  return await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** What a page did while it loaded: its console messages and page errors, and every request it made. */
export interface PageLoad {
  readonly page: Page;
  readonly console: string[];
  readonly errors: string[];
  readonly requests: string[];
}

/** Opens an HTML file from its file:// URL and waits until its charts are drawn (or failed). */
export async function openReport(browser: Browser, file: string, width = 1280): Promise<PageLoad> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const load: PageLoad = { page, console: [], errors: [], requests: [] };
  page.on('console', (m) => load.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => load.errors.push(e.message));
  page.on('request', (r) => load.requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.documentElement.dataset.charts !== undefined, undefined, {
    timeout: 60_000,
  });
  return load;
}
