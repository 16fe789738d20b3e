/**
 * The committed third-party text model (optimum's 2-layer DistilBERT test asset with a stock bert-base-uncased
 * tokenizer.json) and a job environment that runs it in this process, as the CLI does, without an evaluation pool.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobEnvironment } from '../../src/engine/explain/jobs/jobData';
import type { InferenceBackend } from '../../src/engine/runtime/backend';
import { OrtBackend } from '../../src/engine/runtime/ortBackend';

export const TINY_DISTILBERT_DIR = path.resolve(__dirname, '../fixtures/third-party/tiny-distilbert-sst2');
export const tinyDistilbert = (file: 'model.onnx' | 'config.json' | 'tokenizer.json') =>
  path.join(TINY_DISTILBERT_DIR, file);

/** Files from disk and one onnxruntime session per model; `close` disposes them. */
export function diskEnvironment(): JobEnvironment & { close(): Promise<void> } {
  const open = new Map<string, Promise<InferenceBackend>>();
  return {
    readFile: (file) => readFile(file),
    backend: (modelPath) => {
      let b = open.get(modelPath);
      if (!b) open.set(modelPath, (b = OrtBackend.create(modelPath)));
      return b;
    },
    async close() {
      for (const b of open.values()) await (await b).dispose();
    },
  };
}
