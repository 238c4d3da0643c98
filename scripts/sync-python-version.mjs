#!/usr/bin/env node
// Writes package.json's version into python/lockstep_side/_version.py, the one place the Python helper's version is
// read from (pyproject.toml's dynamic version and lockstep_side.__version__). npm runs it as the `version` lifecycle
// script, after `npm version <new>` bumps package.json and before it commits, and stages the file for that commit.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'python', 'lockstep_side', '_version.py');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const text = `# Written by scripts/sync-python-version.mjs from package.json's "version" (npm version runs it): do not edit.\n__version__ = "${version}"\n`;

writeFileSync(target, text);
