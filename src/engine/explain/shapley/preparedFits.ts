/**
 * The prepared fits (design matrix, inverse normal matrix, leverages) kept between explanations. A fit depends
 * only on the coalition design and the triples, not on the model or the rows, so explaining more rows with the
 * same method, budget and seed (the panel's usual re-run) reuses it. Keyed by content and compared in full on a
 * hit; the least recently used are dropped past a byte budget.
 */
import { prepareFit, type PairDesign, type PreparedFit } from './pairedFit';

/** Bytes the kept fits may hold (a 13-feature design with all 286 triples takes about 2 MB). */
const BUDGET_BYTES = 24 * 2 ** 20;

interface Entry {
  design: PairDesign;
  triples: Int32Array;
  fit: PreparedFit;
  bytes: number;
}

const kept = new Map<string, Entry[]>();
let keptBytes = 0;

export function preparedFitFor(design: PairDesign, triples: Int32Array): PreparedFit {
  const key = keyOf(design, triples);
  const entries = kept.get(key) ?? [];
  const hit = entries.find((e) => sameDesign(e.design, design) && sameArray(e.triples, triples));
  if (hit) {
    // Most recently used last: Map iteration order is insertion order.
    kept.delete(key);
    kept.set(key, entries);
    return hit.fit;
  }
  const fit = prepareFit(design, triples);
  const entry = { design, triples, fit, bytes: bytesOf(fit) };
  kept.delete(key);
  kept.set(key, [...entries, entry]);
  keptBytes += entry.bytes;
  for (const [k, list] of kept) {
    if (keptBytes <= BUDGET_BYTES || k === key) break;
    kept.delete(k);
    for (const e of list) keptBytes -= e.bytes;
  }
  return fit;
}

/** Forgets every kept fit (tests, and the soak benchmark's baseline). */
export function clearPreparedFits(): void {
  kept.clear();
  keptBytes = 0;
}

export function preparedFitBytes(): number {
  return keptBytes;
}

function bytesOf(f: PreparedFit): number {
  // The pair influence (count x m doubles), the cluster numbers and the scratch arrays for a row's fit (in
  // blocks of four columns, at most a cluster per pair) are filled in on first use: count them now.
  const { count, m } = f.design;
  const scratch = (count * m * 4 + 2 * count * 4 + 2 * f.p * 4) * 8;
  const lazy = count * m * 8 + count * 8 + scratch;
  const arrays = [f.inverse, f.lt, f.index, f.start, f.pairs, f.termStart, f.weightSign, f.last, f.sign, f.inflate];
  return arrays.reduce((s, a) => s + a.byteLength, lazy);
}

/** FNV-1a over the design's masks, weights and strata and the triples: a bucket, not an identity. */
function keyOf(d: PairDesign, triples: Int32Array): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  };
  mix(d.masks);
  mix(new Uint8Array(d.weights.buffer, d.weights.byteOffset, d.weights.byteLength));
  mix(new Uint8Array(triples.buffer, triples.byteOffset, triples.byteLength));
  return `${d.m}:${d.count}:${triples.length}:${(h >>> 0).toString(16)}`;
}

function sameDesign(a: PairDesign, b: PairDesign): boolean {
  return (
    a.m === b.m &&
    a.count === b.count &&
    sameArray(a.masks, b.masks) &&
    sameArray(a.weights, b.weights) &&
    sameArray(a.stratum, b.stratum) &&
    sameArray(a.cluster, b.cluster) &&
    sameArray(a.fraction, b.fraction)
  );
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
