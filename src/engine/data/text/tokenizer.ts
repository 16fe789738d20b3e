/**
 * A Hugging Face tokenizer.json run by @huggingface/tokenizers (never a hand-written BPE or WordPiece), with
 * what explanations need on top: word boundaries (a word's sub-tokens move together), truncation that keeps
 * the special tokens, and the mask and pad tokens a hidden unit becomes.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { oneLine } from '../table';

export interface EncodedText {
  /** Token ids, special tokens included, before padding. */
  ids: number[];
  /** Token strings as the tokenizer writes them ("##able", "Ġworld"). */
  tokens: string[];
  typeIds: number[];
  /** Per token: the word it belongs to (0, 1, ... in order), or -1 for a special token the template added. */
  wordOf: number[];
  /** The text had more tokens than fit; the rest were cut. */
  truncated: boolean;
  /** False when word boundaries could not be matched to the tokens (each token is then its own word). */
  wordsFound: boolean;
}

export interface TextTokenizer {
  /** The mask token, when the tokenizer has one. */
  mask?: { id: number; token: string };
  pad?: { id: number; token: string };
  /** Tokens per example the tokenizer truncates to (tokenizer.json's truncation, else tokenizer_config's model_max_length). */
  maxLength?: number;
  /** A fixed length tokenizer.json pads every example to. */
  padTo?: number;
  /** Encodes one text, cutting content tokens (never the special ones) so that at most maxLength tokens remain. */
  encode(text: string, maxLength: number): EncodedText;
  /** Readable text of some tokens (the decoder's, so "un ##believ ##able" reads "unbelievable"). */
  decode(ids: number[]): string;
}

type Json = Record<string, unknown>;
const isTokenId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A token named in tokenizer_config.json: a string, or an AddedToken-like object with its content. */
function configToken(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v.content === 'string') return v.content;
  return undefined;
}

/**
 * Runs library code on a tokenizer built from a file: its TypeErrors on a corrupt file (a token that is not a
 * string, a missing table) become one line naming the file; the project's own errors pass as they are.
 */
function guarded<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof Error && e.constructor === Error && e.message.startsWith(where)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(oneLine(`${where} cannot be used by @huggingface/tokenizers: ${why}`));
  }
}

/**
 * The tokenizer from tokenizer.json's parsed JSON and, when present, tokenizer_config.json's (special token
 * names, model_max_length). Throws with `where` on a file the library cannot read.
 */
export function loadTokenizer(json: unknown, config: unknown, where: string): TextTokenizer {
  return guarded(where, () => buildTokenizer(json, config, where));
}

function buildTokenizer(json: unknown, config: unknown, where: string): TextTokenizer {
  if (!isObject(json) || !isObject(json.model)) {
    throw new Error(`${where} is not a Hugging Face tokenizer.json (it has no "model")`);
  }
  const cfg = isObject(config) ? config : {};
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(json, cfg);
  } catch (e) {
    throw new Error(
      oneLine(`${where} cannot be read by @huggingface/tokenizers: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const added = [...tok.get_added_tokens_decoder().values()];
  const idOf = (token: string): number | undefined =>
    tok.token_to_id(token) ?? added.find((a) => a.content === token)?.id;
  const named = (token: string | undefined) => {
    if (token === undefined) return undefined;
    const id = idOf(token);
    return isTokenId(id) ? { id, token } : undefined;
  };
  const byContent = (names: string[]) => named(added.find((a) => names.includes(a.content))?.content);
  const padding = isObject(json.padding) ? json.padding : undefined;
  const truncation = isObject(json.truncation) ? json.truncation : undefined;
  const mask = named(configToken(cfg.mask_token)) ?? byContent(['[MASK]', '<mask>', '<MASK>']);
  const pad =
    (typeof padding?.pad_token === 'string' && isTokenId(padding.pad_id)
      ? { id: padding.pad_id, token: padding.pad_token }
      : undefined) ??
    named(configToken(cfg.pad_token)) ??
    byContent(['[PAD]', '<pad>', '<PAD>']);
  const fixed = isObject(padding?.strategy) ? padding.strategy.Fixed : undefined;
  const modelMax =
    typeof cfg.model_max_length === 'number' && cfg.model_max_length <= 1e6 ? cfg.model_max_length : undefined;
  const maxLength = typeof truncation?.max_length === 'number' ? truncation.max_length : modelMax;
  // The library sets unk_token_id from the model for WordPiece and BPE only; WordLevel names it there too.
  const modelUnk = typeof json.model.unk_token === 'string' ? named(json.model.unk_token)?.id : undefined;
  const unk = modelUnk ?? tok.model?.unk_token_id;

  const toId = (token: string): number => {
    const id = idOf(token) ?? unk;
    if (id === undefined)
      throw new Error(`${where}: the token "${token}" has no id and the tokenizer has no unknown token`);
    // The library takes ids from the file as they are: a corrupt file may give false, 1.5 or -1.
    if (!isTokenId(id)) throw new Error(`${where}: the token "${token}" has id ${String(id)}, not a whole number`);
    return id;
  };

  /** How many tokens each pre-tokenized word gives: the tokenizer's own normalizer, pre-tokenizer and model, word by word. */
  const wordSizes = (text: string): number[] => {
    const normalized = tok.normalizer ? tok.normalizer(text) : text;
    const words = tok.pre_tokenizer ? tok.pre_tokenizer(normalized, { section_index: 0 }) : [normalized];
    return words.map((w) => (tok.model ? tok.model([w]).length : 1)).filter((n) => n > 0);
  };

  return {
    mask,
    pad,
    maxLength,
    padTo: typeof fixed === 'number' ? fixed : undefined,
    decode: (ids) => guarded(where, () => (ids.length ? tok.decode(ids, { skip_special_tokens: false }).trim() : '')),
    encode: (text, max) => guarded(where, () => encode(text, max)),
  };

  function encode(text: string, max: number): EncodedText {
    const content = tok.tokenize(text, { add_special_tokens: false });
    const sizes = wordSizes(text);
    const wordsFound = sizes.reduce((a, b) => a + b, 0) === content.length;
    const contentWord: number[] = [];
    if (wordsFound) sizes.forEach((n, w) => contentWord.push(...new Array<number>(n).fill(w)));
    else content.forEach((_, i) => contentWord.push(i));
    const specials = tok.post_processor ? tok.post_processor([], null, true).tokens.length : 0;
    const keep = Math.max(0, Math.min(content.length, max - specials));
    const kept = content.slice(0, keep);
    const processed = tok.post_processor ? tok.post_processor(kept, null, true) : { tokens: kept };
    const tokens = processed.tokens;
    // The template puts the text's tokens in one run between its special tokens: find where.
    let at = -1;
    for (let o = 0; o + kept.length <= tokens.length && at < 0; o++) {
      if (kept.every((t, i) => tokens[o + i] === t)) at = o;
    }
    if (at < 0)
      throw new Error(`${where}: the post-processor reorders the text's tokens; Model Lens cannot place them`);
    const wordOf = tokens.map((_, i) => (i >= at && i < at + kept.length ? contentWord[i - at] : -1));
    return {
      ids: tokens.map(toId),
      tokens,
      typeIds: processed.token_type_ids ?? new Array<number>(tokens.length).fill(0),
      wordOf,
      truncated: keep < content.length,
      wordsFound,
    };
  }
}
