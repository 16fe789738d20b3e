// Test models without feature names: a committed fixture with one metadata entry dropped from its bytes.

/** Reads a protobuf varint at `at`: its value and the offset after it. */
function varint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return { value, next: at };
    scale *= 128;
  }
}

/** The (field, start, end) of each top-level field of a protobuf message. */
function fields(bytes: Uint8Array): { field: number; start: number; body: number; end: number }[] {
  const out: { field: number; start: number; body: number; end: number }[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const tag = varint(bytes, at);
    at = tag.next;
    const wireType = tag.value & 7;
    let body = at;
    if (wireType === 0) at = varint(bytes, at).next;
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = varint(bytes, at);
      body = length.next;
      at = length.next + length.value;
    } else throw new Error(`wire type ${wireType} at byte ${start}`);
    out.push({ field: Math.floor(tag.value / 8), start, body, end: at });
  }
  return out;
}

const METADATA_PROPS = 14; // ModelProto.metadata_props: StringStringEntryProto { key = 1; value = 2 }

/** The model without the metadata entry `key` (e.g. "feature_names"), everything else byte for byte. */
export function withoutMetadata(model: Uint8Array, key: string): Uint8Array {
  const kept: Uint8Array[] = [];
  for (const f of fields(model)) {
    if (f.field === METADATA_PROPS) {
      const entry = model.subarray(f.body, f.end);
      const keyField = fields(entry).find((e) => e.field === 1);
      const name = keyField ? new TextDecoder().decode(entry.subarray(keyField.body, keyField.end)) : '';
      if (name === key) continue;
    }
    kept.push(model.subarray(f.start, f.end));
  }
  return Buffer.concat(kept);
}
