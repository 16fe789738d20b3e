// A plan's decoded, preprocessed pictures are handed to the run that follows it: each picture file is read once.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { diskFolders } from '../../../../src/engine/data/listDir';
import { planExplainJob, runExplainJob } from '../../../../src/engine/commands/explainJob';
import { PreparedCache } from '../../../../src/engine/explain/jobs/preparedCache';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import type { InferenceBackend } from '../../../../src/engine/runtime/backend';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');
const DIGITS = path.join(FIXTURES, 'images', 'digits');
const MODEL = path.join(FIXTURES, 'models', 'quadrant_cnn.onnx');

describe('a plan hands its prepared pictures to the run', function () {
  this.timeout(60_000);
  let backend: InferenceBackend;
  before(async () => (backend = await OrtBackend.create(MODEL)));
  after(() => backend.dispose());

  /** Plans and runs once; the picture files read (each read is one decode). */
  async function reads(prepared: PreparedCache | undefined, settings: ExplainSettings): Promise<number> {
    let pictures = 0;
    const env = {
      readFile: (f: string) => {
        if (f.endsWith('.png')) pictures++;
        return readFile(f);
      },
      folders: diskFolders,
      backend: () => Promise.resolve(backend),
      prepared,
    };
    await planExplainJob(env, MODEL, settings);
    await runExplainJob(env, MODEL, settings);
    return pictures;
  }

  it('reads each picture once with a cache, twice without', async () => {
    const files = (await readdir(DIGITS)).filter((f) => f.endsWith('.png')).length;
    const settings: ExplainSettings = { data: DIGITS, method: 'kernel', samples: 40 };
    assert.equal(await reads(new PreparedCache(), settings), files);
    assert.equal(await reads(undefined, settings), 2 * files);
  });

  it('a run with other settings than the plan prepares its own pictures', async () => {
    const files = (await readdir(DIGITS)).filter((f) => f.endsWith('.png')).length;
    const cache = new PreparedCache();
    const env = {
      readFile: (f: string) => readFile(f),
      folders: diskFolders,
      backend: async () => backend,
      prepared: cache,
    };
    await planExplainJob(env, MODEL, { data: DIGITS, method: 'kernel', samples: 40 });
    let pictures = 0;
    const counting = { ...env, readFile: (f: string) => (f.endsWith('.png') && pictures++, readFile(f)) };
    const out = await runExplainJob(counting, MODEL, { data: DIGITS, method: 'kernel', samples: 40, rows: '0-1' });
    assert.equal(pictures, files);
    assert.equal(out.attribution.values.length, 2);
  });
});
