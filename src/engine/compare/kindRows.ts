/**
 * Pictures, texts and sequences fed to both compared models: the kind of input's rows fix the free dims, and
 * inputs the data does not hold (a sequence model's sample rate or state) are filled at their held values.
 */
import type { KindRows } from '../inputs/kind';
import type { InferenceBackend, TensorInfo } from '../runtime/backend';
import { sampleTensor } from '../runtime/sampleInput';

/**
 * `backend` as runRows sees it: only the fed inputs, at the data's dims. Inputs pair with the rows' by position
 * in `readBy`'s inputs (the model whose kind read the rows), as compatibility pairs them.
 */
export function fedBackend(backend: InferenceBackend, rows: KindRows, readBy: readonly TensorInfo[]): InferenceBackend {
  const fed: TensorInfo[] = [];
  const held: { info: TensorInfo; value: number }[] = [];
  backend.inputs.forEach((info, i) => {
    const name = readBy[i]?.name;
    const f = rows.fed.find((x) => x.name === name);
    if (f) fed.push(f.dims ? { ...info, shape: [info.shape[0], ...f.dims] } : info);
    else if (name !== undefined && rows.held[name] !== undefined) held.push({ info, value: rows.held[name] });
    else throw new Error(`input '${info.name}' is not held by the data, so the same rows cannot feed both models`);
  });
  return {
    inputs: fed,
    outputs: backend.outputs,
    run: (feeds, outputs) => {
      const extra = held.map(({ info, value }) => [
        info.name,
        sampleTensor(info, { dimSizes: {}, defaultDimSize: 1, fill: { [info.name]: value } }),
      ]);
      return backend.run({ ...feeds, ...Object.fromEntries(extra) }, outputs);
    },
    dispose: () => backend.dispose(),
  };
}
