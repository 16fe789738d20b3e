/** Seeded randomness for the sampling methods: same seed, same numbers. */
export { seededRandom } from '../data/background';

/** Standard normal draws from a uniform source (Box-Muller, one value per call). */
export function normalSource(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
export function randomPermutation(n: number, random: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** An index drawn with the given probabilities (they sum to 1). */
export function drawIndex(probabilities: ArrayLike<number>, random: () => number): number {
  let u = random();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i];
    if (u < 0) return i;
  }
  return probabilities.length - 1;
}
