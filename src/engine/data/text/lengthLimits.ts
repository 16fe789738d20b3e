/**
 * Bounds on token counts, checked before anything is allocated: a tokenizer.json that pads to a billion tokens
 * is refused, and a very long text is cut before the tokenizer walks all of it.
 */

/** The most tokens a text may have when neither the model nor tokenizer_config.json says. */
export const DEFAULT_MAX_TOKENS = 8192;
/** No setting goes above this (model_max_length may say a million; an explanation of that many is no use). */
export const MAX_TOKENS_CEILING = 65536;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** tokenizer_config.json's model_max_length when it is a real bound (Transformers writes 1e30 for "none"). */
export function modelMaxLength(config: unknown): number | undefined {
  const v = isObject(config) ? config.model_max_length : undefined;
  return Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 1e6 ? (v as number) : undefined;
}

/** The most tokens a tokenizer may pad or cut to, and why (for messages): model_max_length, else 8192. */
export function tokenLimit(config: unknown): { tokens: number; why: string } {
  const max = modelMaxLength(config);
  if (max === undefined) return { tokens: DEFAULT_MAX_TOKENS, why: 'Model Lens explains without a model_max_length' };
  if (max > MAX_TOKENS_CEILING) return { tokens: MAX_TOKENS_CEILING, why: 'Model Lens explains at most' };
  return { tokens: max, why: "tokenizer_config.json's model_max_length allows" };
}

/**
 * Refuses tokenizer.json's padding.strategy.Fixed and truncation.max_length when they are not whole numbers
 * within the limit; `where` names the file. A model with a fixed length overrides both (they may exceed it).
 */
export function checkTokenizerLengths(json: unknown, config: unknown, where: string): void {
  if (!isObject(json)) return;
  const limit = tokenLimit(config);
  const padding = isObject(json.padding) ? json.padding : undefined;
  const truncation = isObject(json.truncation) ? json.truncation : undefined;
  const fields: [string, unknown][] = [
    ['padding.strategy.Fixed', isObject(padding?.strategy) ? padding.strategy.Fixed : undefined],
    ['truncation.max_length', truncation?.max_length],
  ];
  for (const [field, value] of fields) {
    if (value === undefined || value === null) continue;
    if (!Number.isSafeInteger(value) || (value as number) < 1)
      throw new Error(`${where}: ${field} is ${JSON.stringify(value)}, not a whole number of tokens`);
    if ((value as number) > limit.tokens)
      throw new Error(`${where}: ${field} is ${String(value)}, above the ${limit.tokens} tokens ${limit.why}`);
  }
}

/**
 * The start of a text that surely holds `maxTokens` tokens, and whether anything was cut: each whitespace-separated
 * word gives at least one token, so 2 * maxTokens words (and 100 characters a token) keep every token that fits.
 */
export function textStart(text: string, maxTokens: number): { text: string; cut: boolean } {
  const maxChars = 100 * maxTokens;
  let words = 0;
  let inWord = false;
  const end = Math.min(text.length, maxChars);
  for (let i = 0; i < end; i++) {
    const space = /\s/.test(text[i]);
    if (!space && !inWord && ++words > 2 * maxTokens) return { text: text.slice(0, i), cut: true };
    inWord = !space;
  }
  return end < text.length ? { text: text.slice(0, end), cut: true } : { text, cut: false };
}
