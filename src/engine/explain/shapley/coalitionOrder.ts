/**
 * An order to build coalitions' rows in: by rank along the reflected binary Gray code, so consecutive
 * coalitions differ in few groups and each one's rows start as a copy of the previous one's with a column
 * or two rewritten (on KernelSHAP's pairs of 13 features: 2.6 columns a coalition instead of 4.4).
 */

/** Groups at most for an ordering (a coalition's bits must fit in one integer). */
const MAX_ORDERED_GROUPS = 24;
/** Coalitions at most: rank and index share a float64's 53 exact bits. */
const MAX_ORDERED_COUNT = 2 ** 28;

/** Coalition indices in build order, or undefined to keep the given order (already in order, few, or many groups). */
export function coalitionOrder(masks: Uint8Array, count: number, g: number): Int32Array | undefined {
  if (count < 3 || g > MAX_ORDERED_GROUPS || count > MAX_ORDERED_COUNT) return undefined;
  // Gray rank in the high bits, the coalition's index in the low ones: one numeric sort, ties kept in order.
  const keys = new Float64Array(count);
  const indexBits = 2 ** Math.ceil(Math.log2(count + 1));
  for (let k = 0; k < count; k++) {
    let bits = 0;
    for (let i = 0; i < g; i++) bits = bits * 2 + masks[k * g + i];
    keys[k] = grayRank(bits) * indexBits + k;
  }
  let sorted = true;
  for (let k = 1; k < count && sorted; k++) sorted = keys[k - 1] < keys[k];
  if (sorted) return undefined;
  keys.sort();
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = keys[k] % indexBits;
  return order;
}

/** The position of a Gray codeword in the reflected binary Gray sequence (its prefix XOR). */
export function grayRank(code: number): number {
  let rank = code;
  for (let shift = 1; shift < 32; shift *= 2) rank ^= rank >>> shift;
  return rank;
}

/** The coalitions reordered (`order[t]` goes to place t), with where each one went. */
export function reorderCoalitions(
  masks: Uint8Array,
  count: number,
  g: number,
): { masks: Uint8Array; placeOf: Int32Array } {
  const order = coalitionOrder(masks, count, g);
  const placeOf = new Int32Array(count);
  if (!order) {
    for (let k = 0; k < count; k++) placeOf[k] = k;
    return { masks, placeOf };
  }
  const out = new Uint8Array(count * g);
  for (let t = 0; t < count; t++) {
    out.set(masks.subarray(order[t] * g, (order[t] + 1) * g), t * g);
    placeOf[order[t]] = t;
  }
  return { masks: out, placeOf };
}
