import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A fingerprint of what goes into the package, so a tarball is reused only while the sources are unchanged. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (name === '__pycache__') continue;
      const path = join(dir, name);
      const stat = statSync(join(ROOT, path));
      if (stat.isDirectory()) walk(path);
      else hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const dir of ['src', 'bin', 'python/lockstep_side']) walk(dir);
  for (const file of ['package.json', 'tsdown.config.ts', 'python/pyproject.toml']) {
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Packs Lockstep as users get it (`npm pack`, which runs the `prepare` build) and returns the tarball's path. Test
 * files of one vitest run share one tarball: the first to ask packs it, the others wait for it.
 */
export async function packedTarball(): Promise<string> {
  const dir = join(tmpdir(), `lockstep-pack-${process.ppid}-${fingerprint()}`);
  const done = join(dir, 'tarball.txt');
  const failed = join(dir, 'error.txt');
  try {
    mkdirSync(dir);
  } catch {
    for (let waited = 0; !existsSync(done); waited += 500) {
      if (existsSync(failed)) throw new Error(`packedTarball: npm pack failed: ${readFileSync(failed, 'utf8')}`);
      if (waited > 600_000) throw new Error(`packedTarball: waited 10 minutes for ${done}`);
      await sleep(500);
    }
    return readFileSync(done, 'utf8');
  }
  try {
    const packed = await execa('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT });
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[];
    if (info === undefined) throw new Error(`npm pack printed no file:\n${packed.stdout}`);
    const tarball = join(dir, info.filename);
    writeFileSync(done, tarball);
    return tarball;
  } catch (error) {
    writeFileSync(failed, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
