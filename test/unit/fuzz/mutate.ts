/**
 * Seeded mutations for the fuzz tests: byte-level corruptions (flips, truncation, junk, a huge length), text-level
 * ones that hit what parsers branch on (quotes, delimiters, brackets, odd numbers), and JSON-tree ones that keep the
 * document valid JSON so the code past the parser is reached.
 */

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** One random corruption of binary bytes. */
export function mutateBytes(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length < 8) return Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => random() * 256);
  const at = () => Math.floor(random() * bytes.length);
  const kind = Math.floor(random() * 5);
  if (kind === 0) {
    const out = bytes.slice();
    for (let k = 1 + Math.floor(random() * 8); k > 0; k--) out[at()] ^= 1 << Math.floor(random() * 8);
    return out;
  }
  if (kind === 1) return bytes.slice(0, at());
  if (kind === 2) {
    const i = at();
    const junk = Uint8Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256));
    const out = new Uint8Array(bytes.length + junk.length);
    out.set(bytes.subarray(0, i));
    out.set(junk, i);
    out.set(bytes.subarray(i), i + junk.length);
    return out;
  }
  const out = bytes.slice();
  // A size or length field set to an extreme: all ones, or zero, somewhere in the first bytes where headers live.
  const where = kind === 3 ? Math.floor(random() * Math.min(bytes.length - 4, 96)) : at();
  const value = pick(random, [0xff, 0x00, 0x7f, 0x80]);
  for (let k = 0; k < 4 && where + k < out.length; k++) out[where + k] = value;
  return out;
}

const TOKENS = [
  '"',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '{',
  '}',
  '[',
  ']',
  ':',
  "'",
  'NaN',
  '-',
  '1e999',
  '-1e-999',
  '9007199254740993',
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\u00e9',
  '\ud83d\ude00',
  'null',
  'true',
  '=',
  '0x1F',
  '(',
  ')',
  '-1',
  '99999999999',
];

/** One random corruption of text: tokens inserted or replaced, a slice deleted, duplicated or cut. */
export function mutateText(text: string, random: Random): string {
  const at = () => Math.floor(random() * (text.length + 1));
  const kind = Math.floor(random() * 6);
  if (kind === 0) {
    let out = text;
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
      const i = Math.floor(random() * (out.length + 1));
      out = out.slice(0, i) + pick(random, TOKENS) + out.slice(i);
    }
    return out;
  }
  if (kind === 1) {
    const i = at();
    return text.slice(0, i) + pick(random, TOKENS) + text.slice(i + 1 + Math.floor(random() * 8));
  }
  if (kind === 2) {
    const i = at();
    return text.slice(0, i) + text.slice(i + 1 + Math.floor(random() * 64));
  }
  if (kind === 3) {
    const i = at();
    const j = Math.min(text.length, i + Math.floor(random() * 200));
    return text.slice(0, j) + text.slice(i, j) + text.slice(j);
  }
  if (kind === 4) return text.slice(0, at());
  // A number replaced by an odd one.
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
  if (numbers.length === 0) return text + pick(random, TOKENS);
  const m = pick(random, numbers);
  const i = m.index ?? 0;
  return (
    text.slice(0, i) +
    pick(random, ['-1', '0', '1e308', '-0', '4294967296', 'NaN', '1.5']) +
    text.slice(i + m[0].length)
  );
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -2147483649,
  '',
  'x',
  '[MASK]',
  [],
  {},
  [0],
  { a: 1 },
];

/** A copy of a JSON document with one node replaced, deleted or duplicated: valid JSON that may break every assumption. */
export function mutateJson(doc: Json, random: Random): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  // Walk down a random path, then change the node there.
  let node: Json = copy;
  for (let depth = 0; depth < 8; depth++) {
    const keys = containerKeys(node);
    if (keys.length === 0) break;
    const key = pick(random, keys);
    const child = (node as Record<string, Json>)[key];
    if (containerKeys(child).length === 0 || random() < 0.3) {
      const kind = Math.floor(random() * 3);
      if (kind === 0) (node as Record<string, Json>)[key] = pick(random, ODD_VALUES);
      else if (kind === 1 && Array.isArray(node)) node.splice(Number(key), 1);
      else if (kind === 1) delete (node as Record<string, Json>)[key];
      else if (Array.isArray(node)) node.push(child);
      else (node as Record<string, Json>)[`${key}_`] = child;
      return copy;
    }
    node = child;
  }
  return copy;
}

function containerKeys(node: Json): string[] {
  if (Array.isArray(node)) return node.map((_, i) => String(i));
  if (node !== null && typeof node === 'object') return Object.keys(node);
  return [];
}

/** The fuzz tests' bound on any one case. */
export const MAX_CASE_MS = 2000;

/** Why an error is not an acceptable ending, or undefined when it is (a DataError or a plain Error, one line, naming the file). */
export function badEnding(e: unknown, fileName: string): string | undefined {
  if (!(e instanceof Error)) return `threw a non-error ${typeof e}: ${String(e)}`;
  if (e.name !== 'DataError' && e.constructor !== Error) return `leaked ${e.name}: ${e.message}`;
  if (e.message.includes('\n')) return `a message of several lines: ${JSON.stringify(e.message)}`;
  if (/\n\s+at |\bat .*\(.*:\d+:\d+\)/.test(e.message)) return `a stack in the message: ${e.message}`;
  if (!e.message.includes(fileName)) return `a message not naming ${fileName}: ${e.message}`;
  return undefined;
}

export interface Tally {
  results: number;
  errors: number;
  worstMs: number;
}

/**
 * Runs one case, timed: a result or an acceptable error counts; anything else throws with the seed and case index
 * so the failure can be replayed alone.
 */
export async function runCase(tally: Tally, label: string, fileName: string, body: () => unknown): Promise<void> {
  const t0 = performance.now();
  let failure: string | undefined;
  try {
    await body();
    tally.results++;
  } catch (e) {
    failure = badEnding(e, fileName);
    if (!failure) tally.errors++;
  }
  const ms = performance.now() - t0;
  tally.worstMs = Math.max(tally.worstMs, ms);
  if (failure) throw new Error(`${label}: ${failure}`);
  if (ms > MAX_CASE_MS) throw new Error(`${label}: took ${ms.toFixed(0)} ms (bound ${MAX_CASE_MS} ms)`);
}
