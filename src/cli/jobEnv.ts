/** The CLI's job environment: files from disk, onnxruntime in this process (a terminal may block), progress on stderr. */
import { readFile } from 'node:fs/promises';
import { diskFolders } from '../engine/data/listDir';
import type { JobEnvironment } from '../engine/explain/jobs/jobData';
import type { InferenceBackend } from '../engine/runtime/backend';
import { createEvalPool } from '../engine/runtime/evalPool';
import { OrtBackend } from '../engine/runtime/ortBackend';
import type { CliIo } from './io';

export function cliEnvironment(io: CliIo, showProgress: boolean): JobEnvironment & { close(): Promise<void> } {
  const open = new Map<string, Promise<InferenceBackend>>();
  let lastShown = 0;
  const pool = createEvalPool(__dirname);
  return {
    pool,
    readFile: (file) => readFile(file),
    folders: diskFolders,
    backend: (modelPath) => {
      let b = open.get(modelPath);
      if (!b) open.set(modelPath, (b = OrtBackend.create(modelPath)));
      return b;
    },
    progress: (done, total, eta) => {
      const now = performance.now();
      if (!showProgress || (now - lastShown < 1000 && done < total)) return;
      lastShown = now;
      const pct = Math.round((100 * done) / Math.max(1, total));
      io.stderr(
        `progress: ${pct}% (${done} of ${total} model rows)${eta !== undefined ? `, about ${eta.toFixed(0)} s left` : ''}`,
      );
    },
    async close() {
      for (const b of open.values()) await (await b.catch(() => undefined))?.dispose();
      await pool.dispose();
    },
  };
}

export function intOption(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not '${text}'`);
  return n;
}

export function oneOf<T extends string>(text: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw new Error(`--${name} must be one of ${allowed.join(', ')}, not '${text}'`);
  return text as T;
}
