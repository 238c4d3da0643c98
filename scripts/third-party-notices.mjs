// Writes dist/THIRD-PARTY-NOTICES.md after `tsdown`: the licence (and NOTICE) of every package whose code the build
// bundled into dist/. The bundler marks each bundled file with a `//#region node_modules/<package>/...` comment; the
// packages are read from those marks, so the notices follow what is really in the tarball.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const root = new URL('../', import.meta.url).pathname;
const REGION = /^\/\/#region node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm;
if (!existsSync(dist)) throw new Error('third-party-notices: dist/ is missing; run tsdown first');

const names = new Set();
for (const file of readdirSync(dist)) {
  if (!/\.c?js$/.test(file)) continue;
  for (const m of readFileSync(join(dist, file), 'utf8').matchAll(REGION)) names.add(m[1]);
}

const sections = [...names].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const texts = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|notice|copying)(\.(md|txt))?$/i.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim());
  if (texts.length === 0) throw new Error(`third-party-notices: ${name} has no licence file in ${dir}`);
  return [`## ${pkg.name} ${pkg.version} (${pkg.license})`, '', ...texts.map((t) => `\`\`\`\n${t}\n\`\`\`\n`)].join(
    '\n',
  );
});

writeFileSync(
  join(dist, 'THIRD-PARTY-NOTICES.md'),
  `# Third-party notices\n\nLockstep's dist/ bundles the code of these packages; their licences and notices follow.\n\n${sections.join('\n')}`,
);
