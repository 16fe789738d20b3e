/** A text's units as the view draws them: where spaces go between them, and each one's colour on a symmetric scale. */

export type Sign = 'positive' | 'negative' | 'zero';

/** A value's colour on a symmetric scale: its sign picks red or blue, |value| / scale the strength (0..1). */
export interface Shade {
  sign: Sign;
  strength: number;
}

/** Zero, NaN, |value| under `floor` and an empty scale are uncoloured; |value| at or above the scale is full strength. */
export function divergingShade(value: number, scale: number, floor = 0): Shade {
  if (!Number.isFinite(value) || value === 0 || !(scale > 0) || Math.abs(value) < floor)
    return { sign: 'zero', strength: 0 };
  return { sign: value > 0 ? 'positive' : 'negative', strength: Math.min(1, Math.abs(value) / scale) };
}

/** The largest finite |value|: the scale several rows share so their colours compare (as shap's text plot). */
export function sharedScale(rows: readonly (readonly number[])[]): number {
  let m = 0;
  for (const row of rows) for (const v of row) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** Below this fraction of the largest |value| a value is drawn clear (floating-point noise beside real values). */
export const RELATIVE_FLOOR = 1e-6;
/** Below this fraction of the output's size every value is noise: nothing is coloured and the legend says so. */
export const ABSOLUTE_FLOOR = 1e-9;

export interface ColourScale {
  /** |value| drawn at full colour; 0 when every value is noise ("no attribution"). */
  scale: number;
  /** |value| under this is drawn clear. */
  floor: number;
}

/**
 * The shared scale with a floor, so values at 1e-11 draw as nothing rather than full red: `outputSize` is
 * the largest |output| the values explain (predictions and bases), which sets what counts as noise.
 */
export function flooredScale(rows: readonly (readonly number[])[], outputSize: number): ColourScale {
  const size = Number.isFinite(outputSize) && outputSize > 0 ? outputSize : 1;
  const absolute = ABSOLUTE_FLOOR * size;
  const largest = sharedScale(rows);
  if (largest < absolute) return { scale: 0, floor: absolute };
  return { scale: largest, floor: Math.max(absolute, RELATIVE_FLOOR * largest) };
}

export interface UnitText {
  /** What is printed for the unit (a WordPiece "##ing" prints "ing"). */
  text: string;
  /** A space before it: not for the first unit, a sub-word continuation or closing punctuation. */
  spaceBefore: boolean;
}

/** Punctuation that sits against the word before it. */
const CLOSING = /^[.,!?;:%)\]}'"»”’…]+$/;
/** Punctuation the next word sits against. */
const OPENING = /^[([{«“‘"'$#]$/;

/**
 * Units laid out as a sentence: WordPiece continuations ("##") join the unit before; byte-level BPE ("Ġ")
 * and SentencePiece ("▁") markers stand for a space; punctuation closes up as in print.
 */
export function unitLayout(tokens: readonly string[]): UnitText[] {
  return tokens.map((token, i) => {
    if (token.startsWith('##') && token.length > 2) return { text: token.slice(2), spaceBefore: false };
    if (/^[Ġ▁]/.test(token)) return { text: token.slice(1) || token, spaceBefore: i > 0 };
    const afterOpening = i > 0 && OPENING.test(tokens[i - 1]);
    return { text: token, spaceBefore: i > 0 && !CLOSING.test(token) && !afterOpening };
  });
}

/**
 * Names for units in a chart's rows: the text itself, with its position (1-based) when the same text is
 * there more than once ("the (1)", "the (5)"), so two bars of one word are told apart.
 */
export function unitLabels(tokens: readonly string[]): string[] {
  const texts = unitLayout(tokens).map((u) => u.text);
  const count = new Map<string, number>();
  for (const t of texts) count.set(t, (count.get(t) ?? 0) + 1);
  return texts.map((t, i) => ((count.get(t) ?? 0) > 1 ? `${t} (${i + 1})` : t));
}
