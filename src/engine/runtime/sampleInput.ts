/** Makes a deterministic input of the right type and shape for a first "Run once". */
import type { Dim, ElementType, NumericArray, TensorData, TensorInfo } from './backend';
import { elementCount } from './backend';

export const MAX_SAMPLE_ELEMENTS = 16_000_000;

export function concreteDims(shape: readonly Dim[], symbolicDimSize: number): number[] {
  return shape.map((d) => (typeof d === 'number' && d >= 0 ? d : symbolicDimSize));
}

/** Values follow a fixed ramp in [-1, 1) so a run is reproducible and not all zeros. */
export function sampleTensor(info: TensorInfo, symbolicDimSize: number): TensorData {
  const dims = concreteDims(info.shape, symbolicDimSize);
  const n = elementCount(dims);
  if (n > MAX_SAMPLE_ELEMENTS) {
    throw new Error(
      `Input '${info.name}' would have ${n} elements with shape [${dims.join(', ')}]; lower modelLens.symbolicDimSize.`,
    );
  }
  const type = info.elementType as ElementType;
  const ramp = (i: number) => ((i * 37) % 200) / 100 - 1;
  let data: NumericArray | string[];
  switch (type) {
    case 'float32':
      data = Float32Array.from({ length: n }, (_, i) => ramp(i));
      break;
    case 'float64':
      data = Float64Array.from({ length: n }, (_, i) => ramp(i));
      break;
    case 'int64':
      data = BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 2));
      break;
    case 'uint64':
      data = BigUint64Array.from({ length: n }, (_, i) => BigInt(i % 2));
      break;
    case 'int32':
      data = Int32Array.from({ length: n }, (_, i) => i % 2);
      break;
    case 'uint32':
      data = Uint32Array.from({ length: n }, (_, i) => i % 2);
      break;
    case 'int16':
      data = Int16Array.from({ length: n }, (_, i) => i % 2);
      break;
    case 'uint16':
      data = Uint16Array.from({ length: n }, (_, i) => i % 2);
      break;
    case 'int8':
      data = Int8Array.from({ length: n }, (_, i) => i % 2);
      break;
    case 'uint8':
    case 'bool':
      data = Uint8Array.from({ length: n }, (_, i) => i % 2);
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
