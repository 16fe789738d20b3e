// The shap package's way of spending KernelSHAP's budget after the whole sizes (each sample's size
// drawn from the kernel's mass, duplicates adding weight): the baseline Model Lens must not do worse than.
import { drawIndex } from '../../../../src/engine/explain/random';
import type { SampleRest } from '../../../../src/engine/explain/shapley/kernelPlan';

export const shapRest: SampleRest = (set, m, mass, fullSizes, pairedSizes, left, random) => {
  const fixed = set.count;
  // Each draw of a paired size yields two coalitions, so its probability is halved.
  const p = Float64Array.from(mass.subarray(fullSizes), (w, i) => (i + fullSizes + 1 <= pairedSizes ? w / 2 : w));
  const sum = p.reduce((a, b) => a + b, 0);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  const mask = new Uint8Array(m);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  const maxDraws = 4 * left + 64;
  for (let draws = 0; left > 0 && draws < maxDraws; draws++) {
    const size = drawIndex(p, random) + fullSizes + 1;
    // A random subset of `size` members: the first `size` of a partial shuffle.
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (m - i));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    mask.fill(0);
    for (let i = 0; i < size; i++) mask[order[i]] = 1;
    if (set.add(mask, 1)) left--;
    if (left > 0 && size <= pairedSizes) {
      for (let i = 0; i < m; i++) mask[i] ^= 1;
      if (set.add(mask, 1)) left--;
    }
  }
  // The sampled coalitions share the kernel mass of the sizes not enumerated, in proportion to their draws.
  let massLeft = 0;
  for (let i = fullSizes; i < mass.length; i++) massLeft += mass[i];
  let drawn = 0;
  for (let k = fixed; k < set.count; k++) drawn += set.weights[k];
  for (let k = fixed; k < set.count; k++) set.weights[k] *= massLeft / drawn;
};
