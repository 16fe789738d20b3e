/**
 * Partial results as deltas: only the rows new since the last partial, their numbers packed in typed arrays
 * (transferable between threads, compact to a webview), and the merge that rebuilds the attribution from them.
 * The worker encodes; the host and the webview merge with the same function.
 */
import type { Attribution } from './attributionTypes';

/** Fields that describe the whole run rather than a row: sent first, and again only when they change. */
const HEADER_FIELDS = [
  'method',
  'output',
  'output_columns',
  'feature_names',
  'link',
  'kind',
  'image',
  'tolerance',
  'sequence',
  'output_target',
] as const;

/** Per-row numeric fields and how deeply each nests (rows: 1, [row][feature]: 2, [row][feature][column]: 3). */
const NUMERIC_ROW_FIELDS = {
  rows: 1,
  feature_values: 2,
  values: 3,
  predictions: 2,
  raw_predictions: 2,
  row_base_values: 2,
  segments: 1,
  targets: 2,
  pixel_values: 3,
  segment_map: 2,
  std_errors: 3,
  windows: 3,
  step_values: 3,
  signal: 3,
  intercept: 2,
  local_prediction: 2,
  score: 2,
} as const;

/** Per-row fields of strings, booleans or small objects: sent as they are. */
const OTHER_ROW_FIELDS = ['files', 'tokens', 'converged', 'faithfulness'] as const;

type HeaderField = (typeof HEADER_FIELDS)[number];
type NumericRowField = keyof typeof NUMERIC_ROW_FIELDS;
type OtherRowField = (typeof OTHER_ROW_FIELDS)[number];
type RowField = NumericRowField | OtherRowField;
type Unclassified = Exclude<keyof Attribution, HeaderField | RowField | 'base_values' | 'evaluations' | 'seconds'>;
// A field added to Attribution must be classified here, or partial results would silently drop it.
const everyFieldClassified: [Unclassified] extends [never] ? true : Unclassified = true;
void everyFieldClassified;

export type AttributionHeader = Pick<Attribution, HeaderField>;

/** A per-row numeric field's new entries: each nested array's length in pre-order, then the numbers in order. */
export interface PackedRows {
  /** The entry the packed ones start at; the receiver drops what it has from there on. */
  start: number;
  count: number;
  lengths: Int32Array;
  values: Float64Array;
}

export interface PartialRows {
  /** The first delta of a run: the receiver starts a new attribution. */
  first: boolean;
  /** In the first delta, and in any later one where one of these fields changed. */
  header?: AttributionHeader;
  base_values: Float64Array;
  evaluations: number;
  seconds: number;
  numbers: { [F in NumericRowField]?: PackedRows };
  others: { [F in OtherRowField]?: { start: number; entries: NonNullable<Attribution[F]> } };
}

interface FieldSent {
  length: number;
  /** A copy of the last entry sent: a draft row may be refined in place, and is then sent again. */
  last: unknown;
}

/**
 * Turns each cumulative partial attribution of one run into the delta since the previous one. Only the last
 * row may change once sent (a coarse draft that refines); it is compared and sent again when it did.
 */
export function partialRowsSender(): (attribution: Attribution) => PartialRows {
  const sent = new Map<RowField, FieldSent>();
  let header: string | undefined;
  return (a) => {
    const first = header === undefined;
    const h = headerOf(a);
    const hText = JSON.stringify(h);
    const delta: PartialRows = {
      first,
      ...(hText !== header && { header: h }),
      base_values: Float64Array.from(a.base_values),
      evaluations: a.evaluations,
      seconds: a.seconds,
      numbers: {},
      others: {},
    };
    header = hText;
    for (const field of [...(Object.keys(NUMERIC_ROW_FIELDS) as NumericRowField[]), ...OTHER_ROW_FIELDS]) {
      const list = a[field] as readonly unknown[] | undefined;
      if (!list) continue;
      const before = sent.get(field);
      const start = firstUnsent(before, list);
      sent.set(field, { length: list.length, last: structuredClone(list[list.length - 1]) });
      // Nothing new and nothing dropped (a draft row that did not finish is cut with an empty delta).
      if (start === list.length && before?.length === list.length) continue;
      const entries = list.slice(start);
      if (field in NUMERIC_ROW_FIELDS) {
        delta.numbers[field as NumericRowField] = pack(entries, start, NUMERIC_ROW_FIELDS[field as NumericRowField]);
      } else {
        (delta.others as Record<string, unknown>)[field] = { start, entries };
      }
    }
    return delta;
  };
}

