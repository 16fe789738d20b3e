// Test-only: write .npy bytes per numpy's format docs (magic, version, header dict padded so the
// data starts at a multiple of 64, then the raw values).

export type NpyDtype = '<f4' | '<f8' | '<i4' | '<i8' | '|u1' | '|b1' | '>f8';

export function writeNpy(
  values: ArrayLike<number>,
  shape: number[],
  dtype: NpyDtype,
  fortran = false,
  version = 1,
): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${dtype}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  const pad = (64 - ((prefix + header.length + 1) % 64)) % 64;
  header = header + ' '.repeat(pad) + '\n';
  const size = { '<f4': 4, '<f8': 8, '<i4': 4, '<i8': 8, '|u1': 1, '|b1': 1, '>f8': 8 }[dtype];
  const out = new Uint8Array(prefix + header.length + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), prefix);
  // Fortran order stores column by column: element (i, j) of a rows x cols array at j * rows + i.
  const [rows, cols] = shape.length === 2 ? shape : [1, shape[0]];
  const at0 = prefix + header.length;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      const at = at0 + (fortran ? j * rows + i : i * cols + j) * size;
      if (dtype === '<f4') view.setFloat32(at, v, true);
      else if (dtype === '<f8') view.setFloat64(at, v, true);
      else if (dtype === '>f8') view.setFloat64(at, v, false);
      else if (dtype === '<i4') view.setInt32(at, v, true);
      else if (dtype === '<i8') view.setBigInt64(at, BigInt(v), true);
      else view.setUint8(at, v);
    }
  }
  return out;
}
