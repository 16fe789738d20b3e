/** Checks messages from webviews before a handler sees them: a webview is untrusted input. */
import { METHOD_CHOICES } from './explainTypes';
import type { PanelRequests } from './messages';

type Validator = (params: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const emptyObject: Validator = (p) =>
  isObject(p) && Object.keys(p).length === 0 ? undefined : 'expected no parameters';

function isNumberMap(v: unknown, lo: number, hi: number): boolean {
  if (!isObject(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length <= 1000 &&
    entries.every(([k, n]) => k.length <= 256 && typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi)
  );
}

const MAX_EXPORT = 64 * 1024 * 1024;
const FORMATS = new Set(['svg', 'png', 'csv', 'json', 'html', 'npy']);
const isShortString = (v: unknown, max = 4096) => typeof v === 'string' && v.length <= max;
/** A typed-in text: a sentence or a paragraph, not a document. */
const MAX_SENTENCE = 2000;

/** Row selections as the engine reads them: "0-19", "3, 7, 10-12". */
const ROWS = /^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/;
/** Output targets as the CLI's --target writes them. */
const TARGET = /^(predicted|element:\d+|region:\d+,\d+,\d+,\d+(@\d+)?)$/;
const METHODS = new Set<string>(METHOD_CHOICES);
const optionalString = (v: unknown) => v === undefined || isShortString(v, 1024);
const optionalInt = (v: unknown, lo: number, hi: number) =>
  v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi);

/** The Attributions tab's choices: known fields only, each of its type and range. */
/** The choices the Explain form writes to the sidecar (a typed-in sentence is the panel's alone). */
export const SIDECAR_CHOICE_FIELDS: readonly string[] = [
  'data',
  'background',
  'backgroundSize',
  'rows',
  'method',
  'output',
  'samples',
  'tolerance',
  'seed',
  'link',
  'classes',
  'targetClass',
  'target',
];

export function choicesProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'choices must be an object';
  const known = new Set([...SIDECAR_CHOICE_FIELDS, 'sentence']);
  const extra = Object.keys(c).find((k) => !known.has(k));
  if (extra) return `unknown choice '${extra}'`;
  if (!METHODS.has(c.method as string)) return `method must be one of ${[...METHODS].join(', ')}`;
  if (!optionalInt(c.classes, 1, 1000)) return 'classes must be a whole number from 1 to 1000';
  if (!optionalString(c.targetClass)) return 'targetClass must be a class name or index';
  if (c.target !== undefined && (typeof c.target !== 'string' || !TARGET.test(c.target)))
    return 'target must be element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted';
  if (c.sentence !== undefined && !isShortString(c.sentence, MAX_SENTENCE))
    return `sentence must be a text of at most ${MAX_SENTENCE} characters`;
  if (!optionalString(c.data) || !optionalString(c.background) || !optionalString(c.output))
    return 'paths and names must be short strings';
  // Rows may be long: an error cohort's rows, chosen in the Evaluation tab.
  if (
    !(c.rows === undefined || isShortString(c.rows, 65_536)) ||
    (c.rows !== undefined && !ROWS.test(c.rows as string))
  )
    return 'rows must be rows and ranges such as 0-19 or 3, 7, 10-12';
  if (!optionalInt(c.backgroundSize, 1, 100_000)) return 'backgroundSize must be a whole number from 1';
  if (!optionalInt(c.samples, 1, 10_000_000)) return 'samples must be a whole number from 1';
  if (
    c.tolerance !== undefined &&
    !(typeof c.tolerance === 'number' && c.tolerance > 0 && Number.isFinite(c.tolerance))
  )
    return 'tolerance must be a number above 0';
  if (!optionalInt(c.seed, 0, 2 ** 31 - 1)) return 'seed must be a whole number from 0';
  if (c.link !== undefined && c.link !== 'identity' && c.link !== 'logit') return 'link must be identity or logit';
  return undefined;
}

/** The Evaluation tab's choices: a data path and label column (or ''), an optional output, threshold in [0, 1] and depth. */
export function evaluationChoicesProblem(p: unknown): string | undefined {
  if (!isObject(p)) return 'expected an object';
  const known = new Set(['data', 'label', 'output', 'threshold', 'depth']);
  const extra = Object.keys(p).find((k) => !known.has(k));
  if (extra) return `unknown parameter '${extra}'`;
  if (!isShortString(p.data, 1024) || (p.data as string).trim() === '') return 'data must be a file path';
  // Empty for an image model's folder per class (its pictures are labelled by their subfolders).
  if (!isShortString(p.label, 256)) return 'label must be a column name';
  if (!optionalString(p.output)) return 'output must be an output name';
  if (!optionalProbability(p.threshold)) return 'threshold must be a number from 0 to 1';
  if (!optionalInt(p.depth, 1, 12)) return 'depth must be a whole number from 1 to 12';
  return undefined;
}

const optionalProbability = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 1);

const withChoices =
  (extra?: (p: Record<string, unknown>) => string | undefined): Validator =>
  (p) => {
    if (!isObject(p)) return 'expected an object';
    return choicesProblem(p.choices) ?? extra?.(p);
  };