function firstUnsent(before: FieldSent | undefined, list: readonly unknown[]): number {
  if (!before) return 0;
  const start = Math.min(before.length, list.length);
  if (start > 0 && start === before.length && !sameValue(list[start - 1], before.last)) return start - 1;
  return start;
}

/** The buffers of a delta's typed arrays, to transfer rather than copy. */
export function transferOf(delta: PartialRows): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [delta.base_values.buffer as ArrayBuffer];
  for (const p of Object.values(delta.numbers))
    buffers.push(p.lengths.buffer as ArrayBuffer, p.values.buffer as ArrayBuffer);
  return buffers;
}

/**
 * Applies a delta to the attribution merged so far (in place), or starts a new one with the first delta.
 * Returns the merged attribution.
 */
export function mergePartialRows(merged: Attribution | undefined, delta: PartialRows): Attribution {
  let a: Attribution;
  if (delta.first || !merged) {
    if (!delta.header)
      throw new Error("A partial result arrived without the run's fields (method, features, outputs).");
    a = {
      ...delta.header,
      rows: [],
      feature_values: [],
      values: [],
      base_values: [],
      predictions: [],
      evaluations: 0,
      seconds: 0,
    };
  } else {
    a = merged;
    if (delta.header) Object.assign(a, delta.header);
  }
  a.base_values = Array.from(delta.base_values);
  a.evaluations = delta.evaluations;
  a.seconds = delta.seconds;
  const target = a as unknown as Record<string, unknown[] | undefined>;
  for (const [field, p] of Object.entries(delta.numbers)) {
    const depth = NUMERIC_ROW_FIELDS[field as NumericRowField];
    if (depth === undefined) continue;
    splice(target, field, p.start, unpack(p, depth, field));
  }
  for (const [field, o] of Object.entries(delta.others)) splice(target, field, o.start, o.entries as unknown[]);
  return a;
}

function splice(target: Record<string, unknown[] | undefined>, field: string, start: number, entries: unknown[]): void {
  const list = (target[field] ??= []);
  if (start > list.length)
    throw new Error(`A partial result skipped entries of '${field}' (${start} after ${list.length}).`);
  list.length = start;
  for (const e of entries) list.push(e);
}

function headerOf(a: Attribution): AttributionHeader {
  const h: Record<string, unknown> = {};
  for (const f of HEADER_FIELDS) if (a[f] !== undefined) h[f] = a[f];
  return h as unknown as AttributionHeader;
}

function pack(entries: readonly unknown[], start: number, depth: number): PackedRows {
  const lengths: number[] = [];
  const values: number[] = [];
  const walk = (list: readonly unknown[], d: number) => {
    if (d === 1) {
      for (const v of list) values.push(v as number);
      return;
    }
    for (const inner of list as readonly (readonly unknown[])[]) {
      lengths.push(inner.length);
      walk(inner, d - 1);
    }
  };
  walk(entries, depth);
  return { start, count: entries.length, lengths: Int32Array.from(lengths), values: Float64Array.from(values) };
}

function unpack(p: PackedRows, depth: number, field: string): unknown[] {
  let l = 0;
  let v = 0;
  const read = (count: number, d: number): unknown[] => {
    if (d === 1) {
      if (v + count > p.values.length)
        throw new Error(`A partial result's '${field}' has fewer numbers than its shape says.`);
      const out = Array.from(p.values.subarray(v, v + count));
      v += count;
      return out;
    }
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) {
      if (l >= p.lengths.length)
        throw new Error(`A partial result's '${field}' has fewer lengths than its shape says.`);
      out.push(read(p.lengths[l++], d - 1));
    }
    return out;
  };
  return read(p.count, depth);
}

/** Deep equality of JSON-like values, NaN equal to itself (a draft row is sent again only when it changed). */
function sameValue(x: unknown, y: unknown): boolean {
  if (Object.is(x, y)) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => sameValue((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}
