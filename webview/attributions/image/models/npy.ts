/** Maps saved as numpy .npy files (float32, little-endian, C order), for users who continue in Python. */

/** numpy's format spec, version 1.0: magic, version, little-endian header length, a dict padded to 64 bytes. */
export function npyFloat32(shape: readonly number[], data: ArrayLike<number>): Uint8Array {
  const count = shape.reduce((p, d) => p * d, 1);
  if (count !== data.length) throw new Error(`shape (${shape.join(', ')}) needs ${count} values, got ${data.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // The data starts on a 64-byte boundary: spaces pad the dict, a newline ends it.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + count * 4);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < count; i++) view.setFloat32(start + i * 4, data[i], true);
  return bytes;
}

/** Base64 of bytes (the host's save request carries binary files so), in chunks to keep arguments short. */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
