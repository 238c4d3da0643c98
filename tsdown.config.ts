import { defineConfig } from 'tsdown';

// The npm package. One ESM build holds every entry (the public API `lockstep` and `lockstep/vitest`, the CLI, the
// worker thread), so the CLI and a user's config that imports `lockstep` share one module graph; a CommonJS build of
// the public API serves `require`. Dependencies and peer dependencies stay external: the user's own zod, fast-check
// and vitest instances are the ones Lockstep uses.
const common = {
  outDir: 'dist',
  platform: 'node',
  target: 'node20',
  fixedExtension: false,
  sourcemap: false,
  shims: true,
  // src/ alone, with isolatedDeclarations: the .d.ts are emitted file by file without a type-checker (about 4x faster).
  tsconfig: 'tsconfig.src.json',
  // The build is short; timing warnings about the .d.ts plugin are noise in `npm ci` output.
  checks: { pluginTimings: false },
} as const;

export default defineConfig([
  {
    ...common,
    clean: true,
    entry: {
      index: 'src/index.ts',
      vitest: 'src/vitest/index.ts',
      cli: 'src/cli/main.ts',
      'partition-worker': 'src/runner/partition-worker-entry.ts',
    },
    format: ['esm'],
    dts: true,
  },
  {
    ...common,
    clean: false,
    entry: { index: 'src/index.ts', vitest: 'src/vitest/index.ts' },
    format: ['cjs'],
    dts: true,
  },
]);
