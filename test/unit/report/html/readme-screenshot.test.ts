import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(`${ROOT}${path}`);

describe("the example's HTML report in the README", () => {
  it('npm run example writes the HTML report, and npm run readme:screenshot retakes the picture the README shows', () => {
    const pkg = JSON.parse(read('package.json').toString()) as { scripts: Record<string, string> };
    expect(pkg.scripts.example).toMatch(/--reporter html .*--output-dir lockstep-report/);
    expect(pkg.scripts['readme:screenshot']).toContain('scripts/readme-screenshot.ts');
    expect(existsSync(`${ROOT}scripts/readme-screenshot.ts`)).toBe(true);
    expect(read('scripts/readme-screenshot.ts').toString()).toContain("'docs/images/report.png'");
    expect(read('README.md').toString()).toContain('](docs/images/report.png)');
    // A PNG file's signature.
    expect(read('docs/images/report.png').subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });
});
