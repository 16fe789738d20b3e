/**
 * Image decode + resize: the engine's pure-JS path (jimp's pngjs, jpeg-js and resizer) against sharp (libvips,
 * native), on a 1024x768 JPEG and a 224x224 PNG resized to 224x224; also what each adds to the packaged extension
 * and a check that each runs in a worker thread. The numbers chose the library (issue 9: measure, then choose).
 * Run with `npx tsx bench/image-decode.ts`. sharp is not a project dependency: install it anywhere
 * (`npm install --prefix DIR sharp`) and run with SHARP_DIR=DIR to include it; without it only jimp is timed.
 */
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import jpeg from '@jimp/js-jpeg';
import { decodeImage, encodePng, fitTo } from '../src/engine/data/image/codec';

const SIDE = 224;
const ROOT = path.resolve(__dirname, '..');

interface SharpChain {
  resize(w: number, h: number, o: { fit: string; kernel: string }): SharpChain;
  ensureAlpha(): SharpChain;
  raw(): SharpChain;
  toBuffer(): Promise<Buffer>;
}
type Sharp = (input: Uint8Array) => SharpChain;

/** A photo-like test picture: smooth gradients, hard edges and noise (noise keeps JPEG from compressing it away). */
function picture(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const i = (y * width + x) * 4;
      data[i] = ((x * 255) / width + (seed & 15)) & 255;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = (Math.floor(x / 32) + Math.floor(y / 32)) % 2 ? 210 : 40;
      data[i + 3] = 255;
    }
  }
  return data;
}

async function median(run: () => unknown, runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/** Bytes on disk and deflated (what a .vsix, a zip, stores) of a folder tree. */
function treeSize(dir: string): { bytes: number; zipped: number } {
  let bytes = 0;
  let zipped = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      const t = treeSize(p);
      bytes += t.bytes;
      zipped += t.zipped;
    } else {
      const b = readFileSync(p);
      bytes += b.length;
      zipped += deflateRawSync(b).length;
    }
  }
  return { bytes, zipped };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;

function inWorker(code: string, data: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: data });
    w.once('message', (m: string) => resolve(m));
    w.once('error', reject);
  });
}

async function main(): Promise<void> {
  const jpegBytes = new Uint8Array(
    jpeg().encode({ data: Buffer.from(picture(1024, 768)), width: 1024, height: 768 }, { quality: 90 }),
  );
  const pngBytes = encodePng(picture(SIDE, SIDE), SIDE, SIDE);
  console.log(`inputs: 1024x768 JPEG (q90) ${jpegBytes.length} bytes, ${SIDE}x${SIDE} PNG ${pngBytes.length} bytes`);

  const jimp = (bytes: Uint8Array) => fitTo(decodeImage(bytes, 'bench'), SIDE, SIDE, 'stretch');
  const jimpJpeg = await median(() => jimp(jpegBytes), 15);
  const jimpPng = await median(() => jimp(pngBytes), 40);

  // What the chosen path adds to each engine bundle (extension, worker, CLI each carry one copy).
  const out = mkdtempSync(path.join(tmpdir(), 'image-bench-'));
  try {
    const outfile = path.join(out, 'codec.js');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/engine/data/image/codec.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    const bundle = readFileSync(outfile);
    console.log(
      `jimp bundled (minified, esbuild): ${mb(bundle.length)}, ${mb(deflateRawSync(bundle).length)} zipped, per bundle`,
    );
    const msg = await inWorker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const c = require(workerData.outfile);
       const r = c.fitTo(c.decodeImage(workerData.bytes, 'w'), 224, 224, 'stretch');
       parentPort.postMessage(r.width + 'x' + r.height);`,
      { outfile, bytes: jpegBytes },
    );
    console.log(`jimp in a worker thread, from the esbuild bundle: ok (${msg})`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const line = (name: string, j: number, s?: number): string =>
    `${name.padEnd(26)} jimp ${j.toFixed(1).padStart(7)} ms` +
    (s === undefined ? '' : `   sharp ${s.toFixed(1).padStart(6)} ms   jimp/sharp ${(j / s).toFixed(1)}x`);
  const sharpDir = process.env.SHARP_DIR;
  if (!sharpDir) {
    console.log(line('1024x768 JPEG -> 224x224', jimpJpeg));
    console.log(line('224x224 PNG -> 224x224', jimpPng));
    console.log('sharp: not timed (set SHARP_DIR to a folder where `npm install sharp` ran)');
    return;
  }
  const req = createRequire(path.join(path.resolve(sharpDir), 'index.js'));
  const sharp = req('sharp') as Sharp;
  const viaSharp = (bytes: Uint8Array) =>
    sharp(bytes).resize(SIDE, SIDE, { fit: 'fill', kernel: 'linear' }).ensureAlpha().raw().toBuffer();
  const sharpJpeg = await median(() => viaSharp(jpegBytes), 30);
  const sharpPng = await median(() => viaSharp(pngBytes), 40);
  console.log(line('1024x768 JPEG -> 224x224', jimpJpeg, sharpJpeg));
  console.log(line('224x224 PNG -> 224x224', jimpPng, sharpPng));

  let sharpMain = path.dirname(req.resolve('sharp'));
  while (path.basename(sharpMain) !== 'sharp') sharpMain = path.dirname(sharpMain);
  const img = path.join(path.dirname(sharpMain), '@img');
  const parts = [sharpMain, ...readdirSync(img).map((d) => path.join(img, d))];
  const sizes = parts.map(treeSize);
  const total = sizes.reduce((a, s) => ({ bytes: a.bytes + s.bytes, zipped: a.zipped + s.zipped }), {
    bytes: 0,
    zipped: 0,
  });
  console.log(
    `sharp installed for ${process.platform}-${process.arch} (cannot be bundled: a .node addon + libvips): ` +
      `${mb(total.bytes)}, ${mb(total.zipped)} zipped, in ${parts.map((p) => path.basename(p)).join(', ')}`,
  );
  const msg = await inWorker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const sharp = require(workerData.sharp);
     sharp(workerData.bytes).resize(224, 224, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
       .then((r) => parentPort.postMessage(r.info.width + 'x' + r.info.height));`,
    { sharp: req.resolve('sharp'), bytes: jpegBytes },
  );
  console.log(`sharp in a worker thread: ok (${msg})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
