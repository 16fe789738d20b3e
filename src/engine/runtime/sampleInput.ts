/** Makes a deterministic input of the right type and shape for a first "Run once". */
import type { Dim, ElementType, NumericArray, TensorData, TensorInfo } from './backend';
import { elementCount } from './backend';
import { dimKey, type SampleOptions } from '../../protocol/modelTypes';

export const MAX_SAMPLE_ELEMENTS = 16_000_000;

export { dimKey, type SampleOptions };

export function concreteDims(name: string, shape: readonly Dim[], options: SampleOptions): number[] {
  return shape.map((d, axis) =>
    typeof d === 'number' && d >= 0 ? d : (options.dimSizes?.[dimKey(name, axis, d)] ?? options.defaultDimSize),
  );
}

/** Values follow a fixed ramp in [-1, 1) so a run is reproducible and not all zeros. */
export function sampleTensor(info: TensorInfo, options: SampleOptions): TensorData {
  const dims = concreteDims(info.name, info.shape, options);
  const n = elementCount(dims);
  if (n > MAX_SAMPLE_ELEMENTS) {
    throw new Error(
      `Input '${info.name}' would have ${n} elements with shape [${dims.join(', ')}]; set smaller sizes for its free dimensions.`,
    );
  }
  const type = info.elementType as ElementType;
  const constant = options.fill?.[info.name];
  const ramp = constant !== undefined ? () => constant : (i: number) => ((i * 37) % 200) / 100 - 1;
  const bit = constant !== undefined ? () => Math.trunc(constant) : (i: number) => i % 2;
  let data: NumericArray | string[];
  switch (type) {
    case 'float32':
    case 'float64': {
      // A plain loop: typed-array `from` with a callback costs tens of ms for an image batch, inside a profile.
      const values = type === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = ramp(i);
      data = values;
      break;
    }
    case 'int64':
      data = BigInt64Array.from({ length: n }, (_, i) => BigInt(bit(i)));
      break;
    case 'uint64':
      data = BigUint64Array.from({ length: n }, (_, i) => BigInt(bit(i)));
      break;
    case 'int32':
      data = Int32Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'uint32':
      data = Uint32Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'int16':
      data = Int16Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'uint16':
      data = Uint16Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'int8':
      data = Int8Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'uint8':
    case 'bool':
      data = Uint8Array.from({ length: n }, (_, i) => bit(i));
      break;
    case 'string':
      data = Array.from({ length: n }, (_, i) => `s${i}`);
      break;
    default:
      throw new Error(`Input '${info.name}' has element type ${info.elementType}, which Model Lens cannot generate.`);
  }
  return { type, dims, data };
}

export function previewValues(data: TensorData['data'], count: number): (number | string)[] {
  const out: (number | string)[] = [];
  const n = Math.min(count, data.length);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    out.push(typeof v === 'bigint' ? Number(v) : v);
  }
  return out;
}
