import { defineConfig } from 'tsdown';

// The npm package. One ESM build holds every entry (the public API `lockstep` and `lockstep/vitest`, the CLI, the
// worker thread), so the CLI and a user's config that imports `lockstep` share one module graph; a CommonJS build of
// the public API serves `require`. Peer dependencies stay external: the user's own zod, fast-check and vitest
// instances are the ones Lockstep uses. Apache Arrow, hyparquet and execa are bundled into the chunks that use them
// (their licences: dist/THIRD-PARTY-NOTICES.md): no user holds an instance of them, and as hundreds of separate
// modules each passed through tsx's loader (registered to load a TypeScript config) they took half a second of CPU of
// every run that reads Parquet or spawns a side. The declarations name none of them.
const BUNDLED = ['apache-arrow', 'hyparquet', 'hyparquet-compressors', 'execa'];

const ofBundled = (id: string): boolean => BUNDLED.some((name) => id === name || id.startsWith(`${name}/`));
const declaration = (importer: string | undefined): boolean => importer !== undefined && /\.d\.[cm]?ts$/.test(importer);
// Their code is bundled; a declaration file's import of them (tree-shaken away: no public type names them) is not.
const deps = {
  alwaysBundle: (id: string, importer: string | undefined) => (ofBundled(id) && !declaration(importer)) || undefined,
  neverBundle: (id: string, importer: string | undefined) => ofBundled(id) && declaration(importer),
};

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
  deps,
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
