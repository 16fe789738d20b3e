/**
 * What an explanation may allocate, and the estimates each method checks before it allocates: a run
 * that would not fit is refused with a message naming the limit and what to change, never an
 * allocation crash half-way (V8 throws on typed arrays past a few GB, and a laptop swaps long before).
 */

const MB = 2 ** 20;
const GB = 2 ** 30;

/** The largest part of an explanation planned at once (coalition masks, model outputs, sample rows). */
export const ALLOCATION_LIMIT = 512 * MB;
/** TreeSHAP's per-leaf tables; past it the pair walk (same values, no tables) is used. */
export const LEAF_TABLE_LIMIT = 256 * MB;
/** Offsets into the tables are Int32. */
export const INT32_MAX = 2 ** 31 - 1;

export class SizeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SizeLimitError';
  }
}

/** An allocation planned: what it is for ("kernel with 30 features and 62 coalitions needs"), its size, the remedy. */
export interface Estimate {
  what: string;
  bytes: number;
  advice: string;
}

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

export function exceeds(e: Estimate, limit = ALLOCATION_LIMIT): string | undefined {
  if (!(e.bytes > limit)) return undefined;
  return `${e.what} ${formatBytes(e.bytes)}; the limit is ${formatBytes(limit)}: ${e.advice}`;
}

export function ensureFits(e: Estimate, limit = ALLOCATION_LIMIT): void {
  const message = exceeds(e, limit);
  if (message) throw new SizeLimitError(message);
}

/** Every estimate that applies, the largest first wins. */
export function ensureAllFit(estimates: Estimate[], limit = ALLOCATION_LIMIT): void {
  for (const e of estimates) ensureFits(e, limit);
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** KernelSHAP: the coalition masks (a set, its sorted copy and sort keys: ~4 bytes per mask element) and the (M-1)^2 normal matrix. */
export function kernelSize(m: number, budget: number): Estimate[] {
  const coalitions = Math.min(budget, 2 ** m - 2);
  return [
    {
      what: `kernel with ${count(m)} features and ${count(coalitions)} coalitions needs`,
      bytes: coalitions * m * 4 + coalitions * 8,
      advice: 'set --samples lower or explain fewer features',
    },
    {
      what: `kernel with ${count(m)} features needs for its normal equations`,
      bytes: (m - 1) ** 2 * 8,
      advice: 'explain fewer features (group them), or use the permutation method',
    },
  ];
}

/** Exact: all 2^M coalition masks and their values. */
export function exactSize(m: number, columns = 1): Estimate {
  return {
    what: `exact with ${count(m)} features (2^${m} coalitions) needs`,
    bytes: 2 ** m * (m + 8 * columns),
    advice: 'use kernel or permutation, or explain fewer features',
  };
}

/** Permutation sampling: the masks of every order's M - 1 inner coalitions, and their values. */
export function permutationSize(m: number, orders: number, columns = 1): Estimate {
  const coalitions = orders * Math.max(0, m - 1);
  return {
    what: `permutation with ${count(m)} features and ${count(orders)} permutations needs`,
    bytes: coalitions * (m + 8 * columns),
    advice: 'set --samples lower or explain fewer features',
  };
}

/** One coalition's rows (every background row with the coalition's columns written in), built as a block. */
export function coalitionBlockSize(backgroundRows: number, rowWidth: number, bytesPerElement: number): Estimate {
  return {
    what: `one coalition over ${count(backgroundRows)} background rows of ${count(rowWidth)} elements needs`,
    // The block, x repeated once per background row, and the background in the row type.
    bytes: 3 * backgroundRows * rowWidth * bytesPerElement,
    advice: 'set the background size lower',
  };
}

/** LIME: its samples' 0/1 features and their rows of the input. */
export function limeSize(samples: number, features: number, rowWidth: number): Estimate {
  return {
    what: `LIME with ${count(samples)} samples of ${count(rowWidth)} elements needs`,
    bytes: samples * (features + 8 * rowWidth + 8),
    advice: 'set --samples lower',
  };
}

/** Permutation importance: a shuffled order per feature and repeat, and the model's outputs for every copy. */
export function importanceSize(rows: number, features: number, repeats: number, columns: number): Estimate {
  return {
    what: `permutation importance of ${count(features)} features over ${count(rows)} rows and ${repeats} repeats needs`,
    bytes: features * repeats * rows * (4 + 8 * columns),
    advice: 'use fewer rows or repeats',
  };
}

/** Partial dependence: every row at every grid point, its outputs and ICE curves. */
export function pdpSize(rows: number, points: number, columns: number): Estimate {
  return {
    what: `partial dependence over ${count(rows)} rows and ${count(points)} grid points needs`,
    bytes: rows * points * columns * 16,
    advice: 'set fewer rows (--max-rows) or grid points (--points)',
  };
}

/** TreeSHAP's leaf tables: a weight per mask of each leaf's path (paths of up to 12 features) and each leaf's distinct background masks. */
export function leafTableSize(pathFeatures: ArrayLike<number>, backgroundRows: number) {
  let slots = 0;
  let masks = 0;
  for (let l = 0; l < pathFeatures.length; l++) {
    const k = pathFeatures[l];
    if (k <= 12) slots += 2 ** k;
    masks += Math.min(backgroundRows, 2 ** Math.min(k, 31));
  }
  return { bytes: slots * 8 + masks * 12, slots, masks };
}