const panelValidators: { [K in keyof PanelRequests]: Validator } = {
  'explain/options': emptyObject,
  'explain/cancel': emptyObject,
  'explain/pickFile': (p) =>
    isObject(p) && (p.purpose === 'data' || p.purpose === 'background')
      ? undefined
      : "expected { purpose: 'data' | 'background' }",
  'explain/plan': withChoices(),
  'explain/outputMap': withChoices(),
  'explain/run': withChoices(),
  'explain/importance': withChoices((p) => (isShortString(p.label, 256) ? undefined : 'label must be a column name')),
  'explain/pdp': withChoices((p) => (isShortString(p.feature, 256) ? undefined : 'feature must be a feature name')),
  'explain/report': emptyObject,
  'explain/columns': (p) =>
    isObject(p) && Object.keys(p).length === 1 && isShortString(p.data, 1024) ? undefined : 'expected { data }',
  'explain/evaluate': evaluationChoicesProblem,
  'explain/rules': evaluationChoicesProblem,
  'explain/threshold': (p) =>
    isObject(p) && Object.keys(p).length === 1 && (p.threshold === null || optionalProbability(p.threshold))
      ? undefined
      : 'expected { threshold: a number from 0 to 1, or null }',
  'panel/command': (p) => {
    if (!isObject(p) || (p.command !== 'revealModel' && p.command !== 'openSidecar')) return 'unknown command';
    const extra = Object.keys(p).find((k) => k !== 'command' && k !== 'choices');
    if (extra) return `unknown parameter '${extra}'`;
    return p.choices === undefined ? undefined : choicesProblem(p.choices);
  },
  'panel/ready': emptyObject,
  'panel/runOnce': (p) => {
    if (!isObject(p) || !isNumberMap(p.dimSizes, 1, 1 << 20) || !isNumberMap(p.fill, -1e15, 1e15)) {
      return 'expected { dimSizes, fill } mapping names to numbers';
    }
    return undefined;
  },
  'profile/run': (p) => {
    if (!isObject(p)) return 'expected an object';
    const extra = Object.keys(p).find((k) => !['batches', 'threads', 'runs', 'data', 'dimSizes'].includes(k));
    if (extra) return `unknown parameter '${extra}'`;
    const ints = (v: unknown, hi: number) =>
      Array.isArray(v) && v.length >= 1 && v.length <= 16 && v.every((n) => Number.isInteger(n) && n >= 1 && n <= hi);
    if (!ints(p.batches, 65536)) return 'batches must be 1 to 16 whole numbers from 1 to 65536';
    if (!ints(p.threads, 256)) return 'threads must be 1 to 16 whole numbers from 1 to 256';
    if (p.data !== undefined && (typeof p.data !== 'string' || p.data.length === 0 || p.data.length > 4096))
      return 'data must be a file name';
    if (p.runs !== undefined && (!Number.isInteger(p.runs) || (p.runs as number) < 1 || (p.runs as number) > 10_000))
      return 'runs must be a whole number from 1 to 10000';
    if (!isNumberMap(p.dimSizes, 1, 1 << 20)) return 'dimSizes must map names to sizes';
    return undefined;
  },
  'graph/index': emptyObject,
  'panel/summary': (p) => {
    if (!isObject(p) || Object.keys(p).some((k) => k !== 'dimSizes')) return 'expected { dimSizes? }';
    if (p.dimSizes !== undefined && !isNumberMap(p.dimSizes, 1, 1 << 20))
      return 'dimSizes must map names to sizes from 1 to 2^20';
    return undefined;
  },
  'graph/view': (p) => {
    if (!isObject(p) || !Array.isArray(p.expanded)) return 'expected { expanded: string[] }';
    if (p.expanded.length > 100_000 || !p.expanded.every((e) => isShortString(e)))
      return 'expanded must be a list of group ids';
    return undefined;
  },
  'graph/node': (p) => (isObject(p) && isShortString(p.id) ? undefined : 'expected { id: string }'),
  'panel/saveFile': (p) => {
    if (!isObject(p)) return 'expected an object';
    if (!isShortString(p.defaultName, 255) || /[\\/]|^\.\.?$/.test(p.defaultName as string))
      return 'defaultName must be a plain file name';
    if (!FORMATS.has(p.format as string)) return 'unknown format';
    const hasText = typeof p.text === 'string' && p.text.length <= MAX_EXPORT;
    const hasBase64 =
      typeof p.base64 === 'string' && p.base64.length <= MAX_EXPORT && /^[A-Za-z0-9+/=]*$/.test(p.base64);
    if (hasText === hasBase64) return 'expected exactly one of text or base64';
    return undefined;
  },
};

export function validatePanelMessage(method: string, params: unknown): string | undefined {
  const v = (panelValidators as Record<string, Validator | undefined>)[method];
  if (!v) return `Unknown request '${method}'.`;
  const problem = v(params);
  return problem === undefined ? undefined : `Invalid '${method}' request: ${problem}.`;
}
