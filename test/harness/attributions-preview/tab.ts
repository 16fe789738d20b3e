/** The real Attributions tab against a fake host: an image run streams coarse-to-fine partial maps, then finishes. */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { ExplainOutcome } from '../../../src/protocol/explainTypes';
import type { ExplainOptions } from '../../../src/protocol/messages';
import { partialRowsSender } from '../../../src/protocol/partialRows';
import { mountAttributions } from '../../../webview/attributions/main';
import { fakeImageAttribution, SIDE } from './fakeImage';
import { fakeImagePreviews } from './imagePreview';

type Handler = (params: never) => void;

/** The map averaged over blocks of `block` pixels: what a coarse partition level looks like. */
function coarse(attr: Attribution, block: number): Attribution {
  const pixel_values = attr.pixel_values!.map((row) =>
    row.map((map) => {
      const out = new Array<number>(map.length).fill(0);
      for (let by = 0; by < SIDE; by += block)
        for (let bx = 0; bx < SIDE; bx += block) {
          let sum = 0;
          const cells: number[] = [];
          for (let y = by; y < Math.min(SIDE, by + block); y++)
            for (let x = bx; x < Math.min(SIDE, bx + block); x++) cells.push(y * SIDE + x);
          for (const i of cells) sum += map[i];
          for (const i of cells) out[i] = sum / cells.length;
        }
      return out;
    }),
  );
  return { ...attr, pixel_values };
}

const { attribution } = fakeImageAttribution();
const outcome: ExplainOutcome = {
  attribution,
  plan: {
    method: 'partition',
    reason: 'image input',
    evaluations: 1500,
    explainedRows: 3,
    featureNames: attribution.feature_names,
    outputColumns: attribution.output_columns,
    output: 'logits',
    notes: [],
  },
  dataRows: 3,
  background: 'blur',
  otherColumns: [],
  images: fakeImagePreviews(),
};
const options: ExplainOptions = {
  choices: { data: 'digits', method: 'auto' },
  dataFiles: ['digits'],
  outputs: ['logits'],
  sidecar: { path: 'digits_cnn.onnx.lens.json', exists: false, problems: [] },
};

const handlers = new Map<string, Handler>();
const emit = (name: string, params: unknown) => handlers.get(name)?.(params as never);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let partials = 0;

const host = {
  on(name: string, handler: Handler) {
    handlers.set(name, handler);
    return { dispose: () => handlers.delete(name) };
  },
  async request(method: string): Promise<unknown> {
    if (method === 'explain/options') return options;
    if (method === 'explain/plan') return outcome.plan;
    if (method !== 'explain/run') return {};
    // Partition refines coarse levels first: 14-, 7-, then 2-pixel blocks, then the finished run.
    for (const block of [14, 7, 2]) {
      await wait(400);
      emit('explain/progress', { jobId: 'j', done: 28 / block, total: 20 });
      // Every row's map changes from level to level: each partial is a first delta, replacing the last.
      emit('explain/partial', { jobId: 'j', delta: partialRowsSender()(coarse(attribution, block)) });
      partials++;
      document.body.dataset.partials = String(partials);
    }
    await wait(400);
    return outcome;
  },
};

mountAttributions(document.getElementById('app') as HTMLElement, host as never);
